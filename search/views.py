"""Search surfaces: the results page, autocomplete, the help page and the OpenSearch file."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from theme.query_params import (
    ChoiceParam,
    FreeTextParam,
    PageParam,
    QueryForm,
    TextParam,
    YearParam,
    read,
)
from theme.site_address import absolute_url

from . import services
from .backends.base import FACETS
from .reports import record_query


class SearchQuery(QueryForm):
    """What the results page reads from the URL. A refused filter is left out: the facets
    offer only values that exist, so a refused one was never chosen from them."""

    q = FreeTextParam()
    # Elasticsearch pages at most 10,000 hits deep.
    page = PageParam(last=10_000 // services.RESULTS_PER_PAGE)
    sort = ChoiceParam(choices=[(sort, sort) for sort in services.SORTS], initial="relevance")
    kind = TextParam()
    topic = TextParam()
    partner = TextParam()
    year = YearParam()
    solved = ChoiceParam(choices=[("yes", "yes"), ("no", "no")])

    @property
    def filters(self) -> dict[str, str]:
        return {name: str(self.value(name)) for name in FACETS if self.value(name)}


@require_GET
def search(request):
    """Results with facets, sorting and pages — all in the URL, no JavaScript needed."""
    query = SearchQuery(request.GET)
    filters = query.filters
    results = services.search(
        query.value("q"),
        request.user,
        page_number=query.value("page"),
        filters=filters,
        sort=query.value("sort"),
    )
    if results.query and not filters and results.page.number == 1:
        record_query(results.query, results.total)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "results": results,
            "search_query": results.query,
            "promotions": services.promotions(results.query, request.user),
        },
    )


@require_GET
def autocomplete(request):
    """Titles for the search box as the reader types (JSON)."""
    suggestions = services.autocomplete(read(request.GET, "q", FreeTextParam()), request.user)
    response = JsonResponse({"suggestions": suggestions})
    response["Cache-Control"] = "private, max-age=60"
    return response


@require_GET
def help_page(request):
    return TemplateResponse(request, "search/help.html", {})


@require_GET
def opensearch(request):
    return TemplateResponse(
        request,
        "search/opensearch.xml",
        {"search_url": absolute_url(request.path.rsplit("/", 2)[0] + "/")},
        content_type="application/opensearchdescription+xml",
    )
