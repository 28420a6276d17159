from django.template.response import TemplateResponse

from .services import search as run_search


def search(request):
    results = run_search(request.GET.get("q", ""), request.user, request.GET.get("page"))
    return TemplateResponse(request, "search/search.html", {"results": results})
