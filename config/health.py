"""``/healthz``: whether this process can serve, for a load balancer and for monitoring.

Each part of the deployment is asked once, briefly: the database, the shared cache, the task
queue (is a worker taking tasks?) and the search engine. Without the database or the cache
nothing works, so the answer is 503 and the balancer takes the worker out. A task queue that
lags or a search engine that is away make the site *degraded*, not down: mails and index
updates wait in the queue, search falls back to the database, so the answer stays 200 and
says what is wrong. Only states are reported, never error messages or configuration.
"""

import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks import task_backends

from search.backends import get_backend

OK, DEGRADED, DOWN = "ok", "degraded", "down"
ESSENTIAL = ("database", "cache")


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return OK


def shared_cache() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, 1, timeout=10)
    found = cache.get(key)
    cache.delete(key)
    return OK if found == 1 else DOWN


def task_queue() -> str:
    """Degraded when a task that is due has waited longer than ``HEALTH_TASK_DELAY_SECONDS``:
    no worker is taking tasks (an immediate backend has no queue)."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    if not isinstance(task_backends["default"], DatabaseBackend):
        return OK
    overdue = timezone.now() - timedelta(seconds=settings.HEALTH_TASK_DELAY_SECONDS)
    # A task is due from when it was enqueued, or from its run_after when it has one.
    late = Q(run_after=get_date_max(), enqueued_at__lt=overdue) | Q(run_after__lt=overdue)
    return DEGRADED if DBTaskResult.objects.ready().filter(late).exists() else OK


def search_engine() -> str:
    return OK if get_backend().healthy() else DEGRADED


CHECKS = {
    "database": database,
    "cache": shared_cache,
    "task_queue": task_queue,
    "search_engine": search_engine,
}


def _run(check) -> tuple[str, float]:
    started = time.perf_counter()
    try:
        state = check()
    except Exception:  # noqa: BLE001  (any failure of a dependency is its state, not ours)
        state = DOWN
    return state, round((time.perf_counter() - started) * 1000, 1)


@never_cache
def healthz(request):
    """Each part's state and how long it took to answer, as JSON."""
    report = {}
    for name, check in CHECKS.items():
        state, milliseconds = _run(check)
        report[name] = {"status": state, "ms": milliseconds}
    essential_down = any(report[name]["status"] != OK for name in ESSENTIAL)
    anything_wrong = any(part["status"] != OK for part in report.values())
    overall = DOWN if essential_down else DEGRADED if anything_wrong else OK
    return JsonResponse(
        {"status": overall, "checks": report}, status=503 if essential_down else 200
    )
