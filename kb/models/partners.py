"""Partner spaces: one PartnerPage per partner, holding that partner's articles and projects."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from theme.slugs import TransliteratedSlugMixin

from ..blocks import RICH_TEXT_FEATURES


class PartnerIndexPage(TransliteratedSlugMixin, Page):
    """The list of the twelve partners."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["theme.HomePage"]
    subpage_types = ["kb.PartnerPage"]

    class Meta:
        verbose_name = _("partner index")
        verbose_name_plural = _("partner indexes")

    def get_context(self, request, *args, **kwargs):
        from ..listings import partner_overview

        context = super().get_context(request, *args, **kwargs)
        context["partners"] = partner_overview(self, request)
        return context


class PartnerPage(TransliteratedSlugMixin, Page):
    """A partner's public profile and its section of the library ("partner space").

    Its editors (group "Redaktion <partner>") may add and edit pages only below it.
    """

    # A ForeignKey, not one-to-one: the English translation points to the same partner.
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="pages",
    )
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("partner"), FieldPanel("intro")]

    parent_page_types = ["kb.PartnerIndexPage"]
    subpage_types = ["kb.ArticlePage", "kb.ProjectPage"]

    class Meta:
        verbose_name = _("partner page")
        verbose_name_plural = _("partner pages")

    def clean(self):
        super().clean()
        others = PartnerPage.objects.filter(partner_id=self.partner_id, locale_id=self.locale_id)
        if self.partner_id and others.exclude(pk=self.pk).exists():
            raise ValidationError({"partner": _("This partner already has a page.")})

    def get_context(self, request, *args, **kwargs):
        from ..listings import partner_space

        context = super().get_context(request, *args, **kwargs)
        context.update(partner_space(self, request))
        return context
