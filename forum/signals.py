"""What happens in the forum, for those who react to it (notifications, mail, search index).

Each signal is sent after the transaction that made the change has committed.
"""

from django.dispatch import Signal

# A post became visible to readers (written, or approved by a moderator).
# Arguments: post, created_thread (True for a thread's first post).
post_published = Signal()

# A reply was marked as the solution of a question. Arguments: thread, post, by.
solution_marked = Signal()

# A moderator decided about a member's post, thread or account.
# Arguments: action (choices.ModerationAction), moderator, target_user, thread, post, note.
moderation_decision = Signal()

# Someone asked to join a working group, or was accepted. Argument: membership.
join_requested = Signal()
join_accepted = Signal()
