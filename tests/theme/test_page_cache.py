import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_visitor_gets_a_page_rendered_before_from_the_cache(client):
    page = StandardPageFactory(title="Impressum", slug="impressum")
    client.get(page.url)
    assert queries_for(client, page.url) == 0


def test_publishing_a_change_shows_at_once(client):
    page = StandardPageFactory(title="Alt", slug="seite")
    client.get(page.url)
    page.title = "Neu"
    page.save_revision().publish()
    assert "Neu" in client.get(page.url).content.decode()


def test_members_always_get_a_fresh_page(member_client):
    page = StandardPageFactory(slug="seite")
    member_client.get(page.url)
    assert queries_for(member_client, page.url) > 0


def test_a_page_with_a_form_token_is_not_cached(client):
    from tests.factories import home_page
    from theme.models import AccessibilityStatementPage

    page = AccessibilityStatementPage(
        title="Barrierefreiheit", slug="barrierefreiheit", body="<p>x</p>"
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    client.get(page.url)
    assert queries_for(client.__class__(), page.url) > 0


def test_a_members_only_page_is_never_cached(client, member):
    page = StandardPageFactory(title="Intern", slug="intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(member)
    client.get(page.url)
    client.logout()
    assert client.get(page.url).status_code == 302


def test_cached_pages_keep_the_security_headers(client):
    page = StandardPageFactory(slug="seite")
    client.get(page.url)
    response = client.get(page.url)
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_browsers_are_told_not_to_keep_a_copy(client):
    page = StandardPageFactory(slug="seite")
    assert "max-age=0" in client.get(page.url)["Cache-Control"]
