"""The scheduler runs each job when it is due, once, and records how it went."""

import configparser
import threading
from datetime import datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection

from jobs.models import JobState
from jobs.runner import claim, ensure_states, run_due_jobs
from jobs.schedule import JOBS_BY_NAME, Job
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
MORNING = datetime(2026, 12, 3, 10, 22, 30, tzinfo=BERLIN)


def every_minute(name, run=lambda: "done"):
    return Job(name, name, run, every=timedelta(minutes=1))


def test_a_page_scheduled_for_two_minutes_ahead_is_not_live_yet(library):
    with time_machine.travel(MORNING, tick=False):
        article = ArticlePageFactory(title="Termin")
        article.unpublish()
        article.go_live_at = MORNING + timedelta(minutes=2)
        article.save_revision().publish()
        run_due_jobs()
    article.refresh_from_db()
    assert not article.live


def test_a_scheduled_page_goes_live_when_the_scheduler_runs_after_its_time(library):
    with time_machine.travel(MORNING, tick=False) as clock:
        article = ArticlePageFactory(title="Termin")
        article.unpublish()
        article.go_live_at = MORNING + timedelta(minutes=2)
        article.save_revision().publish()
        run_due_jobs()
        clock.shift(timedelta(minutes=3))
        run_due_jobs()
    article.refresh_from_db()
    assert article.live


def test_an_every_minute_job_is_due_at_the_start_of_the_next_minute():
    job = every_minute("tick")
    assert job.next_after(MORNING) == datetime(2026, 12, 3, 10, 23, tzinfo=BERLIN)


def test_a_daily_job_is_due_at_its_time_of_day_in_german_time():
    job = Job("digest", "digest", lambda: "", daily_at=time(7, 0))
    assert job.next_after(MORNING) == datetime(2026, 12, 4, 7, 0, tzinfo=BERLIN)


def test_a_job_is_not_run_again_before_its_next_due_time(only_jobs):
    runs = []
    only_jobs(every_minute("tick", lambda: runs.append(1) or "ok"))
    with time_machine.travel(MORNING, tick=False):
        run_due_jobs()
        run_due_jobs()
    assert len(runs) == 1


def test_of_two_claims_at_the_same_moment_only_one_gets_the_job():
    job = JOBS_BY_NAME["publish_scheduled"]
    ensure_states(MORNING)
    assert [claim(job, MORNING), claim(job, MORNING)] == [True, False]


def test_a_lease_left_by_a_crashed_run_expires():
    job = JOBS_BY_NAME["publish_scheduled"]
    ensure_states(MORNING)
    claim(job, MORNING)
    assert claim(job, MORNING + job.lease + timedelta(seconds=1))


def test_a_failing_job_records_its_failure(only_jobs):
    def broken():
        raise RuntimeError("Mailserver antwortet nicht")

    only_jobs(every_minute("broken", broken), every_minute("fine"))
    run_due_jobs()
    state = JobState.objects.get(name="broken")
    assert (state.last_ok, state.last_result) == (False, "RuntimeError: Mailserver antwortet nicht")


def test_the_jobs_after_a_failing_one_still_run(only_jobs):
    def broken():
        raise RuntimeError("kaputt")

    only_jobs(every_minute("broken", broken), every_minute("fine"))
    run_due_jobs()
    state = JobState.objects.get(name="fine")
    assert (state.last_ok, state.last_result) == (True, "done")


def test_a_job_for_the_task_worker_records_its_result_when_the_worker_ran_it(
    only_jobs, monkeypatch
):
    monkeypatch.setattr("kb.links.check_links", lambda: 3)
    only_jobs(JOBS_BY_NAME["check_links"])
    with time_machine.travel(datetime(2026, 12, 3, 3, 29, tzinfo=BERLIN), tick=False) as clock:
        run_due_jobs()
        clock.shift(timedelta(minutes=2))
        run_due_jobs()
    assert JobState.objects.get(name="check_links").last_result == "3 broken link(s) found."


@pytest.mark.skipif(
    "postgresql" not in connection.vendor, reason="SQLite serialises writers anyway"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_schedulers_at_the_same_moment_run_a_job_once_on_postgresql(only_jobs):
    runs = []
    only_jobs(every_minute("tick", lambda: runs.append(1) or "ok"))
    barrier = threading.Barrier(2)

    def scheduler():
        barrier.wait(timeout=10)
        try:
            run_due_jobs()
        finally:
            connection.close()

    ensure_states(MORNING)
    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(runs) == 1


def test_the_systemd_timer_starts_the_scheduler_every_minute():
    timer = configparser.ConfigParser(interpolation=None)
    timer.read(Path(settings.BASE_DIR) / "deploy" / "systemd" / "wissensnetz-jobs.timer")
    assert timer["Timer"]["OnCalendar"] == "*-*-* *:*:00"


def test_the_systemd_service_of_the_timer_runs_the_scheduler_command():
    service = configparser.ConfigParser(interpolation=None)
    service.read(Path(settings.BASE_DIR) / "deploy" / "systemd" / "wissensnetz-jobs.service")
    assert service["Service"]["ExecStart"].endswith("manage.py run_scheduled_jobs")
