"""The forum's part of a member's data export (partners.exports): what they wrote, started,
reacted to, watch and chose. Their own posts are exported whatever became of them (hidden,
withdrawn): it is their text."""

from django.urls import reverse

from partners.exports import register_export
from theme.site_address import absolute_url

from .models import Flag, ForumSettings, GroupMembership, Post, Reaction, Thread, Watch


def _thread_url(thread_id: int) -> str:
    return absolute_url(reverse("forum:thread", kwargs={"pk": thread_id}))


def _post_url(thread_id: int, number: int) -> str:
    return f"{_thread_url(thread_id)}#post-{number}"


def forum_posts(user) -> list[dict]:
    """Every post ``user`` wrote, with its Markdown source and its state."""
    posts = (
        Post.objects.filter(author=user)
        .select_related("thread")
        .prefetch_related("attachments")
        .order_by("created_at", "pk")
    )
    return [
        {
            "thread_title": post.thread.title,
            "thread_url": _thread_url(post.thread_id),
            "number": post.number,
            "url": _post_url(post.thread_id, post.number),
            "created_at": post.created_at,
            "edited_at": post.edited_at,
            "source": post.source,
            "deleted": post.deleted,
            "hidden": post.hidden,
            "awaiting_approval": post.awaiting_approval,
            "attachments": [
                {
                    "name": attachment.original_name,
                    "content_type": attachment.content_type,
                    "size": attachment.size,
                }
                for attachment in post.attachments.all()
            ],
        }
        for post in posts
    ]


def forum_threads(user) -> list[dict]:
    """The threads ``user`` started."""
    threads = Thread.objects.filter(author=user).select_related("category").order_by("created_at")
    return [
        {
            "title": thread.title,
            "url": _thread_url(thread.pk),
            "category": thread.category.name,
            "created_at": thread.created_at,
            "question": thread.is_question,
            "hidden": thread.hidden,
        }
        for thread in threads
    ]


def forum_reactions(user) -> list[dict]:
    reactions = (
        Reaction.objects.filter(user=user)
        .select_related("post__thread")
        .order_by("created_at", "pk")
    )
    return [
        {
            "kind": reaction.kind,
            "thread_title": reaction.post.thread.title,
            "post_url": _post_url(reaction.post.thread_id, reaction.post.number),
            "created_at": reaction.created_at,
        }
        for reaction in reactions
    ]


def forum_watches(user) -> list[dict]:
    watches = Watch.objects.filter(user=user).select_related("thread", "category", "tag")
    exported = []
    for watch in watches.order_by("pk"):
        if watch.thread_id:
            target = {"thread": watch.thread.title, "url": _thread_url(watch.thread_id)}
        elif watch.category_id:
            target = {"category": watch.category.name}
        else:
            target = {"tag": watch.tag.name}
        exported.append({"level": watch.level, **target})
    return exported


def forum_working_groups(user) -> list[dict]:
    memberships = GroupMembership.objects.filter(user=user).select_related("group")
    return [
        {
            "group": membership.group.name,
            "role": membership.role,
            "status": membership.status,
            "since": membership.created_at,
        }
        for membership in memberships.order_by("created_at")
    ]


def forum_flags(user) -> list[dict]:
    """The posts ``user`` asked the moderators to look at, and why."""
    flags = Flag.objects.filter(reporter=user).select_related("post").order_by("created_at")
    return [
        {
            "post_url": _post_url(flag.post.thread_id, flag.post.number),
            "reason": flag.reason,
            "note": flag.note,
            "created_at": flag.created_at,
            "resolved_at": flag.resolved_at,
        }
        for flag in flags
    ]


def forum_settings(user) -> dict:
    chosen = ForumSettings.objects.filter(user=user).first()
    if chosen is None:
        return {}
    return {
        "email_mode": chosen.email_mode,
        "group_mentions": chosen.group_mentions,
        "expert_questions": chosen.expert_questions,
        "suspended_until": chosen.suspended_until,
    }


register_export("forum_posts", forum_posts)
register_export("forum_threads", forum_threads)
register_export("forum_reactions", forum_reactions)
register_export("forum_watches", forum_watches)
register_export("forum_working_groups", forum_working_groups)
register_export("forum_flags", forum_flags)
register_export("forum_settings", forum_settings)
