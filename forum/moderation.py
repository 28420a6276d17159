"""Flags and what moderators do about posts, threads and members.

Each action is a verb taking the object and the actor and returning what changed. It runs in
one transaction that also moves the denormalised counters with F() and writes a
ModerationLogEntry; ``moderation_decision`` (and, for approvals, ``post_published``) is sent
once that transaction has committed.

Counter invariants kept here, as in forum.posting:
- Thread.post_count counts the thread's visible posts (not hidden, deleted or awaiting approval);
- a thread is hidden exactly when its first post is not visible;
- Category.thread_count counts its visible threads, Category.post_count the post_count of those.
"""

from collections import Counter
from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, Min, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import FlagReason, ModerationAction
from .errors import PostingError
from .limits import ensure_may_flag, suspended_until
from .models import Category, Flag, ForumSettings, ModerationLogEntry, Post, Thread
from .permissions import can_read_thread, is_forum_moderator, is_member
from .signals import announce, moderation_decision, post_published, threads_changed

MAX_NOTE_LENGTH = 1000

__all__ = [
    "approve_post",
    "dismiss_flags",
    "flag_post",
    "flagged_posts",
    "hide_post",
    "lift_suspension",
    "lock_thread",
    "log_action",
    "move_thread",
    "pin_thread",
    "posts_awaiting_approval",
    "restore_post",
    "split_thread",
    "summarise_flags",
    "suspend_user",
    "unlock_thread",
    "unpin_thread",
    "warn_user",
]


def _clean_note(note: str, *, required: bool = False) -> str:
    note = (note or "").replace("\x00", "").strip()
    if required and not note:
        raise PostingError(_("Please write a message."))
    if len(note) > MAX_NOTE_LENGTH:
        raise PostingError(
            _("A reason may have at most %(limit)s characters.") % {"limit": MAX_NOTE_LENGTH}
        )
    return note


def _ensure_moderator(user) -> None:
    if not is_forum_moderator(user):
        raise PostingError(_("Only forum moderators may do this."))


def _ensure_original(category: Category) -> None:
    if not Category.objects.originals().filter(pk=category.pk).exists():
        raise PostingError(_("Please choose a category."))


def log_action(
    action: str, moderator, *, thread=None, post=None, target_user=None, note: str = "", **extra
) -> ModerationLogEntry:
    """Record a moderation action and announce it (``moderation_decision``) after commit;
    ``extra`` travels with the signal only (a suspension sends ``until``).

    Call inside the transaction that made the change, so that neither exists without the other.
    """
    entry = ModerationLogEntry.objects.create(
        action=action,
        moderator=moderator,
        thread=thread,
        post=post,
        target_user=target_user,
        note=note,
    )
    announce(
        moderation_decision,
        ModerationLogEntry,
        action=action,
        moderator=moderator,
        target_user=target_user,
        thread=thread,
        post=post,
        note=note,
        **extra,
    )
    return entry


# -- flags


def flag_post(post: Post, reporter, reason: str, note: str = "") -> Flag:
    """A member asks the moderators to look at a post; one open flag per member and post."""
    if not is_member(reporter) or not can_read_thread(reporter, post.thread):
        raise PostingError(_("You cannot flag this post."))
    if not post.is_visible:
        raise PostingError(_("This post is not shown any more."))
    if post.author_id == reporter.pk:
        raise PostingError(_("You cannot flag your own post."))
    if reason not in FlagReason.values:
        raise PostingError(_("Please choose a reason."))
    note = _clean_note(note)
    already = _("You have already flagged this post. The moderators will look at it.")
    if Flag.objects.filter(post=post, reporter=reporter, resolved_at__isnull=True).exists():
        raise PostingError(already)
    ensure_may_flag(reporter)
    try:
        with transaction.atomic():
            return Flag.objects.create(post=post, reporter=reporter, reason=reason, note=note)
    except IntegrityError:
        # A second request of the same member won the race for the open flag.
        raise PostingError(already) from None


def flagged_posts():
    """Posts with open flags, longest waiting first, each with ``open_flags`` (prefetched),
    ``open_flag_count`` and ``first_flagged_at``."""
    open_flag = Q(flags__resolved_at__isnull=True)
    return (
        Post.objects.annotate(
            open_flag_count=Count("flags", filter=open_flag),
            first_flagged_at=Min("flags__created_at", filter=open_flag),
        )
        .filter(open_flag_count__gt=0)
        .select_related("thread__category", "author__profile")
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=Flag.objects.filter(resolved_at__isnull=True).select_related(
                    "reporter__profile"
                ),
                to_attr="open_flags",
            )
        )
        .order_by("first_flagged_at", "pk")
    )


