"""What the scheduler remembers: each job's next due time, who holds it, and its last run;
and the marks that let a job do a piece of work once per period."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobState(models.Model):
    """One row per scheduled job (jobs.schedule.JOBS), created by the first scheduler run."""

    name = models.CharField(_("job"), max_length=60, unique=True)
    next_due_at = models.DateTimeField(_("next due"))
    # A run holds the job until it finishes or until this passes: a run that crashed does not
    # block the job for longer than its lease.
    leased_until = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    last_finished_at = models.DateTimeField(_("last finished"), null=True, blank=True)
    last_ok = models.BooleanField(_("last run succeeded"), null=True, blank=True)
    last_result = models.TextField(_("result"), blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DoneMark(models.Model):
    """A piece of periodic work already done, e.g. "forum digest for user 7 on 2026-12-03"."""

    key = models.CharField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self):
        return self.key
