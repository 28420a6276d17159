"""Production settings are read from the environment and pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENVIRONMENT = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "wissensnetz.kreis-coesfeld.de",
    "DATABASE_URL": "postgres://wissensnetz@db.example.invalid:5432/wissensnetz",
}


def run_manage(*args, environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS"}
    }
    env.update(environment)
    return subprocess.run(  # noqa: S603  (fixed arguments, our own manage.py)
        [sys.executable, "manage.py", *args, "--settings=config.settings.production"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    environment = {k: v for k, v in PRODUCTION_ENVIRONMENT.items() if k != "SECRET_KEY"}
    result = run_manage("check", environment=environment)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_passes_the_deployment_checks_without_warnings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=PRODUCTION_ENVIRONMENT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_keeps_database_connections_open_with_health_checks():
    script = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'], db['HOST'])"
    )
    result = run_manage("shell", "-c", script, environment=PRODUCTION_ENVIRONMENT)
    assert result.stdout.split()[-3:] == ["600", "True", "db.example.invalid"]


def test_production_reads_elasticsearch_and_mail_from_the_environment():
    script = (
        "from django.conf import settings; print(settings.ELASTICSEARCH_URL, settings.EMAIL_HOST)"
    )
    environment = {
        **PRODUCTION_ENVIRONMENT,
        "ELASTICSEARCH_URL": "http://search.example.invalid:9200",
        "EMAIL_HOST": "smtp.example.invalid",
    }
    result = run_manage("shell", "-c", script, environment=environment)
    assert result.stdout.split()[-2:] == [
        "http://search.example.invalid:9200",
        "smtp.example.invalid",
    ]


def test_the_development_defaults_need_no_services():
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert (
        settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "wagtail.search.backends.database"
    )
