"""The one entry point every search surface calls; views never talk to a backend."""

import re
from dataclasses import dataclass

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class SearchResults:
    query: str
    page: PaginatorPage


def normalise_query(raw: str) -> str:
    """Drop control characters and collapse whitespace; long input is cut, not refused."""
    cleaned = "".join(ch for ch in raw if ch.isprintable() or ch.isspace())
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def search(raw_query: str, user, page_number) -> SearchResults:
    """Search the live public pages."""
    query = normalise_query(raw_query)
    # The database backends give quotes, brackets and operators a syntax of their own;
    # plain words are what this search understands.
    terms = " ".join(re.sub(r"[^\w]+", " ", query).split())
    if terms:
        results = Page.objects.live().public().specific().search(terms)
    else:
        results = Page.objects.none()
    paginator = Paginator(results, RESULTS_PER_PAGE)
    return SearchResults(query=query, page=paginator.get_page(page_number))
