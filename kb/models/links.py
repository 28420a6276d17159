"""The last check of each link in published pages, for the editors' broken-link report."""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class LinkCheck(models.Model):
    """One link of one live page as the last run of ``check_links`` found it.

    A run replaces the rows of every page it checks; ``problem`` is empty for a link that works.
    """

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("Internal page")
        DOCUMENT = "document", _("Document")
        EXTERNAL = "external", _("External address")

    class Problem(models.TextChoices):
        NONE = "", _("No problem")
        UNPUBLISHED = "unpublished", _("Page not published")
        MISSING = "missing", _("Link target deleted")
        STATUS = "status", _("Error response")
        UNREACHABLE = "unreachable", _("Server not reachable")

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="link_checks",
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.CharField(_("link"), max_length=2000)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    problem = models.CharField(
        _("problem"), max_length=12, choices=Problem.choices, blank=True, default=""
    )
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("link check")
        verbose_name_plural = _("link checks")
        ordering = ["page_id", "url"]
        indexes = [models.Index(fields=["problem", "partner"], name="kb_linkcheck_problem")]

    def __str__(self):
        return self.url

    @property
    def problem_text(self) -> str:
        """The problem as the report names it, the status code included."""
        if self.problem == self.Problem.STATUS:
            return gettext("Response %(status)s") % {"status": self.status_code}
        return self.get_problem_display()
