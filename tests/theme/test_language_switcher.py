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
    call_command("load_demo", stdout=io.StringIO())


def test_the_switcher_leads_from_the_german_to_the_english_home_page(client, demo):
    assert switcher_link(client.get("/de/").content.decode(), "en") == "/en/"


def test_the_switcher_keeps_you_on_the_translated_page(client, demo):
    german = StandardPageFactory(title="Hilfe", slug="hilfe")
    english_home = home_page("en")
    english = german.copy_for_translation(english_home.locale)
    english.title = "Help"
    english.save_revision().publish()
    assert switcher_link(client.get("/de/hilfe/").content.decode(), "en") == english.url


def test_without_a_translation_the_switcher_leads_to_the_nearest_translated_page(client, demo):
    StandardPageFactory(title="Nur Deutsch", slug="nur-deutsch")
    assert switcher_link(client.get("/de/nur-deutsch/").content.decode(), "en") == "/en/"


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
