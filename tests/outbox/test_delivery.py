"""Delivery: back-off between attempts, giving up late, retries scheduled, stale claims."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from outbox import delivery
from outbox.choices import MailStatus
from outbox.delivery import (
    FIRST_RETRY,
    MAX_ATTEMPTS,
    STALE_AFTER,
    deliver,
    deliver_due,
    retry_delay,
)
from outbox.models import OutgoingMail
from outbox.tasks import deliver_mails
from tests.outbox.backends import CountingSMTPBackend

pytestmark = pytest.mark.django_db

ADDRESS = "erika@example.org"


def write_mail(subject="Hallo") -> OutgoingMail:
    mail.send_mail(subject, "Text", None, [ADDRESS])
    return OutgoingMail.objects.latest("pk")


def deliveries(task_backend) -> list:
    return [r for r in task_backend.results if r.task.func == deliver_mails.func]


def failed_once(mail_server) -> tuple[OutgoingMail, timezone.datetime]:
    """A mail whose first attempt met the stopped server; the server is running again."""
    queued = write_mail()
    failed_at = timezone.now()
    deliver([queued.pk], failed_at)
    mail_server.start()
    return queued, failed_at


def test_sending_a_mail_only_queues_it(mail_server):
    mail_server.start()
    write_mail()
    assert mail_server.messages == []
    assert OutgoingMail.objects.get().status == MailStatus.QUEUED


def test_the_periodic_command_sends_every_mail_that_is_due(mail_server):
    mail_server.start()
    write_mail("Eins")
    write_mail("Zwei")
    call_command("deliver_mail", stdout=None)
    assert sorted(message["Subject"] for message in mail_server.messages) == ["Eins", "Zwei"]


def test_a_sent_mail_is_marked_sent_and_not_sent_again(mail_server):
    mail_server.start()
    queued = write_mail()
    deliver_due()
    deliver_due()
    deliver([queued.pk])
    assert len(mail_server.messages) == 1
    assert OutgoingMail.objects.get().status == MailStatus.SENT


def test_a_failed_mail_is_not_retried_before_its_back_off_has_passed(mail_server):
    _queued, failed_at = failed_once(mail_server)
    deliver_due(failed_at + FIRST_RETRY - timedelta(seconds=1))
    assert mail_server.messages == []


def test_a_failed_mail_is_retried_once_its_back_off_has_passed(mail_server):
    _queued, failed_at = failed_once(mail_server)
    deliver_due(failed_at + FIRST_RETRY)
    assert len(mail_server.messages) == 1


def test_the_back_off_doubles_with_each_failed_attempt(mail_server):
    queued = write_mail()
    now = timezone.now()
    for _attempt in range(3):
        deliver([queued.pk], now)
        now = OutgoingMail.objects.get().next_attempt_at
    mail = OutgoingMail.objects.get()
    assert mail.attempts == 3
    assert mail.next_attempt_at - mail.last_attempt_at == 4 * FIRST_RETRY


def test_attempts_go_on_for_about_two_days():
    waited = sum((retry_delay(attempt) for attempt in range(1, MAX_ATTEMPTS)), timedelta())
    assert timedelta(days=1, hours=18) <= waited <= timedelta(days=2, hours=6)


def test_a_mail_is_kept_as_failed_after_its_last_attempt(mail_server):
    queued = write_mail()
    OutgoingMail.objects.filter(pk=queued.pk).update(attempts=MAX_ATTEMPTS - 1)
    deliver([queued.pk])
    mail = OutgoingMail.objects.get()
    assert mail.status == MailStatus.FAILED
    assert "Connection refused" in mail.last_error


def test_a_failed_mail_is_not_attempted_again(mail_server):
    queued = write_mail()
    OutgoingMail.objects.filter(pk=queued.pk).update(status=MailStatus.FAILED)
    mail_server.start()
    deliver_due(timezone.now() + timedelta(days=3))
    assert mail_server.messages == []


def test_a_retry_is_queued_as_a_task_for_when_it_is_due(
    mail_server, deferred_tasks, django_capture_on_commit_callbacks
):
    queued = write_mail()
    with django_capture_on_commit_callbacks(execute=True):
        deliver([queued.pk])
    (retry,) = deliveries(deferred_tasks)
    assert retry.task.func == deliver_mails.func
    assert retry.args == [[queued.pk]]
    assert retry.task.run_after == OutgoingMail.objects.get().next_attempt_at


def test_queueing_a_mail_queues_its_delivery_task_after_the_commit(
    outbox_to_locmem, deferred_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = write_mail()
        assert deliveries(deferred_tasks) == []
    (task_result,) = deliveries(deferred_tasks)
    assert task_result.args == [[queued.pk]]


def test_the_delivery_task_sends_the_mail(outbox_to_locmem):
    queued = write_mail()
    assert deliver_mails.call([queued.pk]) == 1
    assert [message.subject for message in mail.outbox] == ["Hallo"]


def test_a_mail_left_sending_by_a_stopped_worker_is_sent_again_later(outbox_to_locmem):
    queued = write_mail()
    claimed_at = timezone.now()
    OutgoingMail.objects.filter(pk=queued.pk).update(
        status=MailStatus.SENDING, claim="lost", last_attempt_at=claimed_at
    )
    assert deliver_due(claimed_at + STALE_AFTER - timedelta(seconds=1)) == 0
    assert deliver_due(claimed_at + STALE_AFTER + timedelta(seconds=1)) == 1


def test_an_unreachable_server_ends_the_run_after_one_connection_attempt(
    mail_server, settings, monkeypatch
):
    for subject in ("Eins", "Zwei", "Drei"):
        write_mail(subject)
    monkeypatch.setattr(delivery, "BATCH_SIZE", 1)
    settings.MAIL_DELIVERY_BACKEND = "tests.outbox.backends.CountingSMTPBackend"
    CountingSMTPBackend.opened = []
    deliver_due()
    assert len(CountingSMTPBackend.opened) == 1
    assert OutgoingMail.objects.filter(attempts=0).count() == 2


def test_sent_mails_are_removed_after_a_week(outbox_to_locmem):
    queued = write_mail()
    deliver([queued.pk])
    deliver_due(timezone.now() + timedelta(days=8))
    assert not OutgoingMail.objects.exists()
