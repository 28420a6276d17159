"""Search as a visitor meets it: from the header box to a facet to the article, and axe-core
on the results page."""

import re

import pytest
from playwright.sync_api import expect

from search.indexing import backends
from search.indexing_all import all_documents
from tests.factories import ArticlePageFactory, library_structure

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def articles():
    library_structure()
    found = [
        ArticlePageFactory(title="Glasfaserausbau in Olfen", partner="olfen"),
        ArticlePageFactory(title="Glasfaser für Schulen in Dülmen", partner="duelmen"),
    ]
    for backend in backends():
        backend.rebuild(all_documents())
    return found


def test_a_visitor_searches_from_the_header_filters_by_partner_and_opens_a_hit(
    page, urls, articles
):
    page.goto(urls.home())
    page.get_by_role("combobox", name="Das Wissensnetz durchsuchen").fill("Glasfaser")
    page.get_by_role("combobox", name="Das Wissensnetz durchsuchen").press("Enter")
    expect(page.get_by_role("status")).to_have_text("2 Treffer")
    page.get_by_role("link", name=re.compile(r"^Olfen \(1\)")).click()
    expect(page.get_by_role("status")).to_have_text("1 Treffer")
    page.get_by_role("link", name="Glasfaserausbau in Olfen").click()
    expect(page).to_have_url(re.compile(articles[0].slug))


def test_the_search_page_has_no_axe_violations(page, urls, articles, assert_accessible):
    page.goto(urls("search:search") + "?q=Glasfaser")
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
