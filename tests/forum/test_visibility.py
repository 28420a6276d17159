"""Each forum surface respects each visibility: one rule (forum.permissions), tested everywhere."""

import pytest
from django.urls import reverse

from forum.choices import MembershipStatus
from forum.models import GroupMembership
from forum.posting import start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def thread_in(category, title):
    author = UserFactory(username=f"autor-{category.slug}", partner_slug="olfen")
    if category.working_group_id:
        GroupMembership.objects.create(
            group=category.working_group, user=author, status=MembershipStatus.ACTIVE
        )
    return start_thread(category=category, author=author, title=title, source="Text")


@pytest.fixture
def threads(public, members_only, group_only):
    return {
        "public": thread_in(public, "Öffentlicher Faden"),
        "members": thread_in(members_only, "Interner Faden"),
        "group": thread_in(group_only, "Arbeitskreis-Faden"),
    }


READERS = {
    "visitor": {"public"},
    "member": {"public", "members"},
    "group_member": {"public", "members", "group"},
}


@pytest.fixture
def reader(request, client, member, group_member):
    users = {"visitor": None, "member": member, "group_member": group_member}
    if users[request.param]:
        client.force_login(users[request.param])
    return request.param, client


@pytest.mark.parametrize("reader", READERS, indirect=True)
def test_the_index_lists_only_readable_categories(reader, threads):
    name, client = reader
    content = client.get(reverse("forum:index")).content.decode()
    shown = {kind for kind, thread in threads.items() if thread.category.name in content}
    assert shown == READERS[name]


@pytest.mark.parametrize("reader", READERS, indirect=True)
def test_category_pages_open_only_for_readers(reader, threads):
    name, client = reader
    for kind, thread in threads.items():
        status = client.get(
            reverse("forum:category", kwargs={"slug": thread.category.slug})
        ).status_code
        assert status == (200 if kind in READERS[name] else 404), kind


@pytest.mark.parametrize("reader", READERS, indirect=True)
def test_thread_pages_open_only_for_readers(reader, threads):
    name, client = reader
    for kind, thread in threads.items():
        status = client.get(thread.get_absolute_url()).status_code
        assert status == (200 if kind in READERS[name] else 404), kind


@pytest.mark.parametrize("reader", ["member", "group_member"], indirect=True)
def test_the_new_thread_form_offers_only_categories_one_may_post_in(reader, threads):
    name, client = reader
    choices = client.get(reverse("forum:new_thread")).context["form"].fields["category"].queryset
    assert {c.slug for c in choices} == {threads[kind].category.slug for kind in READERS[name]}


def test_a_member_cannot_reply_in_a_working_group_thread(client, member, threads):
    client.force_login(member)
    response = client.post(
        reverse("forum:reply", kwargs={"pk": threads["group"].pk}), {"source": "x"}
    )
    assert response.status_code == 404
    assert threads["group"].posts.count() == 1


def test_visitors_read_public_threads_but_are_asked_to_log_in_to_reply(client, threads):
    content = client.get(threads["public"].get_absolute_url()).content.decode()
    assert 'name="source"' not in content


def test_forum_moderators_read_every_category(client, threads):
    moderator = UserFactory(username="moritz", groups=["Forum-Moderation"])
    client.force_login(moderator)
    shown = [
        name
        for name, thread in threads.items()
        if thread.title in client.get(thread.get_absolute_url()).content.decode()
    ]
    assert shown == ["public", "members", "group"]


def test_a_requested_membership_does_not_open_the_group(client, working_group, threads):
    applicant = UserFactory(username="anton")
    GroupMembership.objects.create(group=working_group, user=applicant)
    client.force_login(applicant)
    assert client.get(threads["group"].get_absolute_url()).status_code == 404


def test_hidden_threads_are_gone_for_members(client, member, threads):
    threads["members"].hidden = True
    threads["members"].save()
    client.force_login(member)
    assert client.get(threads["members"].get_absolute_url()).status_code == 404
