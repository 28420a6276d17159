"""Keeping the index true: apps name the keys that changed, a task refreshes them.

``schedule(keys)`` collects keys for the current transaction and, once it commits, enqueues
one ``refresh`` task (django-tasks: run at once in development, by the worker in
production). ``refresh`` asks each key's adapter for the document again — None means "no
longer findable" — and writes to the configured backend and, when that is not the database,
to the database backend too, which stays ready as the fallback.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django_tasks import task

from .backends import database_backend, get_backend
from .registry import adapter_for

logger = logging.getLogger(__name__)


def schedule(keys: Iterable[str]) -> None:
    """Refresh these entries after the current transaction commits, in one task per
    transaction however many changes it made."""
    keys = set(keys)
    if not keys:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        refresh.enqueue(sorted(keys))
        return
    # A rolled-back transaction drops its on-commit callbacks: start a new batch then.
    if not any(func is _enqueue for _, func, _ in connection.run_on_commit):
        connection.search_pending = set()
        transaction.on_commit(_enqueue, robust=True)
    connection.search_pending |= keys


def _enqueue() -> None:
    connection = transaction.get_connection()
    keys, connection.search_pending = sorted(connection.search_pending), set()
    refresh.enqueue(keys)


def backends():
    """Every backend that holds the index: the configured one, and the database's."""
    configured, database = get_backend(), database_backend()
    return [configured] if configured is database else [configured, database]


def refresh_now(keys: Iterable[str]) -> None:
    """Bring these keys' entries in line with the database, at once."""
    documents, gone = [], []
    for key in sorted(set(keys)):
        adapter, object_id = adapter_for(key)
        document = adapter.document(object_id) if adapter else None
        (documents.append(document) if document else gone.append(key))
    for backend in backends():
        if gone:
            backend.delete(gone)
        if documents:
            backend.index(documents)


@task()
def refresh(keys: list[str]) -> None:
    """The background task behind ``schedule``."""
    refresh_now(keys)
