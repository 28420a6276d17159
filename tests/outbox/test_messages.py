"""What a sender builds arrives as built, however long it waited in the outbox."""

import pytest
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from outbox.delivery import FIRST_RETRY, deliver, deliver_due
from outbox.models import OutgoingMail

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n\x00\x01\x02\xff binary\n%%EOF"


def rich_message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Einladung zum Arbeitskreis Glasfaser",
        body="Guten Tag,\nanbei die Tagesordnung.",
        from_email="Wissensnetz <wissensnetz@kreis-coesfeld.de>",
        to=["erika@example.org"],
        cc=["olaf@olfen.de"],
        bcc=["archiv@kreis-coesfeld.de"],
        reply_to=["digitalagentur@kreis-coesfeld.de"],
        headers={"List-Unsubscribe": "<https://example.org/abmelden/>"},
    )
    message.attach_alternative("<p>Guten Tag, <b>anbei</b> die Tagesordnung.</p>", "text/html")
    message.attach("tagesordnung.pdf", PDF, "application/pdf")
    message.attach("notizen.txt", "Größe: 3 Seiten", "text/plain")
    return message


@pytest.fixture
def delivered(mail_server):
    mail_server.start()
    rich_message().send()
    deliver_due()
    (message,) = mail_server.messages
    return message


def test_the_html_alternative_arrives_beside_the_text(delivered):
    assert delivered.get_body(preferencelist=("plain",)).get_content().startswith("Guten Tag,")
    html = delivered.get_body(preferencelist=("html",)).get_content()
    assert "<b>anbei</b>" in html


def test_attachments_arrive_byte_for_byte_with_their_names(delivered):
    attachments = {part.get_filename(): part for part in delivered.iter_attachments()}
    assert attachments["tagesordnung.pdf"].get_content() == PDF
    assert attachments["tagesordnung.pdf"].get_content_type() == "application/pdf"
    assert attachments["notizen.txt"].get_content() == "Größe: 3 Seiten"


def test_sender_reply_to_copies_and_extra_headers_arrive(delivered):
    assert delivered["From"] == "Wissensnetz <wissensnetz@kreis-coesfeld.de>"
    assert delivered["Cc"] == "olaf@olfen.de"
    assert delivered["Reply-To"] == "digitalagentur@kreis-coesfeld.de"
    assert delivered["List-Unsubscribe"] == "<https://example.org/abmelden/>"


def test_blind_copies_are_delivered_without_being_named(mail_server):
    mail_server.start()
    rich_message().send()
    deliver_due()
    (envelope,) = mail_server.envelopes
    assert "archiv@kreis-coesfeld.de" in envelope.rcpt_tos
    assert "archiv" not in envelope.content.decode()


def test_a_mail_sent_after_a_retry_keeps_the_date_and_id_it_was_written_with(mail_server):
    rich_message().send()
    queued = OutgoingMail.objects.get()
    deliver([queued.pk])
    mail_server.start()
    deliver_due(timezone.now() + FIRST_RETRY)
    (message,) = mail_server.messages
    assert message["Message-ID"] == queued.message["headers"]["Message-ID"]
    assert message["Date"] == queued.message["headers"]["Date"]
