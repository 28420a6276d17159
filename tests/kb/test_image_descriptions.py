"""A knowledge page's teaser image takes its alternative text from the image's description
(issue 15): a page is not published with an undescribed image, and the demo's images are
described."""

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kb.demo import _image
from kb.demo_media import teaser_description
from kb.models import ArticlePage
from tests.factories import partner_page
from theme.images import needs_description

pytestmark = pytest.mark.django_db

PUBLISH = {"action-publish": "action-publish"}
REFUSAL = "Das Bild „Rathaus“ hat keine Beschreibung"


def image(description=""):
    return get_image_model().objects.create(
        title="Rathaus", description=description, file=get_test_image_file()
    )


def draft_article(mobility):
    article = ArticlePage(title="Entwurf", slug="entwurf", summary="Ein Entwurf.", live=False)
    partner_page("duelmen").add_child(instance=article)
    article.topics.set([mobility])
    return article


def edit_form_data(page, teaser, **extra):
    """What the admin's edit form of an article posts, with ``teaser`` as its image."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "image": teaser.pk,
            "body": streamfield([("paragraph", rich_text("<p>Text des Beitrags.</p>"))]),
            "starting_point": rich_text(""),
            "solution": rich_text(""),
            "costs": rich_text(""),
            "data_protection": rich_text(""),
            "lessons_learned": rich_text(""),
            "review_interval": "12",
            "attachments": inline_formset([]),
            "related_pages": inline_formset([]),
        }
    )
    data["topics"] = [topic.pk for topic in page.topics.all()]
    data.update(extra)
    return data


@pytest.fixture
def editing(client, editorial_user, mobility):
    """The admin client of the editorial team and the edit URL of a draft article."""
    client.force_login(editorial_user)
    article = draft_article(mobility)
    return client, article, reverse("wagtailadmin_pages:edit", args=[article.pk])


def test_an_article_whose_image_has_no_description_is_not_published(editing):
    client, article, url = editing
    client.post(url, edit_form_data(article, image(), **PUBLISH))
    article.refresh_from_db()
    assert not article.live


def test_the_refused_publication_tells_the_editor_to_describe_the_image(editing):
    client, article, url = editing
    response = client.post(url, edit_form_data(article, image(), **PUBLISH))
    assert REFUSAL in " ".join(response.context["form"].errors["image"])


def test_an_article_whose_image_has_no_description_is_not_submitted_for_review(
    client, duelmen_editor, mobility
):
    client.force_login(duelmen_editor)
    article = draft_article(mobility)
    url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    response = client.post(url, edit_form_data(article, image(), **{"action-submit": "1"}))
    assert REFUSAL in " ".join(response.context["form"].errors["image"])


def test_a_draft_may_keep_an_image_that_is_not_yet_described(editing):
    client, article, url = editing
    teaser = image()
    response = client.post(url, edit_form_data(article, teaser))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.get_latest_revision_as_object().image == teaser


def test_an_article_with_a_described_image_is_published(editing):
    client, article, url = editing
    client.post(url, edit_form_data(article, image("Das Rathaus von Olfen"), **PUBLISH))
    article.refresh_from_db()
    assert article.live


def test_a_demo_teaser_image_is_described():
    assert not needs_description(_image("Digitale Bauakte", 3))


def test_a_demo_teasers_description_names_the_colours_it_is_drawn_in():
    assert "Streifen in Petrol" in teaser_description(0)
    assert "Kreisringen in Violett" in teaser_description(0)
