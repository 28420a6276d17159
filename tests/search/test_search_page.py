import html

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import services
from search.models import Entry, QueryStat
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get(reverse("search:search"), {"q": query, **params})


@pytest.fixture
def article(sections, reindex):
    page = ArticlePageFactory(title="Glasfaserausbau in Olfen", partner="olfen")
    reindex()
    return page


def test_a_published_article_is_found(client, article):
    assert "Glasfaserausbau</mark> in Olfen" in search(client, "Glasfaserausbau").content.decode()


def test_facet_links_keep_the_query(client, article):
    assert "q=Glasfaser&amp;partner=olfen" in search(client, "Glasfaser").content.decode()


def test_a_query_is_counted_for_the_report(client, article):
    search(client, "Glasfaser")
    assert QueryStat.objects.get(query="glasfaser").results == 1


def test_a_query_without_results_is_counted_with_none(client, article):
    search(client, "Wunschthema")
    assert QueryStat.objects.get(query="wunschthema").results == 0


def test_autocomplete_answers_json(client, article):
    response = client.get(reverse("search:autocomplete"), {"q": "Glasf"})
    assert response.json()["suggestions"][0]["title"] == "Glasfaserausbau in Olfen"


def test_the_opensearch_description_names_the_search_page(client):
    response = client.get(reverse("search:opensearch"))
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert "?q={searchTerms}" in response.content.decode()


def test_the_help_page_explains_phrases(client):
    assert '"digitale Schule"' in client.get(reverse("search:help")).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "(",
        "AND OR NOT",
        "*",
        "a:b",
        "^",
        "-",
        "\x00",
        "x" * 10_000,
        "🙂",
        "مرحبا",
        "der die das",
        "NEAR(a b)",
        '"unclosed phrase',
        "-(",
        "...!!!",
    ],
)
def test_odd_input_never_breaks_the_search_page(client, article, query):
    response = search(client, query)
    results = response.context["results"]
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="q"' in content
    # A query that is left after cleaning is answered with a count, never an error.
    assert not results.query or f'<p role="status">{results.total} Treffer</p>' in content


@pytest.mark.parametrize("page", ["0", "-3", "abc", "999999999999", "1e9"])
def test_odd_page_numbers_show_a_page(client, article, page):
    response = search(client, "Glasfaser", page=page)
    results = response.context["results"]
    assert response.status_code == 200
    assert results.page.number == 1
    assert [strip_tags(hit.title) for hit in results.page.object_list] == [article.title]


# Free text, and text built from what query languages give meaning to and real words, run
# together or apart.
QUERY_PARTS = st.lists(
    st.sampled_from(
        ['"', "(", ")", "AND", "OR", "NOT", "NEAR", "*", ":", "^", "-", "+", "\x00", "der"]
        + ["Glasfaser", "Schule", "-Schule", '"Glasfaser', "title:", "{", "}", "'", ";"]
    )
    | st.text(max_size=12),
    max_size=30,
)
QUERY_TEXT = st.text(max_size=300) | st.builds(str.join, st.sampled_from(["", " "]), QUERY_PARTS)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERY_TEXT)
def test_any_text_searches_without_error(article, visitor, query):
    """Whatever the text, the answer is well formed: the first page holds as many hits as
    the total says, up to a page, and every hit and suggestion is something indexed."""
    indexed = set(Entry.objects.values_list("title", flat=True))
    with translation.override("de"):
        results = services.search(query, visitor)
        suggestions = services.autocomplete(query, visitor)
    hits = [html.unescape(strip_tags(hit.title)) for hit in results.page.object_list]
    assert len(hits) == min(results.total, services.RESULTS_PER_PAGE)
    assert set(hits) <= indexed
    assert {suggestion["title"] for suggestion in suggestions} <= indexed
