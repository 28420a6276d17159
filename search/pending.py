"""What the search engine still owes: the record that makes index writes survive an outage.

A change marks its keys in its own transaction (``mark``). Delivering a key (``deliver``)
reads the key's current document from the database and writes it to the engine; only then
is the row marked delivered, and only if no newer change came meanwhile. A write that fails
because the engine is away leaves the row pending with a back-off (``retry_at``); the next
refresh task, ``manage.py search_catch_up`` (from cron, every minute) and
``search_catch_up --wait`` deliver it once the engine answers again, so that afterwards the
index equals the database again and ``search_check`` passes.
"""

import datetime
import logging
import uuid
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import PendingIndexUpdate

logger = logging.getLogger(__name__)

FIRST_RETRY_SECONDS = 5
MAX_RETRY_SECONDS = 3600
BATCH = 500
# A new change resets everything its predecessor left behind.
UPSERT_FIELDS = ("change", "changed_at", "delivered_at", "attempts", "retry_at", "last_error")
# Delivered rows are kept this long: the changes a rebuild has to write again after it
# switched the alias are looked up among them.
KEEP_DELIVERED = datetime.timedelta(days=1)
# A change's time is taken inside its transaction, which may commit a little later; a
# rebuild catches up on changes from this long before it started reading.
COMMIT_MARGIN = datetime.timedelta(minutes=10)


def mark(keys: Iterable[str]) -> None:
    """Record that these keys changed (call inside the transaction that changes them)."""
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [
            PendingIndexUpdate(key=key, change=uuid.uuid4(), changed_at=now)
            for key in sorted(set(keys))
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=[*UPSERT_FIELDS],
    )


def snapshot(keys: Iterable[str]) -> dict[str, uuid.UUID]:
    """The change each key's row holds now; read before the documents are."""
    return dict(PendingIndexUpdate.objects.filter(key__in=list(keys)).values_list("key", "change"))


def _rows(changes: dict[str, uuid.UUID]):
    if not changes:
        return PendingIndexUpdate.objects.none()
    return PendingIndexUpdate.objects.filter(
        reduce(or_, (Q(key=key, change=change) for key, change in changes.items()))
    )


def delivered(changes: dict[str, uuid.UUID]) -> None:
    """These changes reached the engine; a key changed since stays pending."""
    for start in range(0, len(changes), BATCH):
        chunk = dict(list(changes.items())[start : start + BATCH])
        _rows(chunk).update(delivered_at=timezone.now(), retry_at=None, last_error="")


def failed(changes: dict[str, uuid.UUID], error: BaseException) -> None:
    """These changes did not reach the engine: try again later, each time later still."""
    now = timezone.now()
    message = f"{type(error).__name__}: {error}"[:500]
    for row in _rows(changes).only("pk", "attempts"):
        delay = min(FIRST_RETRY_SECONDS * 2**row.attempts, MAX_RETRY_SECONDS)
        PendingIndexUpdate.objects.filter(pk=row.pk, change=changes[row.key]).update(
            attempts=row.attempts + 1,
            retry_at=now + datetime.timedelta(seconds=delay),
            last_error=message,
        )


def pending() -> QuerySet:
    """The changes the engine has not taken yet."""
    return PendingIndexUpdate.objects.filter(delivered_at__isnull=True)


def due_keys(limit: int = BATCH, ignore_backoff=False, retries_only=False) -> list[str]:
    """Pending keys whose back-off has passed, oldest change first; ``retries_only``: only
    those that failed before."""
    rows = pending()
    if retries_only:
        rows = rows.filter(attempts__gt=0)
    if not ignore_backoff:
        rows = rows.filter(Q(retry_at__isnull=True) | Q(retry_at__lte=timezone.now()))
    return list(rows.order_by("changed_at").values_list("key", flat=True)[:limit])


def changed_since(moment: datetime.datetime) -> list[str]:
    """Keys changed at or after ``moment``, less the commit margin."""
    return list(
        PendingIndexUpdate.objects.filter(changed_at__gte=moment - COMMIT_MARGIN).values_list(
            "key", flat=True
        )
    )


def prune() -> int:
    """Forget deliveries older than ``KEEP_DELIVERED``."""
    cutoff = timezone.now() - KEEP_DELIVERED
    deleted, _ = PendingIndexUpdate.objects.filter(delivered_at__lt=cutoff).delete()
    return deleted
