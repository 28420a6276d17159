"""The bell's unread count for logged-in members and, for moderators, the size of the
moderation queue; each counted only if a template shows it."""

from functools import cache

from django.db.models import Q

from .models import Flag, Post
from .moderation import posts_awaiting_approval
from .notifications import unread_count
from .permissions import is_forum_moderator


def moderation_queue_size() -> int:
    """Posts in the moderation queue (open flags or awaiting approval), in one query."""
    return Post.objects.filter(
        Q(pk__in=Flag.objects.filter(resolved_at__isnull=True).values("post_id"))
        | Q(pk__in=posts_awaiting_approval().values("pk"))
    ).count()


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Templates call a callable they are given; cache() makes the second use free.
    return {
        "forum_unread_notifications": cache(lambda: unread_count(user)),
        "forum_moderation_queue": cache(
            lambda: moderation_queue_size() if is_forum_moderator(user) else None
        ),
    }
