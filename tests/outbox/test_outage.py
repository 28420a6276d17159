"""The mail server is down: requests still succeed, and every mail arrives once it is back."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation

from forum.choices import NotificationKind
from forum.mail import send_notification_mails
from forum.models import Notification
from outbox.choices import MailStatus
from outbox.delivery import FIRST_RETRY, deliver_due
from outbox.models import OutgoingMail
from tests.factories import DEFAULT_PASSWORD, UserFactory, home_page
from theme.models import AccessibilityFeedback, AccessibilityStatementPage

pytestmark = pytest.mark.django_db

User = get_user_model()
ADDRESS = "max.muster@duelmen.de"


@pytest.fixture
def in_request(client, django_capture_on_commit_callbacks):
    """Post as a browser would, then run what the commit starts (with the immediate task
    backend that is the delivery attempt, which meets the stopped server)."""

    def post(url_name, data):
        with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse(url_name), data, follow=True)

    return post


def sign_up(in_request):
    return in_request(
        "account_signup",
        {
            "email": ADDRESS,
            "display_name": "Max Muster",
            "password1": DEFAULT_PASSWORD,
            "password2": DEFAULT_PASSWORD,
        },
    )


def after_back_off():
    return timezone.now() + FIRST_RETRY


def test_sign_up_with_the_mail_server_down_shows_the_confirmation_page(mail_server, in_request):
    response = sign_up(in_request)
    assert response.status_code == 200
    with translation.override("de"):
        assert response.redirect_chain[-1][0] == reverse("account_email_verification_sent")


def test_sign_up_with_the_mail_server_down_creates_the_account_awaiting_verification(
    mail_server, in_request
):
    sign_up(in_request)
    address = EmailAddress.objects.get(email=ADDRESS)
    assert address.user.profile.partner.slug == "duelmen"
    assert not address.verified


def test_sign_up_with_the_mail_server_down_keeps_the_verification_mail_for_later(
    mail_server, in_request
):
    sign_up(in_request)
    mail = OutgoingMail.objects.get(recipients=ADDRESS)
    assert mail.status == MailStatus.QUEUED
    assert mail.attempts == 1
    assert "Connection refused" in mail.last_error


def test_a_password_reset_with_the_mail_server_down_succeeds_and_keeps_its_mail(
    mail_server, in_request
):
    member = UserFactory(username="mara", partner_slug="duelmen")
    response = in_request("account_reset_password", {"email": member.email})
    assert response.status_code == 200
    with translation.override("de"):
        assert response.redirect_chain[-1][0] == reverse("account_reset_password_done")
    assert OutgoingMail.objects.get(recipients=member.email).status == MailStatus.QUEUED


def test_mails_written_during_the_outage_arrive_exactly_once_when_the_server_is_back(
    mail_server, in_request
):
    member = UserFactory(username="mara", partner_slug="duelmen")
    sign_up(in_request)
    in_request("account_reset_password", {"email": member.email})
    mail_server.start()
    assert deliver_due(after_back_off()) == 2
    assert deliver_due(after_back_off()) == 0
    assert len(mail_server.to(ADDRESS)) == 1
    assert len(mail_server.to(member.email)) == 1


def test_a_server_that_goes_down_between_two_mails_gets_the_second_when_it_is_back(
    mail_server,
):
    mail_server.start()
    send_mail("Vorher", "Text", None, ["erika@example.org"])
    deliver_due()
    mail_server.stop()
    send_mail("Während", "Text", None, ["erika@example.org"])
    deliver_due()
    mail_server.start()
    deliver_due(after_back_off())
    assert [message["Subject"] for message in mail_server.messages] == ["Vorher", "Während"]


def test_the_verification_link_delivered_after_the_outage_verifies_the_address(
    mail_server, in_request, client
):
    sign_up(in_request)
    mail_server.start()
    deliver_due(after_back_off())
    (message,) = mail_server.to(ADDRESS)
    body = message.get_body(preferencelist=("plain",)).get_content()
    client.post(re.search(r"https?://[^/\s]+(/\S+)", body).group(1))
    assert EmailAddress.objects.get(email=ADDRESS).verified


def test_notification_mails_written_during_the_outage_are_delivered_afterwards(mail_server):
    olaf = UserFactory(username="olaf", partner_slug="olfen")
    notification = Notification.objects.create(
        recipient=olaf, kind=NotificationKind.MODERATION, note="Beitrag entfernt"
    )
    assert send_notification_mails.call([notification.pk]) == 1
    deliver_due()
    mail_server.start()
    deliver_due(after_back_off())
    assert len(mail_server.to(olaf.email)) == 1


@pytest.fixture
def statement(settings):
    settings.CONTACT_EMAIL = "barrierefreiheit@kreis-coesfeld.de"
    page = AccessibilityStatementPage(
        title="Barrierefreiheit", slug="barrierefreiheit", body="<p>Erklärung</p>"
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_accessibility_feedback_is_queued_with_both_its_mails_in_the_same_request(
    client, statement, mail_server, deferred_tasks, django_capture_on_commit_callbacks
):
    message = "Das Suchfeld ist mit dem Screenreader nicht zu finden."
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            statement.url, {"email": "erika@example.org", "message": message}, follow=True
        )
    assert response.status_code == 200
    assert AccessibilityFeedback.objects.get().message == message
    assert sorted(OutgoingMail.objects.values_list("recipients", flat=True)) == [
        "barrierefreiheit@kreis-coesfeld.de",
        "erika@example.org",
    ]
