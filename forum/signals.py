"""What happens in the forum, for those who react to it (notifications, mail, search index).

Each signal is sent after the transaction that made the change has committed.
"""

import logging

from django.db import transaction
from django.dispatch import Signal

logger = logging.getLogger(__name__)

# A post became visible to readers (written, or approved by a moderator).
# Arguments: post, created_thread (True for a thread's first post).
post_published = Signal()

# A visible post's text was changed by its author or a moderator.
# Arguments: post, previous_source (the markdown before the edit).
post_edited = Signal()

# A reply was marked as the solution of a question. Arguments: thread, post, by.
solution_marked = Signal()

# A moderator decided about a member's post, thread or account.
# Arguments: action (choices.ModerationAction), moderator, target_user, thread, post, note.
moderation_decision = Signal()

# Threads whose readable content, visibility or state changed without a model save (counters
# and flags are written with QuerySet.update). Argument: thread_ids.
threads_changed = Signal()

# Someone asked to join a working group, or was accepted. Argument: membership.
join_requested = Signal()
join_accepted = Signal()


def announce(signal: Signal, sender, **kwargs) -> None:
    """Send ``signal`` once the current transaction commits. A failing receiver is logged,
    never raised: the member's change is saved by then and must not end in an error page."""

    def send():
        for receiver, result in signal.send_robust(sender=sender, **kwargs):
            if isinstance(result, Exception):
                logger.error("Forum signal receiver %r failed", receiver, exc_info=result)

    transaction.on_commit(send)
