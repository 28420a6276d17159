"""Working groups: members see which exist and ask to join; the group's moderators accept."""

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .choices import MembershipRole, MembershipStatus
from .errors import PostingError
from .models import GroupMembership, WorkingGroup
from .permissions import is_group_moderator, is_member
from .signals import announce, join_accepted, join_requested


def groups_overview(user) -> list:
    """Every working group with its active member count and the user's own membership."""
    groups = list(
        WorkingGroup.objects.annotate(
            member_count=Count("memberships", filter=Q(memberships__status=MembershipStatus.ACTIVE))
        )
    )
    mine = {}
    if is_member(user):
        mine = {m.group_id: m for m in GroupMembership.objects.filter(user=user)}
    for group in groups:
        group.my_membership = mine.get(group.pk)
    return groups


def request_to_join(group: WorkingGroup, user) -> GroupMembership:
    """Ask to join; asking twice changes nothing."""
    if not is_member(user):
        raise PostingError(_("Please log in to ask to join."))
    existing = GroupMembership.objects.filter(group=group, user=user).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            membership = GroupMembership.objects.create(
                group=group, user=user, status=MembershipStatus.REQUESTED
            )
    except IntegrityError:
        return GroupMembership.objects.get(group=group, user=user)
    announce(join_requested, WorkingGroup, membership=membership)
    return membership


def accept(membership: GroupMembership, by) -> None:
    """A group moderator lets the person in."""
    if not is_group_moderator(by, membership.group):
        raise PostingError(_("Only the group's moderators accept new members."))
    if membership.status == MembershipStatus.ACTIVE:
        return
    GroupMembership.objects.filter(pk=membership.pk).update(status=MembershipStatus.ACTIVE)
    membership.status = MembershipStatus.ACTIVE
    announce(join_accepted, WorkingGroup, membership=membership)


def decline(membership: GroupMembership, by) -> None:
    """A group moderator turns a request down (the person may ask again later)."""
    if not is_group_moderator(by, membership.group):
        raise PostingError(_("Only the group's moderators decide on requests."))
    if membership.status != MembershipStatus.REQUESTED:
        raise PostingError(_("This person is already a member."))
    membership.delete()


def leave(group: WorkingGroup, user) -> None:
    """Leave a group or withdraw a request. The last moderator stays."""
    membership = GroupMembership.objects.filter(group=group, user=user).first()
    if membership is None:
        return
    if (
        membership.role == MembershipRole.MODERATOR
        and not group.memberships.filter(role=MembershipRole.MODERATOR)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise PostingError(_("You are the group's last moderator; appoint another one first."))
    membership.delete()
