import email
import io
import socket
from datetime import timedelta
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from forum.choices import EmailMode, MembershipStatus, NotificationKind
from forum.mail import (
    send_daily_digests,
    send_notification_mails,
    unsubscribe_token,
    user_for_token,
)
from forum.models import ForumSettings, GroupMembership, Notification
from tests.factories import UserFactory
from tests.forum.notification_helpers import answer, start

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler keeping what it receives as parsed messages."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on localhost; Django sends to it over the network."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()


@pytest.fixture
def olaf(db):
    return UserFactory(username="olaf", partner_slug="olfen")


@pytest.fixture
def thread(members_only, member):
    return start(members_only, member)


def _mode(user, mode):
    ForumSettings.objects.update_or_create(user=user, defaults={"email_mode": mode})


def _to(inbox, user) -> list:
    return [message for message in inbox.messages if message["To"] == user.email]


def _text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_an_immediate_notification_is_mailed_through_smtp(smtp, thread, olaf):
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    (message,) = _to(smtp, olaf)
    assert message["To"] == olaf.email
    # Django folds a non-ASCII subject onto a continuation line; readers ignore the fold.
    assert message["Subject"].strip().startswith("[Wissensnetz] ")
    assert Notification.objects.get(recipient=olaf).emailed_at is not None


def test_the_mail_has_text_html_and_one_click_unsubscribe_headers(smtp, thread, olaf):
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    (message,) = _to(smtp, olaf)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # The token carries the second it was signed, so it is read back, not compared.
    token = message["List-Unsubscribe"].strip().strip("<>").rstrip("/").rsplit("/", 1)[-1]
    assert user_for_token(token) == olaf
    assert token in _text(message)
    assert message.get_body(preferencelist=("html",)).get_content().startswith("<!DOCTYPE html>")


def test_the_mail_is_written_in_the_recipients_language(smtp, thread, olaf):
    UserProfile.objects.update_or_create(user=olaf, defaults={"preferred_language": "en"})
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    (message,) = _to(smtp, olaf)
    assert "Paula mentioned you in" in message["Subject"]
    assert "/en/" in message["List-Unsubscribe"]


def test_without_a_known_language_the_mail_is_german(smtp, thread, olaf):
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    (message,) = _to(smtp, olaf)
    assert "/de/" in message["List-Unsubscribe"]


def test_members_on_the_daily_digest_get_no_mail_at_once(smtp, thread, olaf):
    _mode(olaf, EmailMode.DAILY)
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    assert _to(smtp, olaf) == []


def test_the_daily_digest_mails_the_days_notifications_in_one_mail(smtp, thread, olaf):
    _mode(olaf, EmailMode.DAILY)
    paula = UserFactory(username="paula")
    answer(thread, paula, "Was meinen Sie, @olaf?")
    answer(thread, paula, "Und noch einmal, @olaf: Ihre Meinung?")
    call_command("forum_digest", stdout=io.StringIO())
    (message,) = _to(smtp, olaf)
    assert message["To"] == olaf.email
    assert _text(message).count("Paula") == 2
    assert not Notification.objects.filter(recipient=olaf, emailed_at__isnull=True).exists()


def test_a_digest_is_not_sent_twice(smtp, thread, olaf):
    _mode(olaf, EmailMode.DAILY)
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    send_daily_digests()
    assert send_daily_digests() == 0


def test_the_digest_leaves_out_read_and_old_notifications(thread, olaf, mailoutbox):
    _mode(olaf, EmailMode.DAILY)
    post = thread.posts.get(number=1)
    read, old = (
        Notification.objects.create(
            recipient=olaf, kind=NotificationKind.WATCHED, thread=thread, post=post
        )
        for _ in range(2)
    )
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    Notification.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert send_daily_digests() == 0


def test_members_who_turned_mail_off_get_none(thread, olaf, mailoutbox):
    _mode(olaf, EmailMode.OFF)
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    send_daily_digests()
    assert [m for m in mailoutbox if m.to == [olaf.email]] == []


