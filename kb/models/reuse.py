from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import ReuseStage


class Reuse(models.Model):
    """A partner's declaration that it reuses a solution ("Nachnutzung"), and how far it got.

    Kept on the page in the default language, so that translations share one table. At most
    one declaration per partner and page; the owning partner does not declare.
    """

    page = models.ForeignKey(
        "kb.KnowledgePage", verbose_name=_("page"), on_delete=models.CASCADE, related_name="reuses"
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="reuses",
    )
    stage = models.CharField(_("stage"), max_length=20, choices=ReuseStage.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["partner__name"]
        verbose_name = _("reuse")
        verbose_name_plural = _("reuses")
        constraints = [
            models.UniqueConstraint(fields=["page", "partner"], name="kb_reuse_one_per_partner")
        ]

    def __str__(self):
        return f"{self.partner} – {self.get_stage_display()}"
