from datetime import datetime

from django_tasks import task


@task()
def run_job_in_worker(name: str, started_at: str) -> bool | None:
    """Run a scheduled job the scheduler claimed and handed to the task worker."""
    from .runner import run_claimed

    return run_claimed(name, datetime.fromisoformat(started_at))
