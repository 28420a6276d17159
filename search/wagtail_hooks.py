"""Admin wiring: the search query report, the wanted articles and the synonym list."""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import CreateView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from .admin_views import QueryReportView, wanted_article_from_query, wanted_article_policy
from .models import Synonym, WantedArticle
from .wanted import open_wanted_articles, to_do_list

DASHBOARD_LIMIT = 10


class WantedArticleCreateView(CreateView):
    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class WantedArticleViewSet(ModelViewSet):
    """The editorial to-do list: articles readers searched for and did not find."""

    model = WantedArticle
    add_view_class = WantedArticleCreateView
    icon = "clipboard-list"
    menu_label = _("Wanted articles")
    list_display = ["title", "query", "status", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["title", "query", "note"]
    search_backend_name = None
    form_fields = ["title", "query", "status", "note"]
    copy_view_enabled = False

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(queryset=to_do_list(), **kwargs)


class SynonymViewSet(ModelViewSet):
    """Words and abbreviations the search treats as the same."""

    model = Synonym
    icon = "list-ul"
    menu_label = _("Synonyms")
    list_display = ["terms"]
    search_fields = ["terms"]
    search_backend_name = None
    form_fields = ["terms"]
    copy_view_enabled = False


class SearchGroup(ModelViewSetGroup):
    menu_label = _("Search")
    menu_icon = "search"
    menu_order = 240
    items = (WantedArticleViewSet("wanted_articles"), SynonymViewSet("synonyms"))


class QueryReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_querystat")


class WantedArticlesPanel(Component):
    """Dashboard panel: the newest wanted articles nobody has finished yet."""

    name = "wanted_articles"
    template_name = "search/admin/wanted_articles_panel.html"
    order = 230

    def __init__(self, articles):
        self.articles = articles

    def get_context_data(self, parent_context):
        return {"articles": self.articles}


@hooks.register("register_admin_viewset")
def register_search_viewsets():
    return SearchGroup()


@hooks.register("register_admin_urls")
def register_query_report_urls():
    return [
        path("reports/search-queries/", QueryReportView.as_view(), name="search_query_report"),
        path(
            "reports/search-queries/results/",
            QueryReportView.as_view(results_only=True),
            name="search_query_report_results",
        ),
        path(
            "reports/search-queries/wanted-article/",
            wanted_article_from_query,
            name="search_wanted_article_from_query",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_query_report_menu_item():
    return QueryReportMenuItem(
        _("Search queries"),
        reverse("search_query_report"),
        name="search-queries",
        icon_name="search",
        order=660,
    )


@hooks.register("register_permissions")
def register_query_report_permission():
    return Permission.objects.filter(content_type__app_label="search", codename="view_querystat")


@hooks.register("construct_homepage_panels")
def add_wanted_articles_panel(request, panels):
    if not wanted_article_policy.user_has_permission(request.user, "change"):
        return
    articles = list(open_wanted_articles()[:DASHBOARD_LIMIT])
    if articles:
        panels.append(WantedArticlesPanel(articles))
