import pytest

from jobs import runner


@pytest.fixture
def only_jobs(monkeypatch):
    """Narrow the schedule the scheduler runs to the given jobs."""

    def narrow(*jobs):
        monkeypatch.setattr(runner, "JOBS", list(jobs))
        monkeypatch.setattr(runner, "JOBS_BY_NAME", {job.name: job for job in jobs})

    return narrow
