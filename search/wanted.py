"""The editors' to-do list of articles readers searched for and did not find."""

from django.db import IntegrityError, transaction
from django.db.models import Case, QuerySet, Value, When
from django.utils.text import capfirst

from .models import WantedArticle

UNFINISHED = [WantedArticle.Status.OPEN, WantedArticle.Status.IN_PROGRESS]


def open_wanted_articles() -> QuerySet:
    """Wanted articles nobody has finished yet (open or in progress), the newest first."""
    return WantedArticle.objects.filter(status__in=UNFINISHED).order_by("-created_at", "-pk")


def to_do_list() -> QuerySet:
    """All wanted articles for the admin listing: open first, then in progress, then done."""
    progress = Case(
        When(status=WantedArticle.Status.OPEN, then=Value(0)),
        When(status=WantedArticle.Status.IN_PROGRESS, then=Value(1)),
        default=Value(2),
    )
    return WantedArticle.objects.select_related("created_by").order_by(progress, "-created_at")


def open_wishes_by_query(queries) -> dict[str, int]:
    """For those of ``queries`` that already have an unfinished wanted article: its id."""
    return dict(
        open_wanted_articles()
        .filter(query__in=list(queries))
        .order_by("pk")
        .values_list("query", "pk")
    )


def wish_for(query: str, user) -> tuple[WantedArticle, bool]:
    """Put ``query`` on the to-do list, titled after it, unless it is there already.

    Returns the wanted article and whether it was created now. An unfinished wanted article
    for the same query is returned instead of a second one; the database enforces the same
    rule (``search_wantedarticle_open_per_query``), so two editors clicking at once get one.
    """
    existing = open_wanted_articles().filter(query=query).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            article = WantedArticle.objects.create(
                title=capfirst(query), query=query, created_by=user
            )
    except IntegrityError:
        return open_wanted_articles().get(query=query), False
    return article, True
