import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import StandardPageFactory, home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", apps=["partners", "theme"], stdout=io.StringIO())


def get(client, url, language="de"):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language)


def test_the_root_sends_german_readers_to_the_german_site(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de")
    assert response["Location"] == "/de/"


def test_the_root_sends_english_readers_to_the_english_site(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/en/"


def test_the_home_page_introduces_the_network(client, demo):
    content = client.get("/de/").content.decode()
    assert "Coesfeld 12.0" in content


def test_the_english_home_page_is_the_translation(client, demo):
    content = client.get("/en/").content.decode()
    assert "Knowledge network Kreis Coesfeld" in content
    assert '<html lang="en">' in content


def test_the_home_page_links_to_the_page_in_leichte_sprache(client, demo):
    content = client.get("/de/").content.decode()
    assert 'href="/de/leichte-sprache/"' in content


@pytest.mark.parametrize("slug", ["impressum", "datenschutz", "barrierefreiheit"])
def test_every_page_links_to_the_legal_pages_in_its_footer(client, demo, slug):
    content = client.get("/de/leichte-sprache/").content.decode()
    assert f'href="/de/{slug}/"' in content


def test_english_readers_are_told_the_legal_pages_are_in_german(client, demo):
    content = client.get("/en/").content.decode()
    assert '<a href="/de/impressum/" lang="de">' in content


def test_an_entry_point_leads_to_its_part_of_the_site_in_the_readers_language(client, demo):
    content = client.get("/en/").content.decode()
    with translation.override("en"):
        assert f'href="{reverse("search:search")}"' in content


def test_pages_marked_for_menus_appear_in_the_main_navigation(client):
    StandardPageFactory(title="Über uns", slug="ueber-uns", show_in_menus=True)
    content = client.get("/de/").content.decode()
    assert '<a href="/de/ueber-uns/">Über uns</a>' in content


def test_an_unpublished_page_is_not_in_the_main_navigation(client):
    page = StandardPageFactory(title="Entwurf", slug="entwurf", show_in_menus=True)
    page.unpublish()
    assert "Entwurf" not in client.get("/de/").content.decode()


def test_an_unknown_address_gets_a_friendly_404(client):
    response = client.get("/de/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Startseite" in response.content.decode()


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm Wagtail's per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_the_home_page_renders_with_a_bounded_number_of_queries(client, demo):
    assert count_queries(client, "/de/") <= 14


def test_more_menu_pages_do_not_mean_more_queries(client, demo):
    StandardPageFactory(title="Eins", slug="eins", show_in_menus=True)
    one = count_queries(client, "/de/")
    for number in range(5):
        StandardPageFactory(title=f"Mehr {number}", slug=f"mehr-{number}", show_in_menus=True)
    assert count_queries(client, "/de/") == one


def test_the_home_page_is_the_site_root_in_german():
    assert home_page("de").url == "/de/"


def test_german_content_shown_to_english_readers_is_marked_as_german(client):
    # A fresh site has no English home page yet, so /en/ shows the German one.
    content = client.get("/en/").content.decode()
    assert '<main id="main" tabindex="-1" class="site-main" lang="de">' in content
