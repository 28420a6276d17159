"""An old address answers 301 in every language after a page's slug changes or it moves."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale

from tests.factories import ArticlePageFactory, partner_page

pytestmark = pytest.mark.django_db


def translate(page, **fields):
    translation = page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    for ancestor in translation.get_ancestors().filter(depth__gt=2).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return translation


def publish_with_slug(page, slug, commit):
    """Publish ``page`` under a new slug; ``commit`` runs what Wagtail does on commit (its
    automatic redirect)."""
    page.slug = slug
    with commit(execute=True):
        page.save_revision().publish()


@pytest.fixture
def e_akte(library):
    return ArticlePageFactory(title="E-Akte", slug="e-akte", partner="olfen")


def test_the_old_english_address_answers_301_to_the_new_one_after_an_english_slug_change(
    client, e_akte, django_capture_on_commit_callbacks
):
    english = translate(e_akte, title="E-file")
    publish_with_slug(english, "e-file", django_capture_on_commit_callbacks)
    response = client.get("/en/partner/olfen/e-akte/")
    assert (response.status_code, response["Location"]) == (301, "/en/partner/olfen/e-file/")


def test_the_old_english_address_answers_301_even_before_wagtails_redirect_exists(client, e_akte):
    english = translate(e_akte, title="E-file")
    english.slug = "e-file"
    english.save_revision().publish()
    assert not Redirect.objects.exists()
    response = client.get("/en/partner/olfen/e-akte/")
    assert (response.status_code, response["Location"]) == (301, "/en/partner/olfen/e-file/")


def test_the_old_german_address_answers_301_to_the_new_one_after_a_german_slug_change(
    client, e_akte, django_capture_on_commit_callbacks
):
    publish_with_slug(e_akte, "e-akte-neu", django_capture_on_commit_callbacks)
    response = client.get("/de/partner/olfen/e-akte/")
    assert (response.status_code, response["Location"]) == (301, "/de/partner/olfen/e-akte-neu/")


def test_the_old_english_fallback_address_follows_a_german_slug_change(
    client, e_akte, django_capture_on_commit_callbacks
):
    publish_with_slug(e_akte, "e-akte-neu", django_capture_on_commit_callbacks)
    response = client.get("/en/partner/olfen/e-akte/")
    assert (response.status_code, response["Location"]) == (301, "/en/partner/olfen/e-akte-neu/")


def test_the_english_translation_keeps_its_address_after_a_german_slug_change(
    client, e_akte, django_capture_on_commit_callbacks
):
    translate(e_akte, title="E-file")
    publish_with_slug(e_akte, "e-akte-neu", django_capture_on_commit_callbacks)
    response = client.get("/en/partner/olfen/e-akte/")
    assert response.status_code == 200
    assert "E-file" in response.content.decode()


def test_the_old_german_address_answers_301_after_the_page_moved_to_another_section(
    client, e_akte, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        e_akte.move(partner_page("duelmen"), pos="last-child")
    response = client.get("/de/partner/olfen/e-akte/")
    assert (response.status_code, response["Location"]) == (301, "/de/partner/duelmen/e-akte/")


def test_the_old_english_fallback_address_follows_a_move(
    client, e_akte, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        e_akte.move(partner_page("duelmen"), pos="last-child")
    response = client.get("/en/partner/olfen/e-akte/")
    assert (response.status_code, response["Location"]) == (301, "/en/partner/duelmen/e-akte/")
