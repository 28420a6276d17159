"""Bad input from editors gets a message, never a 500, and nothing is saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kb.blocks import BodyBlock, ChecklistBlock, ImageBlock, TableBlock
from kb.models import ArticlePage, ProjectPage
from kb.models.knowledge import add_months
from tests.factories import partner_page

pytestmark = pytest.mark.django_db


def test_add_months_keeps_the_day_where_it_can():
    assert add_months(datetime.date(2026, 3, 15), 12) == datetime.date(2027, 3, 15)


def test_add_months_clamps_to_the_end_of_a_shorter_month():
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)


def test_add_months_goes_backwards():
    assert add_months(datetime.date(2026, 1, 10), -14) == datetime.date(2024, 11, 10)


def test_a_review_interval_of_zero_is_refused(library):
    page = ArticlePage(
        title="x", slug="x", summary="s", review_interval=0, body=[("paragraph", "<p>x</p>")]
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "review_interval" in error.value.message_dict


def test_an_empty_body_is_refused(library):
    page = ArticlePage(title="x", slug="x", summary="s", body=[])
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "body" in error.value.message_dict


def test_a_project_ending_before_it_starts_is_refused(library):
    page = ProjectPage(
        title="x",
        slug="x",
        summary="s",
        goal="g",
        description="<p>d</p>",
        start_date=datetime.date(2026, 5, 1),
        end_date=datetime.date(2026, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "end_date" in error.value.message_dict


def test_an_image_without_alternative_text_is_refused():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Foto", file=get_test_image_file())
    with pytest.raises(ValidationError):
        ImageBlock().clean({"image": image, "alt_text": "  ", "decorative": False, "caption": ""})


def test_a_decorative_image_needs_no_alternative_text():
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    image = get_image_model().objects.create(title="Foto", file=get_test_image_file())
    value = ImageBlock().clean({"image": image, "alt_text": "", "decorative": True, "caption": ""})
    assert value["decorative"]


def test_a_table_row_with_too_many_cells_is_refused():
    with pytest.raises(ValidationError):
        TableBlock().clean({"caption": "Kosten", "header": ["A", "B"], "rows": [["1", "2", "3"]]})


def test_an_empty_checklist_is_refused():
    with pytest.raises(ValidationError):
        ChecklistBlock().clean({"title": "Leer", "items": ["  "]})


def test_the_body_accepts_every_block_the_editors_are_offered():
    assert set(BodyBlock().child_blocks) == {
        "heading",
        "paragraph",
        "image",
        "document",
        "quote",
        "callout",
        "checklist",
        "table",
        "link_box",
    }


def test_the_admin_shows_a_message_for_an_article_without_body(
    client, editorial_user, library, mobility
):
    client.force_login(editorial_user)
    parent = partner_page("olfen")
    url = reverse("wagtailadmin_pages:add", args=["kb", "articlepage", parent.pk])
    data = nested_form_data(
        {
            "title": "Ohne Inhalt",
            "slug": "ohne-inhalt",
            "summary": "Zusammenfassung",
            "body": streamfield([]),
            "starting_point": rich_text(""),
            "solution": rich_text(""),
            "costs": rich_text(""),
            "data_protection": rich_text(""),
            "lessons_learned": rich_text(""),
            "review_interval": "12",
            "attachments-TOTAL_FORMS": "0",
            "attachments-INITIAL_FORMS": "0",
            "related_pages-TOTAL_FORMS": "0",
            "related_pages-INITIAL_FORMS": "0",
        }
    )
    data["topics"] = [mobility.pk]
    response = client.post(url, data)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["body"]
    assert not ArticlePage.objects.filter(slug="ohne-inhalt").exists()
