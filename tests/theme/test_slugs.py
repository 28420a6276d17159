import pytest
from taggit.models import Tag

from partners.models import Expertise
from tests.factories import ArticlePageFactory, home_page
from theme.models import StandardPage
from theme.slugs import slugify

BODY = "<p>Text der Seite.</p>"


def test_umlauts_are_written_out_in_slugs():
    assert (
        slugify("Parkplätze für Öffentliche Übergänge")
        == "parkplaetze-fuer-oeffentliche-uebergaenge"
    )


def test_sharp_s_becomes_double_s_in_slugs():
    assert slugify("Straßenbeleuchtung") == "strassenbeleuchtung"


@pytest.mark.django_db
def test_a_page_saved_without_a_slug_gets_its_title_transliterated():
    page = StandardPage(title="Parkplätze am Rathaus", slug="", body=BODY)
    home_page().add_child(instance=page)
    assert page.slug == "parkplaetze-am-rathaus"


@pytest.mark.django_db
def test_a_second_page_with_the_same_title_gets_a_numbered_transliterated_slug():
    home = home_page()
    home.add_child(instance=StandardPage(title="Parkplätze", slug="", body=BODY))
    second = StandardPage(title="Parkplätze", slug="", body=BODY)
    home.add_child(instance=second)
    assert second.slug == "parkplaetze-2"


@pytest.mark.django_db
def test_an_article_saved_without_a_slug_gets_its_title_transliterated(library):
    assert ArticlePageFactory(title="Straßen und Plätze", slug="").slug == "strassen-und-plaetze"


@pytest.mark.django_db
def test_a_new_tag_gets_a_transliterated_slug():
    assert Tag.objects.create(name="Parkplätze").slug == "parkplaetze"


@pytest.mark.django_db
def test_a_tag_whose_slug_is_taken_keeps_taggits_numbered_suffix():
    Tag.objects.create(name="Parkplaetze")
    assert Tag.objects.create(name="Parkplätze").slug == "parkplaetze_1"


@pytest.mark.django_db
def test_a_new_expertise_gets_a_transliterated_slug():
    assert Expertise.objects.create(name="Datenschutz & Gesetzmäßigkeit").slug == (
        "datenschutz-gesetzmaessigkeit"
    )


def test_the_admin_slug_field_tells_wagtails_script_to_write_umlauts_out():
    widget = StandardPage.get_edit_handler().get_form_class().base_fields["slug"].widget
    formatters = widget.attrs["data-w-slug-formatters-value"]
    assert '"ae"' in formatters and '"ss"' in formatters