def test_no_mail_about_a_thread_the_recipient_can_no_longer_read(
    group_only, group_member, olaf, mailoutbox
):
    secret = start(group_only, group_member)
    GroupMembership.objects.create(
        group=group_only.working_group, user=olaf, status=MembershipStatus.ACTIVE
    )
    notification = Notification.objects.create(
        recipient=olaf, kind=NotificationKind.MENTION, thread=secret
    )
    GroupMembership.objects.filter(user=olaf).delete()
    send_notification_mails.call([notification.pk])
    assert [m for m in mailoutbox if m.to == [olaf.email]] == []


# -- unsubscribing ----------------------------------------------------------------------------


def test_the_unsubscribe_link_asks_first_without_login(olaf):
    client = Client(enforce_csrf_checks=True)
    response = client.get(reverse("forum:unsubscribe", kwargs={"token": unsubscribe_token(olaf)}))
    assert response.status_code == 200
    assert "<button" in response.content.decode()
    assert not ForumSettings.objects.filter(user=olaf, email_mode=EmailMode.OFF).exists()


def test_confirming_turns_mail_off_without_login(olaf):
    client = Client(enforce_csrf_checks=True)
    client.post(reverse("forum:unsubscribe", kwargs={"token": unsubscribe_token(olaf)}))
    assert ForumSettings.objects.get(user=olaf).email_mode == EmailMode.OFF


def test_a_mail_program_unsubscribes_with_one_click(olaf):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("forum:unsubscribe", kwargs={"token": unsubscribe_token(olaf)}),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert ForumSettings.objects.get(user=olaf).email_mode == EmailMode.OFF


def test_a_tampered_token_gets_a_clear_message(client, olaf):
    token = unsubscribe_token(olaf)
    with translation.override("en"):
        response = client.post(reverse("forum:unsubscribe", kwargs={"token": token[:-2] + "xx"}))
    assert response.status_code == 400
    assert "This unsubscribe link is not valid." in response.content.decode()
    assert not ForumSettings.objects.filter(user=olaf).exists()


def test_a_token_signed_for_something_else_is_refused(client, olaf):
    token = signing.dumps({"user": olaf.pk}, salt="another.purpose")
    response = client.get(reverse("forum:unsubscribe", kwargs={"token": token}))
    assert response.status_code == 400


# -- settings -----------------------------------------------------------------------------------


def test_the_settings_page_creates_the_settings_on_first_visit(client, olaf):
    client.force_login(olaf)
    response = client.get(reverse("forum:settings"))
    assert response.status_code == 200
    assert ForumSettings.objects.get(user=olaf).email_mode == EmailMode.IMMEDIATE


def test_a_member_chooses_the_digest_and_turns_off_partner_mentions(client, olaf):
    client.force_login(olaf)
    client.post(reverse("forum:settings"), {"email_mode": "daily", "expert_questions": "on"})
    saved = ForumSettings.objects.get(user=olaf)
    assert (saved.email_mode, saved.group_mentions, saved.expert_questions) == (
        EmailMode.DAILY,
        False,
        True,
    )


def test_saving_the_settings_in_english_makes_the_mails_english(client, olaf):
    client.force_login(olaf)
    with translation.override("en"):
        client.post(reverse("forum:settings"), {"email_mode": "immediate"})
    assert UserProfile.objects.get(user=olaf).preferred_language == "en"


def test_an_unknown_email_mode_is_refused_with_a_message(client, olaf):
    client.force_login(olaf)
    response = client.post(reverse("forum:settings"), {"email_mode": "hourly"})
    assert response.status_code == 400
    assert ForumSettings.objects.get(user=olaf).email_mode == EmailMode.IMMEDIATE


def test_logging_in_in_english_makes_the_mails_english(olaf):
    from django.contrib.auth.signals import user_logged_in

    with translation.override("en"):
        user_logged_in.send(sender=type(olaf), request=None, user=olaf)
    assert UserProfile.objects.get(user=olaf).preferred_language == "en"
