"""How much a member may do: hourly rates and approval of first posts; where suspensions are.

Whether a suspension blocks a write is partners.standing's rule; ``suspended_until`` is only
the forum's record of it, which the forum registers there.

Rates count rows in the last rolling hour (posts written, flags raised), so they hold across
processes without a shared cache. Moderators are trusted: no rate limits, no approval.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .errors import PostingError
from .models import Flag, ForumSettings, Post
from .permissions import ensure_may_write, is_forum_moderator

RATE_WINDOW = timedelta(hours=1)


def suspended_until(user):
    """The end of the member's running suspension, or None when they are not suspended."""
    if not user.is_authenticated:
        return None
    loaded = getattr(user, "_forum_settings", None)  # the thread and forum pages read it already
    if loaded is not None:
        until = loaded.suspended_until
    else:
        until = (
            ForumSettings.objects.filter(user=user)
            .values_list("suspended_until", flat=True)
            .first()
        )
    if until is None or until <= timezone.now():
        return None
    return until


def _local(moment) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def _ensure_within_rate(recent, limit: int, message: str) -> None:
    """Refuse when ``recent`` (rows with ``created_at``) already holds ``limit`` in the window."""
    if limit <= 0:
        return
    since = timezone.now() - RATE_WINDOW
    times = list(
        recent.filter(created_at__gte=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(times) >= limit:
        # The oldest of the last ``limit`` leaves the window first.
        raise PostingError(message % {"limit": limit, "time": _local(times[-1] + RATE_WINDOW)})


def ensure_may_post(user) -> None:
    """Raise PostingError when ``user`` is suspended or wrote FORUM_POSTS_PER_HOUR posts in the
    last hour (0 switches the limit off)."""
    ensure_may_write(user)
    if is_forum_moderator(user):
        return
    _ensure_within_rate(
        Post.objects.filter(author=user),
        settings.FORUM_POSTS_PER_HOUR,
        _(
            "You have written %(limit)s posts within the last hour. "
            "Please wait a little: you can post again at %(time)s."
        ),
    )


def ensure_may_flag(user) -> None:
    """Raise PostingError when ``user`` is suspended or raised FORUM_FLAGS_PER_HOUR flags in
    the last hour (0 switches the limit off)."""
    ensure_may_write(user)
    if is_forum_moderator(user):
        return
    _ensure_within_rate(
        Flag.objects.filter(reporter=user),
        settings.FORUM_FLAGS_PER_HOUR,
        _("You have flagged %(limit)s posts within the last hour. You can flag again at %(time)s."),
    )


def needs_approval(user) -> bool:
    """True while ``user`` has fewer than FORUM_APPROVE_FIRST_POSTS approved posts.

    Approved means let through: not awaiting approval and not hidden by moderators (a post
    its author deleted later still counts). Moderators never wait for approval.
    """
    required = settings.FORUM_APPROVE_FIRST_POSTS
    if required <= 0 or is_forum_moderator(user):
        return False
    approved = Post.objects.filter(author=user, awaiting_approval=False, hidden=False)
    return approved[:required].count() < required
