"""Starting threads and replying: the rules and the bookkeeping, in one transaction each.

Post numbers come from the thread row locked for update, and the thread's and category's
counters move with F() expressions in the same transaction, so concurrent replies lose
neither a post nor a count.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .markdown import render
from .models import Category, Post, Thread
from .permissions import can_post, can_reply

MAX_SOURCE_LENGTH = 50_000


class PostingError(Exception):
    """Why a post cannot be saved, in words for the author."""


def clean_source(source: str) -> str:
    source = source.replace("\x00", "").strip()
    if not source:
        raise PostingError(_("Please write something."))
    if len(source) > MAX_SOURCE_LENGTH:
        raise PostingError(
            _("A post may have at most %(limit)s characters.") % {"limit": f"{MAX_SOURCE_LENGTH:,}"}
        )
    return source


def start_thread(
    *, category: Category, author, title: str, source: str, tags=(), is_question=False
) -> Thread:
    """Open a thread with its first post; raises PostingError for what may not be posted."""
    if not can_post(author, category):
        raise PostingError(_("You cannot start a thread in this category."))
    title = " ".join(title.split())
    if not title:
        raise PostingError(_("Please give the thread a title."))
    source = clean_source(source)
    with transaction.atomic():
        thread = Thread(
            category=category, title=title[:200], author=author, is_question=is_question
        )
        thread.tags.set(list(tags))
        thread.save()
        _append(thread, author, source)
        Category.objects.filter(pk=category.pk).update(thread_count=F("thread_count") + 1)
    return thread


def reply(thread: Thread, author, source: str, reply_to: Post | None = None) -> Post:
    """Add a reply; raises PostingError when the thread is locked, hidden or not readable."""
    if not can_reply(author, thread):
        raise PostingError(_("You cannot reply in this thread."))
    source = clean_source(source)
    if reply_to is not None and reply_to.thread_id != thread.pk:
        reply_to = None
    with transaction.atomic():
        return _append(thread, author, source, reply_to)


def _append(thread: Thread, author, source: str, reply_to: Post | None = None) -> Post:
    locked = (
        Thread.objects.select_for_update()
        .only("pk", "last_number", "category_id")
        .get(pk=thread.pk)
    )
    now = timezone.now()
    post = Post.objects.create(
        thread_id=thread.pk,
        number=locked.last_number + 1,
        author=author,
        source=source,
        html=render(source),
        reply_to=reply_to,
    )
    Thread.objects.filter(pk=thread.pk).update(
        last_number=F("last_number") + 1,
        post_count=F("post_count") + 1,
        last_activity_at=now,
        last_poster=author,
    )
    Category.objects.filter(pk=locked.category_id).update(
        post_count=F("post_count") + 1, last_activity_at=now
    )
    return post
