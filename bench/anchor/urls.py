"""The anchor's one URL."""

from django.shortcuts import render
from django.urls import path


def page(request):
    """A small page rendered from a template, like the smallest page of any Django site."""
    return render(
        request,
        "anchor.html",
        {"title": "Anker", "items": [f"Eintrag {number}" for number in range(10)]},
    )


urlpatterns = [path("", page)]
