"""Counts shown to readers are grouped as their language writes them: 1.234 and 1,234."""

import pytest
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from forum.choices import Visibility
from forum.models import Category
from search import services
from search.services import SearchResults

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_results(monkeypatch):
    """The search answers 1234 hits, none of them on the page shown."""

    def search(query, user, **kwargs):
        return SearchResults(query=query, page=Paginator([], 10).page(1), total=1234)

    monkeypatch.setattr(services, "search", search)


@pytest.fixture
def busy_category(db):
    category = Category.objects.create(
        slug="allgemein",
        name="Allgemein",
        visibility=Visibility.PUBLIC,
        locale=Locale.objects.get(language_code="de"),
    )
    Category.objects.filter(pk=category.pk).update(post_count=1234)
    return category


def page(client, language: str, name: str, query: str = "") -> str:
    with translation.override(language):
        url = reverse(name)
    return client.get(url + query).content.decode()


def test_the_search_result_count_is_grouped_in_german(client, many_results):
    assert "1.234 Treffer" in page(client, "de", "search:search", "?q=akte")


def test_the_search_result_count_is_grouped_in_english(client, many_results):
    assert "1,234 results" in page(client, "en", "search:search", "?q=akte")


def test_a_forum_categorys_post_count_is_grouped_in_german(client, busy_category):
    assert "<td>1.234</td>" in page(client, "de", "forum:index")


def test_a_forum_categorys_post_count_is_grouped_in_english(client, busy_category):
    assert "<td>1,234</td>" in page(client, "en", "forum:index")
