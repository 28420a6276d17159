"""Moderators hear of a new flag at once (bell, and mail as they chose) instead of finding it
on their next visit to the queue, and the header shows them the queue with its size."""

import pytest
from django.core import mail
from django.urls import reverse

from forum.choices import EmailMode, FlagReason, NotificationKind
from forum.context_processors import moderation_queue_size
from forum.models import ForumSettings, Notification, Post
from forum.moderation import flag_post
from forum.notifications import target_url
from forum.posting import reply, start_thread
from partners.roles import MODERATORS
from tests.factories import UserFactory
from tests.forum.notification_helpers import committed, kinds_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", partner_slug="coesfeld", groups=[MODERATORS])


@pytest.fixture
def post(members_only):
    author = UserFactory(username="anton", partner_slug="olfen")
    thread = start_thread(category=members_only, author=author, title="Frage", source="Erster")
    return reply(thread, author, "Kaufen Sie jetzt!")


def flag(post, reporter):
    return committed(flag_post, post, reporter, FlagReason.SPAM)


def test_a_new_flag_notifies_the_forum_moderators(moderator, member, post):
    flag(post, member)
    assert kinds_for(moderator) == [NotificationKind.FLAG]


def test_the_reporter_and_other_members_hear_nothing_of_a_flag(moderator, member, post):
    flag(post, member)
    assert Notification.objects.exclude(recipient=moderator).count() == 0


def test_a_moderator_on_immediate_mail_is_mailed_of_a_new_flag(moderator, member, post):
    flag(post, member)
    assert [m.to for m in mail.outbox] == [[moderator.email]]


def test_a_moderator_who_turned_mail_off_gets_no_mail_of_a_flag(moderator, member, post):
    ForumSettings.objects.create(user=moderator, email_mode=EmailMode.OFF)
    flag(post, member)
    assert mail.outbox == []
    assert kinds_for(moderator) == [NotificationKind.FLAG]


def test_a_flag_notification_leads_to_the_moderation_queue(moderator, member, post):
    flag(post, member)
    notification = Notification.objects.get(recipient=moderator)
    assert target_url(notification, moderator) == reverse("forum:moderation_queue")


def test_the_header_shows_moderators_the_queue_with_its_size(client, moderator, member, post):
    flag(post, member)
    client.force_login(moderator)
    page = client.get(reverse("forum:index")).content.decode()
    queue = reverse("forum:moderation_queue")
    link = page[page.index(f'<a href="{queue}" class="moderation-link">') :]
    assert link[: link.index("</a>")].count('<span class="badge">1<') == 1


def test_the_header_shows_members_no_moderation_link(client, member):
    client.force_login(member)
    page = client.get(reverse("forum:index")).content.decode()
    assert reverse("forum:moderation_queue") not in page


def test_the_queue_counts_flagged_and_waiting_posts_once_each(member, post):
    flag(post, member)
    flag(post, UserFactory(username="berta", partner_slug="olfen"))
    waiting = reply(post.thread, post.author, "Noch eine Antwort")
    Post.objects.filter(pk=waiting.pk).update(awaiting_approval=True)
    assert moderation_queue_size() == 2


def test_the_queue_is_counted_in_one_query(member, post, django_assert_num_queries):
    flag(post, member)
    with django_assert_num_queries(1):
        moderation_queue_size()
