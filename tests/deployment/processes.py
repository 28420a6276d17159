"""Real processes of the site against the test database: gunicorn servers, manage.py commands.

A deployment runs several workers and a task worker that share only the database and the
cache. These helpers start such processes on the current test database (a transactional
test's committed data), so a test can prove that what one process changes, another sees.
"""

import contextlib
import os
import select
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection

STARTUP_SECONDS = 60


def site_environment(folder: Path, **overrides: str) -> dict[str, str]:
    """The environment of a process of this site on the test database, sharing its cache.

    SQLite's test database lives in memory, so its committed state is copied to a file in
    ``folder`` first; PostgreSQL's test database is used as it is.
    """
    if connection.vendor == "sqlite":
        path = folder / "site.sqlite3"
        target = sqlite3.connect(path)
        try:
            connection.ensure_connection()
            connection.connection.backup(target)
        finally:
            target.close()
        database_url = f"sqlite:///{path}"
    else:
        db = connection.settings_dict
        database_url = (
            f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
        )
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": database_url,
            "MEDIA_ROOT": str(folder / "media"),
        }
    )
    environment.update(overrides)
    return environment


def run_manage(*args: str, environment: dict[str, str]) -> subprocess.CompletedProcess:
    """Run ``manage.py`` in a process of its own; fail the test with its output if it fails."""
    result = subprocess.run(  # noqa: S603  (our own manage.py with fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def gunicorn(environment: dict[str, str], workers: int = 1) -> Iterator[str]:
    """A gunicorn server of the site; yields its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603  (the venv's gunicorn with fixed arguments)
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            # Production's gunicorn settings; the command line overrides where to listen.
            f"--config={settings.BASE_DIR / 'deploy' / 'gunicorn.conf.py'}",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(base, process)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_answering(base: str, process: subprocess.Popen) -> None:
    """Wait for gunicorn to say it listens (its log line), then for the first answer: the
    socket queues that request until a worker has loaded the site."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while "Listening at" not in (line := _next_log_line(process, deadline)):
        if not line and process.poll() is not None:
            raise AssertionError("gunicorn stopped before it listened")
    fetch(base + "/robots.txt", timeout=max(1.0, deadline - time.monotonic()))


def _next_log_line(process: subprocess.Popen, deadline: float) -> str:
    readable, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
    if not readable:
        raise AssertionError(f"gunicorn did not listen within {STARTUP_SECONDS} s")
    return process.stderr.readline()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, timeout: float = 30) -> tuple[int, str]:
    """GET ``url`` as a visitor (no cookies, redirects not followed): status and body."""
    try:
        with _opener.open(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
