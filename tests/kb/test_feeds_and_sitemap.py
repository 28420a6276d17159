import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory
from theme.site_address import page_url

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    with translation.override("de"):
        return reverse(name, kwargs=kwargs)


@pytest.fixture
def pages(library, mobility):
    public = ArticlePageFactory(title="Öffentlicher Beitrag", partner="olfen", topics=[mobility])
    secret = ArticlePageFactory(title="Interner Beitrag", partner="olfen", topics=[mobility])
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    draft = ArticlePageFactory(title="Entwurf", partner="olfen", topics=[mobility])
    draft.unpublish()
    return public, secret, draft


@pytest.mark.parametrize(
    "feed",
    [
        ("kb:library_feed", {"kind": "rss"}),
        ("kb:library_feed", {"kind": "atom"}),
        ("kb:topic_feed", {"slug": "mobilitaet", "kind": "rss"}),
        ("kb:partner_feed", {"slug": "olfen", "kind": "atom"}),
    ],
    ids=["library-rss", "library-atom", "topic-rss", "partner-atom"],
)
def test_feeds_carry_public_pages_only(member_client, pages, feed):
    name, kwargs = feed
    content = member_client.get(url(name, **kwargs)).content.decode()
    assert "Öffentlicher Beitrag" in content
    assert "Interner Beitrag" not in content and "Entwurf" not in content


def test_an_unknown_feed_kind_is_not_found(client, library):
    assert client.get(url("kb:library_feed", kind="rss").replace("rss", "json")).status_code == 404


def test_a_partner_feed_of_an_unknown_partner_is_not_found(client, library):
    assert client.get(url("kb:partner_feed", slug="nirgendwo", kind="rss")).status_code == 404


def test_the_sitemap_lists_public_pages_only(client, pages):
    content = client.get("/sitemap.xml").content.decode()
    public, secret, draft = pages
    assert page_url(public) in content
    assert page_url(secret) not in content and page_url(draft) not in content


def test_robots_txt_points_to_the_sitemap(client, settings):
    settings.SITE_BASE_URL = "https://wissensnetz.example.de"
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: https://wissensnetz.example.de/sitemap.xml" in response.content.decode()
