import pytest
from django.urls import reverse

from forum.choices import MembershipRole, MembershipStatus
from forum.models import GroupMembership
from forum.permissions import can_read
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_moderator(working_group):
    user = UserFactory(username="leitung", partner_slug="senden")
    GroupMembership.objects.create(
        group=working_group,
        user=user,
        role=MembershipRole.MODERATOR,
        status=MembershipStatus.ACTIVE,
    )
    return user


def test_members_see_which_groups_exist(client, member, working_group):
    client.force_login(member)
    assert working_group.name in client.get(reverse("forum:groups")).content.decode()


def test_a_member_asks_to_join_and_gets_no_access_yet(client, member, working_group, group_only):
    client.force_login(member)
    client.post(reverse("forum:group_join", kwargs={"slug": working_group.slug}))
    membership = GroupMembership.objects.get(user=member, group=working_group)
    assert membership.status == MembershipStatus.REQUESTED
    assert not can_read(member, group_only)


def test_asking_twice_keeps_one_request(client, member, working_group):
    client.force_login(member)
    url = reverse("forum:group_join", kwargs={"slug": working_group.slug})
    client.post(url)
    client.post(url)
    assert GroupMembership.objects.filter(user=member).count() == 1


def test_the_groups_moderator_accepts_a_request(
    client, member, working_group, group_moderator, group_only
):
    request = GroupMembership.objects.create(group=working_group, user=member)
    client.force_login(group_moderator)
    client.post(
        reverse("forum:group_decide", kwargs={"slug": working_group.slug, "pk": request.pk}),
        {"decision": "accept"},
    )
    member = type(member).objects.get(pk=member.pk)
    assert can_read(member, group_only)


def test_a_plain_member_cannot_accept_requests(client, member, working_group, group_member):
    request = GroupMembership.objects.create(group=working_group, user=member)
    client.force_login(group_member)
    client.post(
        reverse("forum:group_decide", kwargs={"slug": working_group.slug, "pk": request.pk}),
        {"decision": "accept"},
    )
    request.refresh_from_db()
    assert request.status == MembershipStatus.REQUESTED


def test_the_moderator_sees_open_requests_and_others_do_not(
    client, member, working_group, group_moderator, group_member
):
    GroupMembership.objects.create(group=working_group, user=member)
    url = reverse("forum:group", kwargs={"slug": working_group.slug})
    client.force_login(group_moderator)
    assert member.profile.name in client.get(url).content.decode()
    client.force_login(group_member)
    assert "decision" not in client.get(url).content.decode()


def test_the_last_moderator_cannot_leave(client, working_group, group_moderator):
    client.force_login(group_moderator)
    client.post(reverse("forum:group_leave", kwargs={"slug": working_group.slug}))
    assert GroupMembership.objects.filter(user=group_moderator).exists()
