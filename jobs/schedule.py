"""The one place that says which periodic work the site does, and how often.

``manage.py run_scheduled_jobs`` (every minute from wissensnetz-jobs.timer, or ``--loop`` in
development) runs each job whose time has come; jobs.runner makes sure that a job runs once
per due time even when two schedulers start at the same moment.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partners.roles import is_editorial_team


@dataclass(frozen=True)
class Job:
    """A periodic job: every ``every`` (aligned to the minute) or daily at ``daily_at``."""

    name: str
    label: str
    run: Callable[[], str]
    every: timedelta | None = None
    daily_at: time | None = None
    # How long a run may hold the job before another scheduler may take it over.
    lease: timedelta = timedelta(minutes=30)
    # Long work goes to the task worker, so that it does not hold up the minute jobs.
    in_worker: bool = False

    def next_after(self, moment: datetime) -> datetime:
        """The first due time after ``moment``."""
        if self.every is not None:
            return moment.replace(second=0, microsecond=0) + self.every
        local = timezone.localtime(moment)
        candidate = timezone.make_aware(datetime.combine(local.date(), self.daily_at))
        if candidate <= moment:
            candidate = timezone.make_aware(
                datetime.combine(local.date() + timedelta(days=1), self.daily_at)
            )
        return candidate

    def first_due(self, moment: datetime) -> datetime:
        """When a job the scheduler has not seen before is first due: frequent jobs at once,
        daily jobs at their next time of day."""
        return moment if self.every is not None else self.next_after(moment)

    @property
    def schedule_text(self) -> str:
        if self.every is not None:
            minutes = int(self.every.total_seconds() // 60)
            if minutes == 1:
                return str(_("every minute"))
            return str(_("every %(minutes)d minutes") % {"minutes": minutes})
        return str(_("daily at %(time)s") % {"time": self.daily_at.strftime("%H:%M")})


def _command(name: str) -> Callable[[], str]:
    def run() -> str:
        out = io.StringIO()
        call_command(name, stdout=out)
        return out.getvalue().strip()

    return run


def _publish_scheduled() -> str:
    # Wagtail's command says nothing unless it dry-runs, so the count is taken here.
    from wagtail.models import Revision

    due = Revision.objects.filter(approved_go_live_at__lte=timezone.now()).count()
    call_command("publish_scheduled", stdout=io.StringIO())
    return f"{due} scheduled revision(s) published."


def _review_reminders() -> str:
    # Called directly: the command only queues the task, and the result belongs here.
    from kb.reviews import send_review_digests

    return f"{send_review_digests()} review reminder(s) sent."


def _check_links() -> str:
    from kb.links import check_links

    return f"{check_links()} broken link(s) found."


MINUTE = timedelta(minutes=1)

JOBS = [
    Job("publish_scheduled", _("Publish scheduled pages"), _publish_scheduled, every=MINUTE),
    Job("deliver_mail", _("Deliver queued mail"), _command("deliver_mail"), every=MINUTE),
    Job(
        "search_catch_up",
        _("Catch the search engine up"),
        _command("search_catch_up"),
        every=MINUTE,
    ),
    Job(
        "forum_digest",
        _("Forum: daily digest"),
        _command("forum_digest"),
        daily_at=time(7, 0),
        lease=timedelta(hours=1),
    ),
    Job(
        "forum_remind_unanswered",
        _("Forum: bring back unanswered questions"),
        _command("forum_remind_unanswered"),
        daily_at=time(8, 0),
        lease=timedelta(hours=1),
    ),
    Job(
        "send_review_reminders",
        _("Review reminders to page owners"),
        _review_reminders,
        daily_at=time(7, 30),
        lease=timedelta(hours=1),
    ),
    Job(
        "check_links",
        _("Check the links of published pages"),
        _check_links,
        daily_at=time(3, 30),
        lease=timedelta(hours=6),
        in_worker=True,
    ),
]

JOBS_BY_NAME = {job.name: job for job in JOBS}


def may_see_jobs(user) -> bool:
    """The editorial team and administrators see the scheduled jobs in the admin."""
    return is_editorial_team(user)
