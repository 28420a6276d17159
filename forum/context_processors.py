"""The bell's unread count for logged-in members, counted only if a template shows it."""

from functools import cache

from .notifications import unread_count


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Templates call a callable they are given; cache() makes the second use free.
    return {"forum_unread_notifications": cache(lambda: unread_count(user))}
