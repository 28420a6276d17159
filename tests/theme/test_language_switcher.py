import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import StandardPageFactory, home_page

pytestmark = pytest.mark.django_db


def switcher_link(content: str, language: str) -> str:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', content, re.S).group(0)
    return re.search(rf'<a href="([^"]+)" hreflang="{language}"', nav).group(1)


@pytest.fixture
def demo(db):
    call_command("load_demo", apps=["partners", "theme"], stdout=io.StringIO())


def test_the_switcher_leads_from_the_german_to_the_english_home_page(client, demo):
    assert switcher_link(client.get("/de/").content.decode(), "en") == "/en/"


def test_the_switcher_keeps_you_on_the_translated_page(client, demo):
    german = StandardPageFactory(title="Hilfe", slug="hilfe")
    english_home = home_page("en")
    english = german.copy_for_translation(english_home.locale)
    english.title = "Help"
    english.save_revision().publish()
    assert switcher_link(client.get("/de/hilfe/").content.decode(), "en") == english.url


def test_without_a_translation_the_switcher_stays_on_the_page_in_the_other_language(client, demo):
    StandardPageFactory(title="Nur Deutsch", slug="nur-deutsch")
    assert (
        switcher_link(client.get("/de/nur-deutsch/").content.decode(), "en") == "/en/nur-deutsch/"
    )


def test_english_readers_of_an_untranslated_page_get_the_german_original_with_a_notice(
    client, demo
):
    StandardPageFactory(title="Nur Deutsch", slug="nur-deutsch", body="<p>Deutscher Text.</p>")
    response = client.get("/en/nur-deutsch/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Deutscher Text." in content
    assert "has not been translated yet" in content
    assert '<html lang="en">' in content


def test_the_fallback_keeps_view_restrictions(client, demo):
    from wagtail.models import PageViewRestriction

    page = StandardPageFactory(title="Intern", slug="intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/en/intern/")
    assert response.status_code == 302
    assert "login" in response["Location"] or "account" in response["Location"]


def test_a_path_that_exists_in_no_language_is_still_not_found(client, demo):
    assert client.get("/en/gibt-es-nirgends/").status_code == 404


def test_the_switcher_keeps_you_on_the_same_view_outside_the_page_tree(client):
    with translation.override("de"):
        german_login = reverse("account_login")
    with translation.override("en"):
        english_login = reverse("account_login")
    assert switcher_link(client.get(german_login).content.decode(), "en") == english_login


def test_the_page_head_names_its_alternate_languages(client, demo):
    content = client.get("/de/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="/en/">' in content


def test_the_url_words_are_translated(client):
    with translation.override("de"):
        german = reverse("search:search")
    with translation.override("en"):
        english = reverse("search:search")
    assert german == "/de/suche/"
    assert english == "/en/search/"
