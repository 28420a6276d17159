"""The mail queue in the admin: administrators see what failed and why, and send it again."""

import pytest
from django.core import mail
from django.urls import reverse

from outbox.choices import MailStatus
from outbox.delivery import MAX_ATTEMPTS, deliver
from outbox.models import OutgoingMail
from tests.conftest import with_totp
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REPORT = "outbox_mail_report"


@pytest.fixture
def admin_client(client):
    client.force_login(with_totp(UserFactory(username="root", is_superuser=True)))
    return client


@pytest.fixture
def failed_mail(mail_server) -> OutgoingMail:
    mail.send_mail("Ihr Zugang", "Text", None, ["erika@example.org"])
    queued = OutgoingMail.objects.get()
    OutgoingMail.objects.filter(pk=queued.pk).update(attempts=MAX_ATTEMPTS - 1)
    deliver([queued.pk])
    return OutgoingMail.objects.get()


def test_an_administrator_sees_a_failed_mail_with_its_error(admin_client, failed_mail):
    response = admin_client.get(reverse(REPORT), {"status": MailStatus.FAILED})
    assert list(response.context["object_list"]) == [failed_mail]
    assert "Connection refused" in response.content.decode()


def test_retry_now_puts_a_failed_mail_back_in_the_queue_with_fresh_attempts(
    admin_client, failed_mail
):
    admin_client.post(reverse("outbox_retry_mail", args=[failed_mail.pk]))
    retried = OutgoingMail.objects.get()
    assert (retried.status, retried.attempts) == (MailStatus.QUEUED, 0)


def test_retry_now_leaves_a_sent_mail_alone(admin_client, failed_mail):
    OutgoingMail.objects.update(status=MailStatus.SENT)
    admin_client.post(reverse("outbox_retry_mail", args=[failed_mail.pk]))
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_the_editorial_team_cannot_read_other_peoples_mail(client, editorial_user, failed_mail):
    client.force_login(editorial_user)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)
    assert "erika@example.org" not in response.content.decode()
