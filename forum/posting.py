"""Starting threads and replying: the rules and the bookkeeping, in one transaction each.

Post numbers come from the thread row locked for update, and the thread's and category's
counters move with F() expressions in the same transaction, so concurrent replies lose
neither a post nor a count. Counters count what readers see: a post waiting for a
moderator's approval is numbered but not counted until it is approved.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import limits
from .errors import PostingError
from .markdown import render
from .mentions import mentions_in
from .models import Category, Post, Thread
from .permissions import can_post, can_reply, ensure_may_write
from .signals import announce, post_published

MAX_SOURCE_LENGTH = 50_000
# The same text by the same author within this time is one post sent twice (double submit).
DUPLICATE_WINDOW = timedelta(minutes=2)

__all__ = ["PostingError", "clean_source", "render_source", "reply", "start_thread"]


def clean_source(source: str) -> str:
    """The text as it will be stored; PostingError if it is empty or too long."""
    source = source.replace("\x00", "").strip()
    if not source:
        raise PostingError(_("Please write something."))
    if len(source) > MAX_SOURCE_LENGTH:
        raise PostingError(
            _("A post may have at most %(limit)s characters.") % {"limit": f"{MAX_SOURCE_LENGTH:,}"}
        )
    return source


def render_source(source: str) -> str:
    """The safe HTML of a post, with its @-mentions linked."""
    return render(source, mentions_in(source).links())


def start_thread(
    *,
    category: Category,
    author,
    title: str,
    source: str,
    tags=(),
    is_question=False,
    attachments=(),
    discussed_page=None,
) -> Thread:
    """Open a thread with its first post; raises PostingError for what may not be posted.

    Sending the same thread twice in a row returns the first one instead of a copy.
    """
    ensure_may_write(author)
    if not can_post(author, category):
        raise PostingError(_("You cannot start a thread in this category."))
    title = " ".join(title.replace("\x00", "").split())
    if not title:
        raise PostingError(_("Please give the thread a title."))
    source = clean_source(source)
    limits.ensure_may_post(author)
    held = limits.needs_approval(author)
    with transaction.atomic():
        _lock_author(author)
        duplicate = _recent_thread(author, category, title[:200], source)
        if duplicate is not None:
            return duplicate
        thread = Thread(
            category=category,
            title=title[:200],
            author=author,
            is_question=is_question,
            hidden=held,
            discussed_page=discussed_page,
        )
        thread.tags.set(list(tags))
        thread.save()
        _append(thread, author, source, held=held, attachments=attachments)
        if not held:
            Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
    return thread


def reply(
    thread: Thread, author, source: str, reply_to: Post | None = None, attachments=()
) -> Post:
    """Add a reply; raises PostingError when the thread is locked, hidden or not readable.

    Sending the same reply twice in a row returns the first one instead of a copy.
    """
    ensure_may_write(author)
    if not can_reply(author, thread):
        raise PostingError(_("You cannot reply in this thread."))
    source = clean_source(source)
    limits.ensure_may_post(author)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        reply_to = None
    held = limits.needs_approval(author)
    with transaction.atomic():
        return _append(thread, author, source, reply_to, held=held, attachments=attachments)


def _lock_author(author) -> None:
    # One author's submissions queue behind each other, so a double submit finds the first.
    get_user_model().objects.select_for_update().filter(pk=author.pk).first()


def _recent_thread(author, category, title, source) -> Thread | None:
    since = timezone.now() - DUPLICATE_WINDOW
    return (
        Thread.objects.filter(
            author=author,
            category=category,
            title=title,
            created_at__gte=since,
            posts__number=1,
            posts__source=source,
        )
        .order_by("-pk")
        .first()
    )


def _append(
    thread: Thread, author, source: str, reply_to: Post | None = None, *, held=False, attachments=()
) -> Post:
    locked = (
        Thread.objects.select_for_update()
        .only("pk", "last_number", "category_id", "hidden")
        .get(pk=thread.pk)
    )
    now = timezone.now()
    previous = (
        Post.objects.filter(
            thread_id=thread.pk, author=author, created_at__gte=now - DUPLICATE_WINDOW
        )
        .order_by("-number")
        .first()
    )
    if previous is not None and previous.source == source and not previous.deleted:
        return previous
    post = Post.objects.create(
        thread_id=thread.pk,
        number=locked.last_number + 1,
        author=author,
        source=source,
        html=render_source(source),
        reply_to=reply_to,
        awaiting_approval=held,
    )
    _save_attachments(post, attachments, author)
    if held:
        Thread.objects.filter(pk=thread.pk).update(last_number=F("last_number") + 1)
        return post
    Thread.objects.filter(pk=thread.pk).update(
        last_number=F("last_number") + 1,
        post_count=F("post_count") + 1,
        last_activity_at=now,
        last_poster=author,
    )
    if not locked.hidden:  # a hidden thread's posts are counted when it is restored
        Category.objects.filter(pk=locked.category_id).update(
            post_count=F("post_count") + 1, last_activity_at=now
        )
    announce(post_published, Post, post=post, created_thread=post.number == 1)
    return post


def _save_attachments(post: Post, files, author) -> None:
    if not files:
        return
    from .attachments import save_attachments

    try:
        save_attachments(post, files, author)
    except ValidationError as refusal:
        raise PostingError(" ".join(refusal.messages)) from refusal
