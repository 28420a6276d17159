"""What readers search for: counted per query and day, for the editors' report."""

import logging

from django.db import DatabaseError, transaction
from django.db.models import F
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
