"""Unread markers, "new since your last visit" and the jump to the first unread post."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.choices import WatchLevel
from forum.listings import POSTS_PER_PAGE
from forum.models import ForumSettings, ReadMarker
from forum.posting import reply, start_thread
from forum.reading import mark_read, record_visit
from forum.watching import set_watch_level
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return UserFactory(username="autorin", partner_slug="olfen")


@pytest.fixture
def thread(members_only, author):
    return start_thread(category=members_only, author=author, title="Faden", source="Erster")


def test_opening_a_thread_marks_it_read_to_the_last_post_shown(client, member, thread, author):
    reply(thread, author, "Zweiter")
    client.force_login(member)
    client.get(thread.get_absolute_url())
    assert ReadMarker.objects.get(user=member, thread=thread).last_read_number == 2


def test_a_read_marker_never_moves_backwards(member, thread):
    mark_read(member, thread, 5)
    mark_read(member, thread, 2)
    assert ReadMarker.objects.get(user=member, thread=thread).last_read_number == 5


def test_the_category_shows_how_many_posts_are_unread(client, member, thread, author):
    mark_read(member, thread, 1)
    reply(thread, author, "Neu 1")
    reply(thread, author, "Neu 2")
    client.force_login(member)
    content = client.get(thread.category.get_absolute_url()).content.decode()
    assert reverse("forum:first_unread", kwargs={"pk": thread.pk}) in content
    assert ">2 " in content


def unread_badge(client, thread) -> bool:
    content = client.get(thread.category.get_absolute_url()).content.decode()
    return reverse("forum:first_unread", kwargs={"pk": thread.pk}) in content


def test_a_thread_set_to_normal_shows_no_unread_count(client, member, thread, author):
    mark_read(member, thread, 1)
    set_watch_level(member, WatchLevel.NORMAL, thread=thread)
    reply(thread, author, "Neu")
    client.force_login(member)
    assert not unread_badge(client, thread)


def test_a_thread_in_a_tracked_category_shows_its_unread_count(
    client, member, thread, author, members_only
):
    mark_read(member, thread, 1)
    set_watch_level(member, WatchLevel.TRACKING, category=members_only)
    reply(thread, author, "Neu")
    client.force_login(member)
    assert unread_badge(client, thread)


def test_a_muted_thread_is_not_new_since_the_last_visit(client, member, thread):
    set_watch_level(member, WatchLevel.MUTED, thread=thread)
    client.force_login(member)
    assert "Faden" not in client.get(reverse("forum:unread")).content.decode()


def test_the_jump_to_the_first_unread_post_finds_its_page(client, member, thread, author):
    for n in range(POSTS_PER_PAGE + 3):
        reply(thread, author, f"Beitrag {n}")
    mark_read(member, thread, POSTS_PER_PAGE + 1)
    client.force_login(member)
    response = client.get(reverse("forum:first_unread", kwargs={"pk": thread.pk}))
    assert response["Location"].endswith(f"?page=2#post-{POSTS_PER_PAGE + 2}")


def test_a_new_visit_begins_after_an_hour_away(member):
    record_visit(member)
    earlier = timezone.now() - timedelta(hours=3)
    ForumSettings.objects.filter(user=member).update(last_seen_at=earlier)
    del member._forum_settings
    record_visit(member)
    assert ForumSettings.objects.get(user=member).previous_visit_at == earlier


def test_new_since_the_last_visit_lists_unread_threads_only(
    client, member, thread, members_only, author
):
    read = start_thread(category=members_only, author=author, title="Schon gelesen", source="x")
    mark_read(member, read, 1)
    client.force_login(member)
    content = client.get(reverse("forum:unread")).content.decode()
    assert "Faden" in content and "Schon gelesen" not in content


def test_new_since_the_last_visit_hides_threads_the_member_may_not_read(
    client, member, group_only, author
):
    start_thread(
        category=group_only,
        author=UserFactory(username="ak", is_superuser=True),
        title="Geheim",
        source="x",
    )
    client.force_login(member)
    assert "Geheim" not in client.get(reverse("forum:unread")).content.decode()


def test_new_since_the_last_visit_needs_a_login(client):
    assert client.get(reverse("forum:unread")).status_code == 302
