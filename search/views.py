"""Search surfaces: the results page, autocomplete, the help page and the OpenSearch file."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from . import services
from .reports import record_query


@require_GET
def search(request):
    """Results with facets, sorting and pages — all in the URL, no JavaScript needed."""
    filters = services.clean_filters(request.GET)
    results = services.search(
        request.GET.get("q", ""),
        request.user,
        page_number=request.GET.get("page", 1),
        filters=filters,
        sort=request.GET.get("sort", "relevance"),
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
    suggestions = services.autocomplete(request.GET.get("q", ""), request.user)
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
        {"search_url": request.build_absolute_uri(request.path.rsplit("/", 2)[0] + "/")},
        content_type="application/opensearchdescription+xml",
    )
