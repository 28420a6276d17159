"""Who may read, post and moderate where: the one place every forum surface asks.

- public categories: everybody reads, members post;
- members-only categories: members read and post;
- working-group categories: the group's active members read and post;
- forum moderators (group "Forum-Moderation") and administrators read and moderate all.
A member is a logged-in, active account (sign-up verified the address). Whether a member
may change anything at all just now (a suspension) is partners.standing's rule; the forum's
services ask it through ``ensure_may_write``.
"""

from django.db.models import Q

from partners.roles import MODERATORS, role_names
from partners.standing import write_refusal

from .choices import MembershipRole, MembershipStatus, Visibility
from .errors import PostingError
from .models import Category, Thread


def is_member(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def is_forum_moderator(user) -> bool:
    if not is_member(user):
        return False
    if user.is_superuser:
        return True
    return MODERATORS in role_names(user)


def _group_ids(user) -> list[int]:
    if not is_member(user):
        return []
    if not hasattr(user, "_forum_group_ids"):
        user._forum_group_ids = list(
            user.group_memberships.filter(status=MembershipStatus.ACTIVE).values_list(
                "group_id", flat=True
            )
        )
    return user._forum_group_ids


def ensure_may_write(user) -> None:
    """Raise PostingError when ``user`` is suspended: the forum's services refuse before any
    change, as the views' ``member_may_write`` guard does."""
    refusal = write_refusal(user)
    if refusal is not None:
        raise PostingError(refusal)


def readable_q(user, prefix: str = "") -> Q:
    """A filter for categories (or, with prefix "category__", threads) ``user`` may read."""
    if is_forum_moderator(user):
        return Q()
    q = Q(**{f"{prefix}visibility": Visibility.PUBLIC})
    if is_member(user):
        q |= Q(**{f"{prefix}visibility": Visibility.MEMBERS})
        q |= Q(
            **{
                f"{prefix}visibility": Visibility.GROUP,
                f"{prefix}working_group_id__in": _group_ids(user),
            }
        )
    return q


def readable_categories(user):
    """The default-language categories ``user`` may read."""
    return Category.objects.originals().filter(readable_q(user))


def can_read(user, category: Category) -> bool:
    if is_forum_moderator(user) or category.visibility == Visibility.PUBLIC:
        return True
    if not is_member(user):
        return False
    if category.visibility == Visibility.MEMBERS:
        return True
    return category.working_group_id in _group_ids(user)


def can_post(user, category: Category) -> bool:
    return is_member(user) and can_read(user, category)


def visible_threads(user):
    """Threads ``user`` may read: in a readable category, not hidden (moderators see all)."""
    threads = Thread.objects.filter(readable_q(user, prefix="category__"))
    if not is_forum_moderator(user):
        threads = threads.visible()
    return threads


def can_read_thread(user, thread: Thread) -> bool:
    return can_read(user, thread.category) and (not thread.hidden or is_forum_moderator(user))


def can_reply(user, thread: Thread) -> bool:
    return (
        can_post(user, thread.category)
        and can_read_thread(user, thread)
        and (not thread.locked or is_forum_moderator(user))
    )


def can_edit_post(user, post) -> bool:
    """Authors edit their own visible posts (not in locked threads); moderators edit any."""
    if is_forum_moderator(user):
        return True
    return (
        is_member(user)
        and post.author_id == user.pk
        and not post.hidden
        and not post.deleted
        and not post.thread.locked
    )


def can_react(user, post) -> bool:
    """Members react to visible posts of others in threads they may read."""
    return (
        is_member(user)
        and post.author_id != user.pk
        and post.is_visible
        and can_read_thread(user, post.thread)
    )


def can_mark_solution(user, thread) -> bool:
    """The question's author or a moderator chooses the solution."""
    if not thread.is_question or not can_read_thread(user, thread):
        return False
    return is_forum_moderator(user) or (is_member(user) and thread.author_id == user.pk)


def is_group_moderator(user, group) -> bool:
    """Forum moderators and the group's own moderators accept join requests."""
    if is_forum_moderator(user):
        return True
    return (
        is_member(user)
        and group.memberships.filter(
            user=user, role=MembershipRole.MODERATOR, status=MembershipStatus.ACTIVE
        ).exists()
    )


def can_read_post(user, post) -> bool:
    """A post shows to whoever reads its thread; hidden or unapproved ones only to moderators."""
    if not can_read_thread(user, post.thread):
        return False
    return post.is_shown or is_forum_moderator(user)


# --- search: the same rules, as access tokens (see search.audience) ---------------------

WORKING_GROUP_PREFIX = "wg"


def category_audience_tokens(category: Category) -> set[str]:
    """Who may find a category's threads in search, the way ``can_read`` decides."""
    if category.visibility == Visibility.PUBLIC:
        return {"public"}
    if category.visibility == Visibility.MEMBERS:
        return {"members"}
    return {f"{WORKING_GROUP_PREFIX}:{category.working_group_id}"}


def holds_working_group_token(user, group_id: str) -> bool:
    """Whether ``user`` reads the working group's categories (its members and moderators)."""
    return is_forum_moderator(user) or group_id in {str(pk) for pk in _group_ids(user)}
