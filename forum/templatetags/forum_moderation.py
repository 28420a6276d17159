"""What the moderation parts of the thread page need, in one query per thread and request
however many posts the page shows."""

from django import template
from django.db.models import Count

from ..models import Flag
from ..permissions import is_forum_moderator, is_member

register = template.Library()


def _thread_state(request, thread_id) -> dict:
    cache = request.__dict__.setdefault("_forum_moderation", {})
    if thread_id not in cache:
        user = request.user
        moderator = is_forum_moderator(user)
        open_flags = Flag.objects.filter(post__thread_id=thread_id, resolved_at__isnull=True)
        state = {"moderator": moderator, "counts": {}, "mine": set()}
        if moderator:
            state["counts"] = dict(
                open_flags.values("post_id").annotate(n=Count("pk")).values_list("post_id", "n")
            )
        elif is_member(user):
            state["mine"] = set(open_flags.filter(reporter=user).values_list("post_id", flat=True))
        cache[thread_id] = state
    return cache[thread_id]


@register.simple_tag(takes_context=True)
def forum_moderator(context) -> bool:
    """Whether the reader moderates the forum."""
    request = context.get("request")
    return bool(request and is_forum_moderator(request.user))


@register.simple_tag(takes_context=True)
def post_moderation_state(context, post) -> dict:
    """For one post: ``moderator``, ``open_flags`` (count, for moderators), ``flagged`` (the
    member has an open flag on it) and ``may_flag`` (a member other than its author)."""
    request = context.get("request")
    if request is None or not is_member(request.user):
        return {"moderator": False, "open_flags": 0, "flagged": False, "may_flag": False}
    state = _thread_state(request, post.thread_id)
    return {
        "moderator": state["moderator"],
        "open_flags": state["counts"].get(post.pk, 0),
        "flagged": post.pk in state["mine"],
        "may_flag": (
            not state["moderator"] and post.author_id != request.user.pk and post.is_visible
        ),
    }
