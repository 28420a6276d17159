"""Watch levels, as Discourse's: watching, tracking, normal, muted — per thread, category, tag.

A member's effective level for a thread is their watch on the thread itself if they set one;
otherwise what they chose for the thread's tags (a tag names a subject more narrowly than a
category does; of several tags the most attentive level counts); otherwise their category
watch; otherwise "normal". Authors watch their own threads, repliers track them.

What the levels do: watching notifies of every new post; tracking and normal notify of
replies and mentions only; muted of nothing. Listings count a thread's unread posts at
watching and tracking, not at normal, and leave muted threads out of "new"
(``reading.listing_level``).
"""

from django.db import IntegrityError, transaction
from django.db.models import Q
from taggit.models import Tag

from .choices import WatchLevel
from .models import Watch

# From the most to the least attentive; among several tags the first found here wins.
ATTENTION = [WatchLevel.WATCHING, WatchLevel.TRACKING, WatchLevel.NORMAL, WatchLevel.MUTED]


def thread_tags(thread):
    """The thread's tags as a query (usable as a subquery)."""
    return Tag.objects.filter(forum_threadtag_items__content_object_id=thread.pk)


def _target(thread=None, category=None, tag=None) -> dict:
    given = {
        name: value
        for name, value in (("thread", thread), ("category", category), ("tag", tag))
        if value is not None
    }
    if len(given) != 1:
        raise ValueError("A watch has exactly one target: a thread, a category or a tag.")
    return given


def set_watch_level(user, level: str, *, thread=None, category=None, tag=None) -> str:
    """Set the member's level for one target and return it.

    On a thread every level is kept, because "normal" there overrides a watched category.
    On a category or tag "normal" is the default, so the watch is removed.
    """
    if level not in WatchLevel.values:
        raise ValueError(f"Unknown watch level {level!r}.")
    target = _target(thread, category, tag)
    if level == WatchLevel.NORMAL and thread is None:
        Watch.objects.filter(user=user, **target).delete()
        return level
    try:
        with transaction.atomic():
            Watch.objects.update_or_create(user=user, **target, defaults={"level": level})
    except IntegrityError:
        # A concurrent request created it first; ours is the later choice.
        Watch.objects.filter(user=user, **target).update(level=level)
    return level


def explicit_level(user, *, thread=None, category=None, tag=None) -> str:
    """The level the member chose for exactly this target (normal when none)."""
    if not user.is_authenticated:
        return WatchLevel.NORMAL
    target = _target(thread, category, tag)
    level = Watch.objects.filter(user=user, **target).values_list("level", flat=True).first()
    return level or WatchLevel.NORMAL


def effective_levels(thread, user_ids=None) -> dict[int, str]:
    """{user id: effective level} for everyone with a watch bearing on the thread, in one query.

    Users missing from the result are at "normal". ``user_ids`` narrows the query.
    """
    watches = Watch.objects.filter(
        Q(thread_id=thread.pk) | Q(category_id=thread.category_id) | Q(tag__in=thread_tags(thread))
    )
    if user_ids is not None:
        watches = watches.filter(user_id__in=list(user_ids))
    on_thread, on_tags, on_category = {}, {}, {}
    for user_id, level, thread_id, tag_id in watches.values_list(
        "user_id", "level", "thread_id", "tag_id"
    ):
        if thread_id is not None:
            on_thread[user_id] = level
        elif tag_id is not None:
            on_tags.setdefault(user_id, set()).add(level)
        else:
            on_category[user_id] = level
    levels = dict(on_category)
    for user_id, tag_levels in on_tags.items():
        levels[user_id] = next(level for level in ATTENTION if level in tag_levels)
    levels.update(on_thread)
    return levels


def effective_level(user, thread) -> str:
    """The member's effective level for one thread (normal for visitors)."""
    if not user.is_authenticated:
        return WatchLevel.NORMAL
    return effective_levels(thread, [user.pk]).get(user.pk, WatchLevel.NORMAL)


def watch_own_post(post, created_thread: bool) -> None:
    """Authors watch the threads they start; repliers without a watch of their own track."""
    if post.author_id is None:
        return
    level = WatchLevel.WATCHING if created_thread else WatchLevel.TRACKING
    try:
        with transaction.atomic():
            Watch.objects.get_or_create(
                user_id=post.author_id, thread_id=post.thread_id, defaults={"level": level}
            )
    except IntegrityError:
        pass  # a concurrent request set a level; the member's own choice stays