def summarise_flags(flags) -> list[tuple[str, int]]:
    """(reason label, count) for the given flags, in the order of FlagReason."""
    counts = Counter(flag.reason for flag in flags)
    return [(label, counts[value]) for value, label in FlagReason.choices if counts[value]]


def posts_awaiting_approval():
    """Posts waiting for a moderator (rejected ones are hidden and no longer wait), oldest first."""
    return (
        Post.objects.filter(awaiting_approval=True, hidden=False, deleted=False)
        .select_related("thread__category", "author__profile")
        .order_by("created_at", "pk")
    )


def _resolve_flags(post: Post, moderator) -> int:
    return Flag.objects.filter(post=post, resolved_at__isnull=True).update(
        resolved_at=timezone.now(), resolved_by=moderator
    )


def dismiss_flags(post: Post, moderator, note: str = "") -> int:
    """Close the post's open flags without changing it; returns how many were open."""
    _ensure_moderator(moderator)
    note = _clean_note(note)
    with transaction.atomic():
        dismissed = _resolve_flags(post, moderator)
        if dismissed:
            log_action(
                ModerationAction.DISMISS_FLAGS,
                moderator,
                thread=post.thread,
                post=post,
                target_user=post.author,
                note=note,
            )
    return dismissed


# -- posts


def _shift_counters(thread: Thread, *, post_delta: int, hidden_after: bool) -> None:
    """Move the thread's and its category's counters from ``thread``'s locked state to the new
    one: ``post_delta`` visible posts more, thread hidden or not."""
    before = (0, 0) if thread.hidden else (1, thread.post_count)
    after = (0, 0) if hidden_after else (1, thread.post_count + post_delta)
    changes = {}
    if post_delta:
        changes["post_count"] = F("post_count") + post_delta
    if hidden_after != thread.hidden:
        changes["hidden"] = hidden_after
    if changes:
        Thread.objects.filter(pk=thread.pk).update(**changes)
    threads, posts = after[0] - before[0], after[1] - before[1]
    if threads or posts:
        Category.objects.filter(pk=thread.category_id).update(
            thread_count=F("thread_count") + threads, post_count=F("post_count") + posts
        )
    thread.hidden = hidden_after
    thread.post_count += post_delta


def _set_post_state(post: Post, **state) -> tuple[Thread, bool, bool] | None:
    """Set ``hidden``/``awaiting_approval`` and keep counters exact. Returns (locked thread,
    visible before, visible after), or None when nothing changed. Call inside a transaction."""
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    current = Post.objects.select_for_update().get(pk=post.pk)
    changed = {field: value for field, value in state.items() if getattr(current, field) != value}
    if not changed:
        return None
    was_visible = current.is_visible
    for field, value in changed.items():
        setattr(current, field, value)
        setattr(post, field, value)
    Post.objects.filter(pk=post.pk).update(**changed)
    is_visible = current.is_visible
    hidden_after = not is_visible if current.number == 1 else thread.hidden
    _shift_counters(
        thread, post_delta=int(is_visible) - int(was_visible), hidden_after=hidden_after
    )
    post.thread.hidden, post.thread.post_count = thread.hidden, thread.post_count
    announce(threads_changed, Thread, thread_ids=[thread.pk])
    return thread, was_visible, is_visible


def hide_post(post: Post, moderator, note: str = "") -> bool:
    """Hide a post from readers and resolve its open flags; hiding the first post hides the
    thread. False when it was hidden already."""
    return _switch_hidden(post, moderator, note, hidden=True)


def restore_post(post: Post, moderator, note: str = "") -> bool:
    """Show a hidden post again (its thread too, for a first post); False if it was not hidden."""
    return _switch_hidden(post, moderator, note, hidden=False)


