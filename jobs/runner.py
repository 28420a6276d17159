"""Running the schedule: claim a due job, run it, record how it went.

A claim is one conditional UPDATE (due and not held by an unexpired lease), so of two
schedulers that start the same job at the same moment exactly one gets it, on SQLite and on
PostgreSQL alike; the other sees the lease, or after the run the next due time, and skips.
"""

import logging
from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from .models import DoneMark, JobState
from .schedule import JOBS, JOBS_BY_NAME, Job

logger = logging.getLogger(__name__)

# Marks are only asked about for the current period; a quarter keeps them readable afterwards.
MARKS_KEPT = timedelta(days=90)
RESULT_LENGTH = 2000


def ensure_states(now: datetime) -> None:
    """Give every job in the schedule its row; a row that exists is left as it is."""
    known = set(JobState.objects.values_list("name", flat=True))
    JobState.objects.bulk_create(
        [
            JobState(name=job.name, next_due_at=job.first_due(now))
            for job in JOBS
            if job.name not in known
        ],
        ignore_conflicts=True,
    )


def claim(job: Job, now: datetime) -> bool:
    """Take the job if it is due and nobody holds it; True for the one caller that got it."""
    taken = (
        JobState.objects.filter(name=job.name, next_due_at__lte=now)
        .filter(Q(leased_until__isnull=True) | Q(leased_until__lte=now))
        .update(leased_until=now + job.lease, last_started_at=now)
    )
    return taken == 1


def execute(job: Job, started_at: datetime) -> bool:
    """Run a claimed job, record its result and its next due time, and let it go."""
    try:
        result, ok = job.run() or "", True
    except Exception as error:
        # One failing job must not keep the others from running; the admin shows the error.
        logger.exception("Scheduled job %s failed", job.name)
        result, ok = f"{type(error).__name__}: {error}", False
    JobState.objects.filter(name=job.name).update(
        next_due_at=job.next_after(started_at),
        leased_until=None,
        last_finished_at=timezone.now(),
        last_ok=ok,
        last_result=result[:RESULT_LENGTH],
    )
    return ok


def run_due_jobs() -> dict[str, bool | None]:
    """Run every job that is due, once; returns each job started and whether it succeeded
    (None: handed to the task worker)."""
    from .tasks import run_job_in_worker

    ensure_states(timezone.now())
    started: dict[str, bool | None] = {}
    for job in JOBS:
        now = timezone.now()
        if not claim(job, now):
            continue
        if job.in_worker:
            run_job_in_worker.enqueue(job.name, now.isoformat())
            started[job.name] = None
        else:
            started[job.name] = execute(job, now)
    DoneMark.objects.filter(created_at__lt=timezone.now() - MARKS_KEPT).delete()
    return started


def run_claimed(name: str, started_at: datetime) -> bool | None:
    """Run a job the scheduler claimed and handed on (None: no longer in the schedule)."""
    job = JOBS_BY_NAME.get(name)
    if job is None:
        return None
    return execute(job, started_at)
