"""With the production task backend no request talks to the mail server: the worker does."""

import smtplib

import pytest
from django.urls import reverse
from django.utils import translation

from outbox.models import OutgoingMail
from outbox.tasks import deliver_mails
from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

ADDRESS = "max.muster@duelmen.de"


@pytest.fixture
def smtp_connections(monkeypatch):
    """Every SMTP connection anything in this process opens."""
    opened = []
    connect = smtplib.SMTP.connect

    def spy(self, host="localhost", port=0, source_address=None):
        opened.append((host, port))
        return connect(self, host, port, source_address)

    monkeypatch.setattr(smtplib.SMTP, "connect", spy)
    return opened


@pytest.fixture
def signed_up(client, mail_server, deferred_tasks, django_capture_on_commit_callbacks):
    mail_server.start()
    with translation.override("de"), django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("account_signup"),
            {
                "email": ADDRESS,
                "display_name": "Max Muster",
                "password1": DEFAULT_PASSWORD,
                "password2": DEFAULT_PASSWORD,
            },
        )


def test_a_sign_up_request_opens_no_smtp_connection(smtp_connections, signed_up):
    assert signed_up.status_code == 302
    assert smtp_connections == []


def test_the_worker_delivers_the_verification_mail_the_request_queued(
    signed_up, deferred_tasks, mail_server
):
    (delivery,) = [r for r in deferred_tasks.results if r.task.func == deliver_mails.func]
    delivery.task.call(*delivery.args, **delivery.kwargs)
    (message,) = mail_server.to(ADDRESS)
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in message["Subject"]
    assert OutgoingMail.objects.get().sent_at is not None
