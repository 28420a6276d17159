"""Question threads: the author or a moderator marks one reply as the solution."""

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import PostingError
from .models import Thread
from .permissions import can_mark_solution, ensure_may_write
from .signals import announce, solution_marked, threads_changed


def mark_solution(post, user) -> None:
    """Make ``post`` the solution of its question (replacing an earlier choice)."""
    ensure_may_write(user)
    thread = post.thread
    if not can_mark_solution(user, thread):
        raise PostingError(
            _("Only the author of the question or a moderator chooses the solution.")
        )
    if post.number == 1 or not post.is_visible:
        raise PostingError(_("Only a visible reply can be the solution."))
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(solution=post)
        announce(solution_marked, Thread, thread=thread, post=post, by=user)
        announce(threads_changed, Thread, thread_ids=[thread.pk])
    thread.solution = post


def unmark_solution(thread, user) -> None:
    """The question is open again."""
    ensure_may_write(user)
    if not can_mark_solution(user, thread):
        raise PostingError(
            _("Only the author of the question or a moderator chooses the solution.")
        )
    with transaction.atomic():
        Thread.objects.filter(pk=thread.pk).update(solution=None)
        announce(threads_changed, Thread, thread_ids=[thread.pk])
    thread.solution = None
