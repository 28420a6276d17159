"""The editors' side of search in the Wagtail admin: what readers ask, and what they miss."""

import datetime

import django_filters
from django import forms
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import PermissionPolicyChecker
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from .models import QueryStat, WantedArticle
from .reports import query_totals
from .wanted import open_wishes_by_query, wish_for

PERIODS = [
    ("7", gettext_lazy("Last 7 days")),
    ("30", gettext_lazy("Last 30 days")),
    ("90", gettext_lazy("Last 90 days")),
    ("365", gettext_lazy("Last 365 days")),
]
DEFAULT_PERIOD = "30"
WITHOUT_RESULTS = "none"

wanted_article_policy = ModelPermissionPolicy(WantedArticle)
wanted_article_permission = PermissionPolicyChecker(wanted_article_policy)


def period_start(days: int) -> datetime.date:
    """The first day of the period of ``days`` days that ends today."""
    return timezone.localdate() - datetime.timedelta(days=days - 1)


class QueryReportFilterSet(WagtailFilterSet):
    period = django_filters.ChoiceFilter(
        label=gettext_lazy("Period"),
        choices=PERIODS,
        empty_label=None,
        initial=DEFAULT_PERIOD,
        widget=forms.RadioSelect,
        method="count_within_period",
    )
    results = django_filters.ChoiceFilter(
        label=pgettext_lazy("search query report", "Results"),
        choices=[(WITHOUT_RESULTS, gettext_lazy("Only without results"))],
        empty_label=gettext_lazy("All queries"),
        widget=forms.RadioSelect,
        method="without_results",
    )

    class Meta:
        model = QueryStat
        fields = ["period", "results"]

    def count_within_period(self, queryset, name, value):
        """The period decides which days are counted, so the report applies it before counting."""
        return queryset

    def without_results(self, queryset, name, value):
        """Queries whose latest search found nothing."""
        return queryset.filter(latest_results=0)


class QueryReportView(ReportView):
    """ "Suchanfragen": the queries of a period, most frequent first, with their latest results."""

    page_title = gettext_lazy("Search queries")
    header_icon = "search"
    results_template_name = "search/admin/query_report_results.html"
    filterset_class = QueryReportFilterSet
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    permission_policy = ModelPermissionPolicy(QueryStat)
    permission_required = "view"
    list_export = ["query", "total", "latest_results", "last_day"]
    export_headings = {
        "query": gettext_lazy("Search query"),
        "total": gettext_lazy("Searches"),
        "latest_results": gettext_lazy("Latest results"),
        "last_day": gettext_lazy("Last searched"),
    }

    def get_filename(self):
        return "suchanfragen"

    def get_filterset_kwargs(self):
        data = self.request.GET.copy()
        data.setdefault("period", DEFAULT_PERIOD)
        return {**super().get_filterset_kwargs(), "data": data}

    @cached_property
    def days(self) -> int:
        """The chosen period in days; 30 when none or an unknown one is asked for."""
        self.filters.is_valid()
        return int(self.filters.form.cleaned_data.get("period") or DEFAULT_PERIOD)

    def get_base_queryset(self):
        return query_totals(since=period_start(self.days))

    def get_filtered_queryset(self):
        return self.get_queryset()

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        if not self.is_export:
            wishes = open_wishes_by_query(row["query"] for row in rows if not row["latest_results"])
            for row in rows:
                row["wanted_article"] = wishes.get(row["query"])
        return rows

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        filters = self.request.GET.copy()
        filters.pop("_w_filter_fragment", None)
        context["return_url"] = (
            f"{self.index_url}?{filters.urlencode()}" if filters else self.index_url
        )
        context["can_add_wanted_article"] = wanted_article_policy.user_has_permission(
            self.request.user, "add"
        )
        return context


class WishForm(forms.Form):
    query = forms.CharField(max_length=200)
    next = forms.CharField(required=False)


def _return_url(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("search_query_report")


@require_POST
@wanted_article_permission.require("add")
def wanted_article_from_query(request):
    """Put a query from the report on the to-do list, or point to the wanted article it has."""
    form = WishForm(request.POST)
    back = _return_url(request, form.data.get("next", ""))
    if not form.is_valid():
        messages.error(request, _("Please choose a search query of up to 200 characters."))
        return HttpResponseRedirect(back)
    article, created = wish_for(form.cleaned_data["query"], request.user)
    edit = messages.button(reverse("wanted_articles:edit", args=[article.pk]), _("Edit"))
    if created:
        message = _("Wanted article “%(title)s” created.")
        messages.success(request, message % {"title": article.title}, buttons=[edit])
    else:
        message = _("The search query “%(query)s” is already on the list: “%(title)s”.")
        messages.warning(
            request, message % {"query": article.query, "title": article.title}, buttons=[edit]
        )
    return HttpResponseRedirect(back)
