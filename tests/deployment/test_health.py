"""/healthz tells a load balancer whether a worker can serve, and monitoring what is wrong."""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from django_tasks import task

import config.health
from config.health import CHECKS

pytestmark = pytest.mark.django_db


@task()
def remember_nothing():
    """A task for the queue to hold."""


def states(response) -> dict[str, str]:
    return {name: part["status"] for name, part in response.json()["checks"].items()}


def test_a_healthy_site_reports_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert states(response) == dict.fromkeys(CHECKS, "ok")


def test_a_database_that_fails_takes_the_worker_out_of_the_balancer(client, monkeypatch):
    def failing_cursor():
        raise OperationalError("connection refused")

    monkeypatch.setattr(config.health.connection, "cursor", failing_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert states(response)["database"] == "down"


def test_a_cache_server_that_is_away_is_reported_down_without_waiting_long(client, settings):
    from tests.deployment.processes import free_port

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert states(response)["cache"] == "down"
    assert response.json()["checks"]["cache"]["ms"] < 3000


def test_a_task_waiting_too_long_marks_the_queue_degraded_but_keeps_serving(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    result = remember_nothing.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(seconds=settings.HEALTH_TASK_DELAY_SECONDS + 60)
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert states(response)["task_queue"] == "degraded"


def test_a_task_just_enqueued_leaves_the_queue_ok(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    remember_nothing.enqueue()
    assert states(client.get("/healthz"))["task_queue"] == "ok"


def test_a_search_engine_that_is_away_marks_the_site_degraded(client, monkeypatch):
    class AwayEngine:
        def healthy(self):
            return False

    monkeypatch.setattr(config.health, "get_backend", AwayEngine)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert states(response)["search_engine"] == "degraded"


def test_the_health_report_names_no_error_and_no_setting(client, monkeypatch):
    def failing_cursor():
        raise OperationalError("password authentication failed for user wissensnetz")

    monkeypatch.setattr(config.health.connection, "cursor", failing_cursor)
    assert "wissensnetz" not in client.get("/healthz").content.decode()
