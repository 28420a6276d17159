"""What readers search for: counted per query and day, for the editors' report."""

import datetime
import logging

from django.db import DatabaseError, transaction
from django.db.models import F, Max, OuterRef, QuerySet, Subquery, Sum
from django.utils import timezone

from .models import QueryStat

logger = logging.getLogger(__name__)


def record_query(query: str, results: int) -> None:
    """Count ``query`` for today, with how many results it found. Never fails the search."""
    query = query.casefold()[:200]
    try:
        with transaction.atomic():
            stat, created = QueryStat.objects.get_or_create(
                query=query, day=timezone.localdate(), defaults={"count": 1, "results": results}
            )
            if not created:
                QueryStat.objects.filter(pk=stat.pk).update(count=F("count") + 1, results=results)
    except DatabaseError:
        logger.warning("Could not count the search query", exc_info=True)


def query_totals(since: datetime.date) -> QuerySet:
    """Every query asked since ``since``: how often in all, when last, what it found last time.

    One row (a dict with ``query``, ``total``, ``last_day`` and ``latest_results``) per query,
    the most frequent first. ``latest_results`` is the result count of the query's newest day,
    so a query that found nothing once but finds something now no longer counts as a gap.
    """
    latest = QueryStat.objects.filter(query=OuterRef("query")).order_by("-day")
    return (
        QueryStat.objects.filter(day__gte=since)
        .values("query")
        .annotate(
            total=Sum("count"),
            last_day=Max("day"),
            latest_results=Subquery(latest.values("results")[:1]),
        )
        .order_by("-total", "query")
    )