def _switch_hidden(post: Post, moderator, note: str, *, hidden: bool) -> bool:
    _ensure_moderator(moderator)
    note = _clean_note(note)
    with transaction.atomic():
        if _set_post_state(post, hidden=hidden) is None:
            return False
        if hidden:
            _resolve_flags(post, moderator)
        log_action(
            ModerationAction.HIDE if hidden else ModerationAction.RESTORE,
            moderator,
            thread=post.thread,
            post=post,
            target_user=post.author,
            note=note,
        )
    return True


def approve_post(post: Post, moderator, note: str = "") -> bool:
    """Let a waiting post through: it becomes visible (a first post with its thread), counts,
    and is published. False when it was not waiting."""
    _ensure_moderator(moderator)
    note = _clean_note(note)
    if not post.awaiting_approval:
        return False
    with transaction.atomic():
        result = _set_post_state(post, awaiting_approval=False, hidden=False)
        if result is None:
            return False
        thread, _was_visible, is_visible = result
        if is_visible:
            now = timezone.now()
            Thread.objects.filter(pk=thread.pk).update(
                last_activity_at=now, last_poster_id=post.author_id
            )
            Category.objects.filter(pk=thread.category_id).update(last_activity_at=now)
            announce(post_published, Post, post=post, created_thread=post.number == 1)
        log_action(
            ModerationAction.APPROVE,
            moderator,
            thread=post.thread,
            post=post,
            target_user=post.author,
            note=note,
        )
    return True


# -- threads


def _set_thread_flag(thread: Thread, moderator, field: str, value: bool, action, note: str) -> bool:
    _ensure_moderator(moderator)
    note = _clean_note(note)
    with transaction.atomic():
        if (
            not Thread.objects.filter(pk=thread.pk)
            .exclude(**{field: value})
            .update(**{field: value})
        ):
            return False
        setattr(thread, field, value)
        log_action(action, moderator, thread=thread, target_user=thread.author, note=note)
    return True


def lock_thread(thread: Thread, moderator, note: str = "") -> bool:
    """No more replies from members; False if it was locked already."""
    return _set_thread_flag(thread, moderator, "locked", True, ModerationAction.LOCK, note)


def unlock_thread(thread: Thread, moderator, note: str = "") -> bool:
    return _set_thread_flag(thread, moderator, "locked", False, ModerationAction.UNLOCK, note)


def pin_thread(thread: Thread, moderator, note: str = "") -> bool:
    """Keep the thread at the top of its category; False if it was pinned already."""
    return _set_thread_flag(thread, moderator, "pinned", True, ModerationAction.PIN, note)


def unpin_thread(thread: Thread, moderator, note: str = "") -> bool:
    return _set_thread_flag(thread, moderator, "pinned", False, ModerationAction.UNPIN, note)


def _refresh_last_activity(*category_ids: int) -> None:
    """A category's last activity is its latest visible thread's, after threads left or came."""
    for category_id in category_ids:
        latest = (
            Thread.objects.visible()
            .filter(category_id=category_id)
            .aggregate(latest=Max("last_activity_at"))["latest"]
        )
        Category.objects.filter(pk=category_id).update(last_activity_at=latest)


def move_thread(thread: Thread, moderator, category: Category, note: str = "") -> bool:
    """Move the thread with its posts to another category; False if it is there already."""
    _ensure_moderator(moderator)
    note = _clean_note(note)
    _ensure_original(category)
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        if locked.category_id == category.pk:
            return False
        source = locked.category_id
        Thread.objects.filter(pk=locked.pk).update(category=category)
        if not locked.hidden:
            Category.objects.filter(pk=source).update(
                thread_count=F("thread_count") - 1, post_count=F("post_count") - locked.post_count
            )
            Category.objects.filter(pk=category.pk).update(
                thread_count=F("thread_count") + 1, post_count=F("post_count") + locked.post_count
            )
        _refresh_last_activity(source, category.pk)
        announce(threads_changed, Thread, thread_ids=[locked.pk])
        thread.category = category
        log_action(
            ModerationAction.MOVE, moderator, thread=thread, target_user=thread.author, note=note
        )
    return True


