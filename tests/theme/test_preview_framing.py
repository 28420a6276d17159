"""The admin frames its previews; nothing else frames anything of the site."""

import pytest
from django.urls import reverse

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision_preview(client, editorial_user, library):
    article = ArticlePageFactory(title="Parkausweis online beantragen")
    client.force_login(editorial_user)
    url = reverse(
        "wagtailadmin_pages:revisions_view", args=[article.pk, article.latest_revision.pk]
    )
    return client.get(url)


def test_a_page_preview_may_be_framed_by_the_site_itself(revision_preview):
    assert "Parkausweis online beantragen" in revision_preview.content.decode()
    assert "frame-ancestors 'self'" in revision_preview["Content-Security-Policy"]


def test_a_page_preview_allows_same_origin_framing_to_older_browsers(revision_preview):
    assert revision_preview["X-Frame-Options"] == "SAMEORIGIN"


def test_the_published_page_still_may_not_be_framed(client, library):
    article = ArticlePageFactory(title="Parkausweis online beantragen")
    response = client.get(article.url)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
