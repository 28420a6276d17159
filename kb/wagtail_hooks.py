"""Admin wiring: topics as translatable snippets, the "review due", "broken links" and
translation status reports, reuse declarations; the check that serves documents only to
readers of their pages (kb.documents)."""

import django_filters
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView, ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet

from partners.models import Partner

from . import autosave, documents
from .models import KnowledgePage, LinkCheck, Reuse, Topic
from .reviews import overdue_pages
from .translation_report import TranslationReportView, may_see_translation_report

page_permission_policy = PagePermissionPolicy()


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class ReuseViewSet(ModelViewSet):
    model = Reuse
    icon = "repeat"
    menu_label = _("Reuse")
    menu_order = 205
    add_to_admin_menu = True
    list_display = ["page", "partner", "stage", "updated_at"]
    list_filter = ["stage", "partner"]
    form_fields = ["stage", "note"]
    copy_view_enabled = False


class ReviewDueFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), empty_label=_("All partners"), queryset=Partner.objects.all()
    )

    class Meta:
        model = KnowledgePage
        fields = ["partner"]


class ReviewDueReportView(PageReportView):
    """ "Überprüfung fällig": pages whose review date has passed, oldest first."""

    page_title = _("Review due")
    header_icon = "time"
    results_template_name = "kb/admin/review_due_results.html"
    filterset_class = ReviewDueFilterSet
    index_url_name = "kb_review_due"
    index_results_url_name = "kb_review_due_results"
    list_export = [*PageReportView.list_export, "partner", "review_due_on"]
    export_headings = {
        **PageReportView.export_headings,
        "partner": _("Partner"),
        "review_due_on": _("Review due on"),
    }
    permission_required = "change"

    def get_filename(self):
        return "ueberpruefung-faellig"

    def get_queryset(self):
        editable = self.permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        self.queryset = overdue_pages().filter(pk__in=editable.values("pk"))
        return super().get_queryset()


@hooks.register("register_admin_viewset")
def register_topic_viewset():
    return TopicViewSet()


@hooks.register("register_admin_viewset")
def register_reuse_viewset():
    return ReuseViewSet("reuse")


@hooks.register("register_admin_urls")
def register_review_report_urls():
    return [
        path("reports/review-due/", ReviewDueReportView.as_view(), name="kb_review_due"),
        path(
            "reports/review-due/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="kb_review_due_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return MenuItem(
        _("Review due"), reverse("kb_review_due"), name="review-due", icon_name="time", order=650
    )


@hooks.register("before_serve_document")
def serve_documents_to_their_readers(document, request):
    return documents.refuse_others(document, request)


@hooks.register("before_edit_page")
def keep_workflow_actions_out_of_autosave(request, page):
    """Only the editor's own submission performs a workflow action (see kb.autosave)."""
    autosave.keep_workflow_actions_out_of_autosave(request, page)


class BrokenLinksFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), empty_label=_("All partners"), queryset=Partner.objects.all()
    )

    class Meta:
        model = LinkCheck
        fields = ["partner"]


class BrokenLinksReportView(ReportView):
    """ "Defekte Links": links in live pages the last check found broken, for the pages the
    editor may change (a partner's editors their section, the editorial team all)."""

    page_title = _("Broken links")
    header_icon = "warning"
    model = LinkCheck
    permission_policy = page_permission_policy
    permission_required = "change"
    results_template_name = "kb/admin/broken_links_results.html"
    filterset_class = BrokenLinksFilterSet
    index_url_name = "kb_broken_links"
    index_results_url_name = "kb_broken_links_results"
    context_object_name = "link_checks"
    list_export = ["page.title", "partner", "url", "problem_text", "checked_at"]
    export_headings = {
        "page.title": _("Page"),
        "partner": _("Partner"),
        "url": _("Link"),
        "problem_text": _("Problem"),
        "checked_at": _("Checked at"),
    }

    def get_filename(self):
        return "defekte-links"

    def get_queryset(self):
        editable = page_permission_policy.instances_user_has_permission_for(
            self.request.user, "change"
        )
        return (
            LinkCheck.objects.exclude(problem=LinkCheck.Problem.NONE)
            .filter(page__in=editable.values("pk"))
            .select_related("page", "partner")
            .order_by("partner__name", "page__title", "url")
        )


@hooks.register("register_admin_urls")
def register_broken_links_report_urls():
    return [
        path("reports/broken-links/", BrokenLinksReportView.as_view(), name="kb_broken_links"),
        path(
            "reports/broken-links/results/",
            BrokenLinksReportView.as_view(results_only=True),
            name="kb_broken_links_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return MenuItem(
        _("Broken links"),
        reverse("kb_broken_links"),
        name="broken-links",
        icon_name="warning",
        order=660,
    )


class TranslationReportMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_translation_report(request.user)


@hooks.register("register_admin_urls")
def register_translation_report_urls():
    return [
        path("reports/translations/", TranslationReportView.as_view(), name="kb_translations"),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="kb_translations_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    return TranslationReportMenuItem(
        _("Translation status"),
        reverse("kb_translations"),
        name="kb-translations",
        icon_name="globe",
        order=670,
    )
