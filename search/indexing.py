"""Keeping the index true: apps name the keys that changed, a task refreshes them.

``schedule(keys)`` collects keys for the current transaction and, once it commits, enqueues
one ``refresh`` task (django-tasks: run at once in development, by the worker in
production). ``refresh`` asks each key's adapter for the document again — None means "no
longer findable" — and writes it to the database's index and, when a search engine is
configured, to the engine.

The database's index is written even when the engine serves searches, on purpose: it is the
fallback that answers while the engine is away, and it holds what the engine does not — the
written words per audience for "Meinten Sie …?", the audiences a reader may hold, the entries
editors' recommendations are checked against. With an engine, ``schedule`` also records the
keys in ``PendingIndexUpdate`` inside the same transaction (``search.pending``), so a write
the engine missed is delivered later rather than lost.
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from . import pending
from .backends import database_backend, get_backend
from .backends.errors import EngineUnavailable
from .registry import adapter_for

logger = logging.getLogger(__name__)

CATCH_UP_PASSES = 100


def engine():
    """The configured search engine, or None when the database alone searches."""
    configured = get_backend()
    return None if configured is database_backend() else configured


def schedule(keys: Iterable[str]) -> None:
    """Refresh these entries after the current transaction commits, in one task per
    transaction however many changes it made."""
    keys = set(keys)
    if not keys:
        return
    if engine() is not None:
        pending.mark(keys)
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


def _documents(keys: list[str]):
    documents, gone = [], []
    for key in keys:
        adapter, object_id = adapter_for(key)
        document = adapter.document(object_id) if adapter else None
        (documents.append(document) if document else gone.append(key))
    return documents, gone


def _write(backend, documents, gone) -> None:
    if gone:
        backend.delete(gone)
    if documents:
        backend.index(documents)


def refresh_now(keys: Iterable[str]) -> None:
    """Bring these keys' entries in line with the database, at once.

    Raises ``EngineUnavailable`` when the engine is away; the keys then stay pending.
    """
    keys = sorted(set(keys))
    if not keys:
        return
    search_engine = engine()
    changes = pending.snapshot(keys) if search_engine else {}
    documents, gone = _documents(keys)
    _write(database_backend(), documents, gone)
    if search_engine is None:
        return
    try:
        _write(search_engine, documents, gone)
    except Exception as error:
        _note_failure(changes, error)
        raise
    pending.delivered(changes)


def _note_failure(changes, error) -> None:
    """Keep the changes pending when the engine was away (a bug is raised, not retried)."""
    # Imported here: only a site with an engine reaches this, and only it loads the client.
    from .backends.engine import is_unavailable

    if is_unavailable(error):
        pending.failed(changes, error)


def deliver(keys: Iterable[str]) -> None:
    """Write these keys' entries to the engine only (the database's index is current)."""
    keys = sorted(set(keys))
    search_engine = engine()
    if not keys or search_engine is None:
        return
    changes = pending.snapshot(keys)
    documents, gone = _documents(keys)
    try:
        _write(search_engine, documents, gone)
    except Exception as error:
        _note_failure(changes, error)
        raise
    pending.delivered(changes)


def catch_up(ignore_backoff: bool = False, retries_only: bool = False) -> int:
    """Deliver every pending key whose back-off has passed; returns how many were delivered.
    Stops at the first batch the engine does not take (``EngineUnavailable`` propagates).

    ``retries_only`` leaves out keys never tried: their own tasks are on the way.
    """
    delivered = 0
    # Bounded: keys that keep changing while they are delivered must not hold the caller.
    for _ in range(CATCH_UP_PASSES):
        keys = pending.due_keys(ignore_backoff=ignore_backoff, retries_only=retries_only)
        if not keys:
            break
        deliver(keys)
        delivered += len(keys)
    return delivered


def rebuild(backend, documents, progress=None) -> int:
    """Rebuild ``backend`` and then write again what changed while it ran: those changes
    went to the index the alias pointed to before the switch."""
    started = timezone.now()
    written = backend.rebuild(documents, progress=progress)
    if backend is not database_backend():
        changed = pending.changed_since(started)
        documents, gone = _documents(sorted(changed))
        _write(backend, documents, gone)
    return written


@task()
def refresh(keys: list[str]) -> None:
    """The background task behind ``schedule``; it also delivers what earlier tasks could
    not. An engine that is away is no failure of the task: the keys stay pending."""
    try:
        refresh_now(keys)
        catch_up(retries_only=True)
    except EngineUnavailable:
        logger.warning("The search engine is away; %d keys stay pending.", len(keys))
