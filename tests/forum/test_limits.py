from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.limits import ensure_may_flag, ensure_may_post, needs_approval, suspended_until
from forum.models import ForumSettings, Post
from forum.posting import PostingError, reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(members_only, member):
    return start_thread(category=members_only, author=member, title="Frage", source="Erster")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", groups=["Forum-Moderation"])


def suspend(user, until):
    ForumSettings.objects.update_or_create(user=user, defaults={"suspended_until": until})


def write_posts(thread, author, count):
    for number in range(count):
        reply(thread, author, f"Beitrag {number}")


def test_a_suspended_member_may_not_post_and_is_told_until_when(member):
    suspend(member, timezone.make_aware(datetime(2031, 5, 12, 9, 30)))
    with pytest.raises(PostingError) as refusal:
        ensure_may_post(member)
    assert "12.05.2031" in str(refusal.value)


def test_a_suspension_that_has_ended_no_longer_counts(member):
    suspend(member, timezone.now() - timedelta(minutes=1))
    ensure_may_post(member)
    assert suspended_until(member) is None


def test_a_member_without_forum_settings_is_not_suspended(member):
    assert suspended_until(member) is None


def test_a_member_who_wrote_the_hourly_number_of_posts_must_wait(settings, thread, member):
    settings.FORUM_POSTS_PER_HOUR = 3
    write_posts(thread, member, 2)
    with pytest.raises(PostingError, match="3"):
        ensure_may_post(member)


def test_posts_older_than_an_hour_do_not_count_against_the_rate(settings, thread, member):
    settings.FORUM_POSTS_PER_HOUR = 1
    Post.objects.filter(author=member).update(created_at=timezone.now() - timedelta(minutes=61))
    ensure_may_post(member)


def test_a_posts_limit_of_zero_switches_the_rate_off(settings, thread, member):
    settings.FORUM_POSTS_PER_HOUR = 0
    write_posts(thread, member, 3)
    ensure_may_post(member)


def test_moderators_have_no_hourly_limit(settings, thread, moderator):
    settings.FORUM_POSTS_PER_HOUR = 1
    write_posts(thread, moderator, 2)
    ensure_may_post(moderator)


def test_a_suspended_member_cannot_reply_through_the_form(client, member, thread):
    suspend(member, timezone.make_aware(datetime(2031, 5, 12, 9, 30)))
    client.force_login(member)
    response = client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"source": "Noch"})
    assert response.status_code == 403
    assert "12.05.2031" in response.content.decode()
    assert thread.posts.count() == 1


def test_a_new_member_needs_approval_until_enough_posts_are_approved(settings, thread):
    settings.FORUM_APPROVE_FIRST_POSTS = 2
    newcomer = UserFactory(username="neu")
    assert needs_approval(newcomer)
    Post.objects.create(thread=thread, number=2, author=newcomer, source="a", html="<p>a</p>")
    assert needs_approval(newcomer)
    Post.objects.create(thread=thread, number=3, author=newcomer, source="b", html="<p>b</p>")
    assert not needs_approval(newcomer)


def test_waiting_and_hidden_posts_do_not_count_as_approved(settings, thread):
    settings.FORUM_APPROVE_FIRST_POSTS = 1
    newcomer = UserFactory(username="neu")
    Post.objects.create(
        thread=thread, number=2, author=newcomer, source="a", html="", awaiting_approval=True
    )
    Post.objects.create(thread=thread, number=3, author=newcomer, source="b", html="", hidden=True)
    assert needs_approval(newcomer)


def test_moderators_never_need_approval(settings, moderator):
    settings.FORUM_APPROVE_FIRST_POSTS = 5
    assert not needs_approval(moderator)


def test_nobody_needs_approval_when_the_setting_is_zero(settings, member):
    settings.FORUM_APPROVE_FIRST_POSTS = 0
    assert not needs_approval(member)


def test_a_suspended_member_may_not_flag(member):
    suspend(member, timezone.now() + timedelta(days=1))
    with pytest.raises(PostingError):
        ensure_may_flag(member)
