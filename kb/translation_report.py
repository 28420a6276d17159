"""The "Übersetzungsstand" report: which German articles and projects are translated, and which
translations are out of date (the rule: kb.translations), for those who may translate."""

import django_filters
from django.conf import settings
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from partners.models import Partner

from . import translations
from .models import KnowledgePage

TRANSLATE_PERMISSION = "wagtail_localize.submit_translation"


def may_see_translation_report(user) -> bool:
    """The editorial team and administrators: whoever may submit pages for translation."""
    return user.has_perm(TRANSLATE_PERMISSION)


class TranslationReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        empty_label=_("All"),
        choices=translations.STATUS_CHOICES,
        method="filter_status",
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), empty_label=_("All partners"), queryset=Partner.objects.all()
    )

    class Meta:
        model = KnowledgePage
        fields = ["status", "partner"]

    def filter_status(self, queryset, name, value):
        return translations.with_status_in_any(queryset, self.request.target_locales, value)


class TranslationReportView(ReportView):
    """German articles and projects, each with its status in every other language and the
    wagtail-localize action that helps: translate, or sync the translation."""

    page_title = _("Translation status")
    header_icon = "globe"
    model = KnowledgePage
    results_template_name = "kb/admin/translations_results.html"
    filterset_class = TranslationReportFilterSet
    index_url_name = "kb_translations"
    index_results_url_name = "kb_translations_results"
    context_object_name = "pages"
    list_export = ["title", "partner", "translation_summary"]
    export_headings = {
        "title": _("Title"),
        "partner": _("Partner"),
        "translation_summary": _("Translation status"),
    }

    permission_required = "submit_translation"

    def user_has_permission(self, permission):
        return may_see_translation_report(self.request.user)

    @cached_property
    def target_locales(self):
        return translations.target_locales()

    def get_filterset_kwargs(self):
        # The status filter needs the languages; the request carries them to it.
        self.request.target_locales = self.target_locales
        return super().get_filterset_kwargs()

    def get_filename(self):
        return "uebersetzungen"

    def get_queryset(self):
        german = (
            KnowledgePage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .select_related("partner")
            .order_by("partner__name", "title")
        )
        return translations.with_translation_status(german, self.target_locales)

    def decorate_paginated_queryset(self, object_list):
        object_list = list(object_list)
        for page in object_list:
            page.translation_states = translations.translation_states(page, self.target_locales)
            page.translation_summary = ", ".join(
                f"{state['locale'].language_code}: {state['label']}"
                for state in page.translation_states
            )
        return object_list

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["target_locales"] = self.target_locales
        return context