def split_thread(
    thread: Thread, moderator, posts, *, title: str, category: Category, note: str = ""
) -> Thread:
    """Move the chosen replies into a new thread, numbered 1..n in their order; the first of
    them opens it and must be visible. Returns the new thread."""
    _ensure_moderator(moderator)
    note = _clean_note(note)
    title = " ".join((title or "").split())
    if not title:
        raise PostingError(_("Please give the new thread a title."))
    _ensure_original(category)
    chosen = {getattr(post, "pk", post) for post in posts}
    with transaction.atomic():
        locked = Thread.objects.select_for_update().get(pk=thread.pk)
        moving = list(
            Post.objects.select_for_update().filter(thread=locked, pk__in=chosen).order_by("number")
        )
        if not moving or len(moving) != len(chosen):
            raise PostingError(_("Please choose replies of this thread."))
        if moving[0].number == 1:
            raise PostingError(_("The first post stays with its thread; choose replies only."))
        if not moving[0].is_visible:
            raise PostingError(
                _("The first chosen reply opens the new thread, so it must be visible.")
            )
        visible = [post for post in moving if post.is_visible]
        latest = max(visible, key=lambda post: (post.created_at, post.number))
        created = Thread(
            category=category,
            title=title[:200],
            author_id=moving[0].author_id,
            post_count=len(visible),
            last_number=len(moving),
            last_activity_at=latest.created_at,
            last_poster_id=latest.author_id,
        )
        created.save()
        Thread.objects.filter(pk=created.pk).update(created_at=moving[0].created_at)
        moved_ids = {post.pk for post in moving}
        for number, post in enumerate(moving, start=1):
            post.thread, post.number = created, number
            if post.reply_to_id not in moved_ids:
                post.reply_to = None
        Post.objects.bulk_update(moving, ["thread", "number", "reply_to"])
        # Replies in the old thread no longer point at posts that left it.
        Post.objects.filter(thread=locked, reply_to_id__in=moved_ids).update(reply_to=None)

        remaining = (
            Post.objects.visible()
            .filter(thread=locked)
            .order_by("-created_at", "-number")
            .values("created_at", "author_id")
            .first()
        )
        Thread.objects.filter(pk=locked.pk).update(
            post_count=F("post_count") - len(visible),
            last_activity_at=remaining["created_at"] if remaining else locked.created_at,
            last_poster_id=remaining["author_id"] if remaining else locked.author_id,
            solution=None if locked.solution_id in moved_ids else locked.solution_id,
        )
        if not locked.hidden:
            Category.objects.filter(pk=locked.category_id).update(
                post_count=F("post_count") - len(visible)
            )
        Category.objects.filter(pk=category.pk).update(
            thread_count=F("thread_count") + 1, post_count=F("post_count") + len(visible)
        )
        _refresh_last_activity(*{locked.category_id, category.pk})
        announce(threads_changed, Thread, thread_ids=[locked.pk, created.pk])
        log_action(
            ModerationAction.SPLIT,
            moderator,
            thread=created,
            post=moving[0],
            target_user=moving[0].author,
            note=note,
        )
    return created


# -- members


def _ensure_may_discipline(user, moderator) -> None:
    if user.pk == moderator.pk or is_forum_moderator(user):
        raise PostingError(_("Moderators cannot be warned or suspended here."))


def warn_user(user, moderator, message: str) -> ModerationLogEntry:
    """Send the member a moderator's warning (delivered as a notification by its receiver)."""
    _ensure_moderator(moderator)
    _ensure_may_discipline(user, moderator)
    message = _clean_note(message, required=True)
    with transaction.atomic():
        return log_action(ModerationAction.WARN, moderator, target_user=user, note=message)


def suspend_user(user, moderator, until: datetime, note: str = "") -> datetime:
    """The member may not post, reply or flag until ``until``; returns it."""
    _ensure_moderator(moderator)
    _ensure_may_discipline(user, moderator)
    note = _clean_note(note)
    if until <= timezone.now():
        raise PostingError(_("A suspension must end in the future."))
    with transaction.atomic():
        standing, _created = ForumSettings.objects.get_or_create(user=user)
        standing.suspended_until = until
        standing.save(update_fields=["suspended_until"])
        log_action(ModerationAction.SUSPEND, moderator, target_user=user, note=note, until=until)
    return until


def lift_suspension(user, moderator, note: str = "") -> bool:
    """End a running suspension now; False when the member was not suspended."""
    _ensure_moderator(moderator)
    note = _clean_note(note)
    if suspended_until(user) is None:
        return False
    with transaction.atomic():
        ForumSettings.objects.filter(user=user).update(suspended_until=None)
        log_action(ModerationAction.UNSUSPEND, moderator, target_user=user, note=note)
    return True
