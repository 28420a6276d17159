"""What a member has read: read markers per thread, visits, and "new since your last visit"."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .choices import WatchLevel
from .models import ForumSettings, ReadMarker, Watch
from .permissions import is_member

# Activity after this long a pause counts as a new visit (Discourse uses a similar idea).
VISIT_GAP = timedelta(hours=1)


def forum_settings(user) -> ForumSettings:
    """The member's forum settings, created on first use and cached on the user object."""
    if not hasattr(user, "_forum_settings"):
        user._forum_settings, _created = ForumSettings.objects.get_or_create(user=user)
    return user._forum_settings


def record_visit(user) -> None:
    """Move the "last visit" mark when a member comes back after a pause."""
    if not is_member(user):
        return
    settings = forum_settings(user)
    now = timezone.now()
    if settings.last_seen_at and now - settings.last_seen_at < VISIT_GAP:
        return
    settings.previous_visit_at = settings.last_seen_at or now
    settings.last_seen_at = now
    ForumSettings.objects.filter(pk=settings.pk).update(
        previous_visit_at=settings.previous_visit_at, last_seen_at=now
    )


def mark_read(user, thread, number: int) -> None:
    """Remember that ``user`` has seen ``thread`` up to post ``number`` (never backwards).

    A thread read through ``with_read_state`` carries the member's marker, so reading it
    again with nothing new writes nothing."""
    if not is_member(user) or number < 1:
        return
    known = getattr(thread, "read_to", None)
    if known is not None and known >= number:
        return
    moved = ReadMarker.objects.filter(user=user, thread=thread, last_read_number__lt=number).update(
        last_read_number=number, updated_at=timezone.now()
    )
    if moved:
        return
    try:
        with transaction.atomic():
            ReadMarker.objects.get_or_create(
                user=user, thread=thread, defaults={"last_read_number": number}
            )
    except IntegrityError:
        pass  # another tab created it a moment ago; it only ever moves forward


def with_read_state(threads, user):
    """Annotate, in the same query, ``read_to`` (the member's marker, None if never opened)
    and ``thread_watch`` / ``category_watch`` (the levels they chose, None where they chose
    none), which decide whether a listing counts unread posts."""
    if not is_member(user):
        return threads
    marker = ReadMarker.objects.filter(user=user, thread=OuterRef("pk")).values("last_read_number")
    own = Watch.objects.filter(user=user).values("level")
    return threads.annotate(
        read_to=Subquery(marker[:1]),
        thread_watch=Subquery(own.filter(thread=OuterRef("pk"))[:1]),
        category_watch=Subquery(own.filter(category=OuterRef("category_id"))[:1]),
    )


def unread_since_last_visit(threads, user):
    """Threads with activity since the member's previous visit that they have not read,
    leaving out those they muted."""
    threads = with_read_state(threads, user)
    since = forum_settings(user).previous_visit_at
    if since:
        threads = threads.filter(last_activity_at__gt=since)
    # Coalesce keeps NULLs (no watch chosen) out of the exclusion's three-valued logic.
    threads = threads.annotate(
        chosen_level=Coalesce("thread_watch", "category_watch", Value(WatchLevel.NORMAL))
    )
    return threads.filter(Q(read_to__isnull=True) | Q(read_to__lt=F("last_number"))).exclude(
        chosen_level=WatchLevel.MUTED
    )


def listing_level(thread) -> str:
    """The watch level a listing shows a thread at: the thread's own, else its category's,
    else tracking for a thread the member has opened (Discourse tracks what one reads) and
    normal for one they have not. Tag watches only steer notifications."""
    chosen = getattr(thread, "thread_watch", None) or getattr(thread, "category_watch", None)
    if chosen:
        return chosen
    return WatchLevel.NORMAL if getattr(thread, "read_to", None) is None else WatchLevel.TRACKING


def new_since(user):
    """From when on an unopened thread counts as new: the previous visit, or joining."""
    if not is_member(user):
        return None
    return forum_settings(user).previous_visit_at or user.date_joined


def describe_read_state(threads, user) -> list:
    """Give each listed thread ``is_new``, ``unread_posts`` and ``first_unread`` (for the
    badge and the link to the first unread post). No queries beyond ``new_since``."""
    threads = list(threads)
    since = new_since(user)
    for thread in threads:
        _describe(thread, since)
    return threads


def _describe(thread, since) -> None:
    read_to = getattr(thread, "read_to", None)
    thread.is_new = False
    thread.unread_posts = 0
    thread.first_unread = None
    if since is None or not hasattr(thread, "read_to"):
        return
    level = listing_level(thread)
    if level == WatchLevel.MUTED:
        return
    if read_to is None:
        thread.is_new = thread.created_at >= since
    elif level != WatchLevel.NORMAL and read_to < thread.last_number:
        thread.unread_posts = thread.last_number - read_to
        thread.first_unread = read_to + 1
