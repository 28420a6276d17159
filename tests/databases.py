"""The test database: migrated once into a template, cloned by every pytest process.

Migrating from nothing costs over a minute (Wagtail's, allauth's and the project's
migrations, data migrations included), and every xdist worker and every run would pay it.
Instead the migrated database is kept as a template named after a digest of every
migration file and of Django's version, so a run migrates at most once for all its workers,
and a developer's next run not at all:

- SQLite: a file in ``.test-db/``, copied into each process's in-memory test database with
  SQLite's backup API;
- PostgreSQL: a database ``test_<name>_tpl_<digest>``, from which each process's database
  is created with ``CREATE DATABASE … TEMPLATE``.

Building and cloning happen under one lock (a file lock; on PostgreSQL an advisory lock,
which also holds between two clones of the repository sharing a server), so parallel
workers build a template once and never copy a half-built one. A template of other
migrations is dropped when a new one is built.

On top of the clone each process commits the session's read-only world (``SESSION_WORLD``)
before the first test, and serialises the result for transactional tests, which restore it.
"""

import contextlib
import fcntl
import hashlib
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import django
import pytest
from django.conf import settings
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.loader import MigrationLoader
from django.test import TestCase

ROOT = Path(__file__).resolve().parents[1]
SQLITE_TEMPLATES = ROOT / ".test-db"
ALIAS = "default"
T = TypeVar("T")


def migrations_digest() -> str:
    """Changes whenever a migration file, the set of migrations or Django's version does."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    digest = hashlib.sha256(django.get_version().encode())
    for key in sorted(loader.disk_migrations):
        module = sys.modules[type(loader.disk_migrations[key]).__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


# --- SQLite ------------------------------------------------------------------------


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_clone(connection: BaseDatabaseWrapper, digest: str) -> None:
    template = SQLITE_TEMPLATES / f"sqlite-{digest}.sqlite3"
    with _file_lock(SQLITE_TEMPLATES / "lock"):
        if not template.exists():
            for stale in SQLITE_TEMPLATES.glob("sqlite-*"):
                stale.unlink()
            building = template.with_suffix(".building")
            _migrate_into(connection, str(building))
            building.rename(template)
        _use_test_database(connection, connection.creation._get_test_db_name())
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{template}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


# --- PostgreSQL --------------------------------------------------------------------


def _postgres_clone(connection: BaseDatabaseWrapper, digest: str) -> None:
    quote = connection.ops.quote_name
    prefix = f"test_{connection.settings_dict['NAME']}_tpl_"[:50]
    template = f"{prefix}{digest}"
    target = connection.creation._get_test_db_name()
    lock_key = zlib.crc32(prefix.encode())
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock_key])
        try:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{prefix}%"])
            existing = {name for (name,) in cursor.fetchall()}
            if template not in existing:
                for stale in existing:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(stale)}")
                building = f"{template}_building"
                _migrate_into(connection, building)
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
            cursor.execute(f"CREATE DATABASE {quote(target)} WITH TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [lock_key])
    _use_test_database(connection, target)


# --- both --------------------------------------------------------------------------


def _migrate_into(connection: BaseDatabaseWrapper, name: str) -> None:
    """Django's own test-database creation (migrations, cache table), under ``name``."""
    original = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict["TEST"]
    configured = test_settings.get("NAME")
    test_settings["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    finally:
        test_settings["NAME"] = configured
        connection.close()
        _use_test_database(connection, original)


def _use_test_database(connection: BaseDatabaseWrapper, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


CLONERS = {"sqlite": _sqlite_clone, "postgresql": _postgres_clone}


def _needs_serialising(items) -> bool:
    """Whether a test of this session restores the database after flushing it."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("serialized_rollback"):
            return True
    return False


def session_database(
    request: pytest.FixtureRequest, django_db_blocker, build_world: Callable[[], None]
) -> Iterator[None]:
    """The body of the suite's ``django_db_setup``: clone, build the world, serialise."""
    connection = connections[ALIAS]
    original = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        CLONERS[connection.vendor](connection, migrations_digest())
        build_world()
        if _needs_serialising(request.session.items):
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(original, verbosity=0)


@contextlib.contextmanager
def shared_world(django_db_blocker, build: Callable[[], T], using: str = ALIAS) -> Iterator[T]:
    """Data that several tests only read, built once and rolled back after the last of them.

    For module- or class-scoped fixtures (which must also request ``django_db_setup``): what
    ``build`` makes is kept in an open transaction, each test's own transaction nests inside
    it as a savepoint, and all of it is rolled back when the fixture ends. Callbacks the build
    registers for after the commit (search indexing, mails) run at once, as after a real
    commit, so that no test inherits them. Not for transactional tests, which flush.
    """
    atomic = transaction.atomic(using=using)
    with django_db_blocker.unblock():
        atomic.__enter__()
        try:
            with TestCase.captureOnCommitCallbacks(using=using, execute=True):
                world = build()
        except BaseException:
            _roll_back(atomic, using)
            raise
    try:
        yield world
    finally:
        with django_db_blocker.unblock():
            _roll_back(atomic, using)


def _roll_back(atomic, using: str) -> None:
    transaction.set_rollback(True, using=using)
    atomic.__exit__(None, None, None)
