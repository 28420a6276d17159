"""Delivery of queued mails: each sent once, retried with back-off while the server is down.

A mail is handed to ``settings.MAIL_DELIVERY_BACKEND`` (SMTP in production) by whichever
worker claims it first: the task queued after the sender's commit, the task scheduled for the
next attempt, or the periodic ``manage.py deliver_mail`` that sends everything due — so no
mail depends on a single task surviving. Claiming is one conditional UPDATE (status QUEUED to
SENDING, with a token), so two workers never send the same mail.
"""

import logging
import uuid
from collections import defaultdict
from datetime import datetime, timedelta
from email.utils import formatdate, make_msgid
from functools import partial

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.message import DNS_NAME
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import messages
from .choices import MailStatus
from .models import OutgoingMail

logger = logging.getLogger(__name__)

# 1, 2, 4 … minutes after each failed attempt, at most four hours apart: the 20 attempts
# span about two days, long enough for a mail server's maintenance or a weekend outage.
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=4)
MAX_ATTEMPTS = 20
# A worker that died while sending leaves its mails SENDING; after this they are sent again
# (the server may then get a mail twice, which beats losing it; the Message-ID stays the same).
STALE_AFTER = timedelta(minutes=30)
BATCH_SIZE = 20
# Sent mails hold reset and verification links: kept only as a short delivery log.
KEEP_SENT = timedelta(days=7)
KEEP_FAILED = timedelta(days=30)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed attempt."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_RETRY)


def queue(email_messages) -> list[int]:
    """Store the messages and deliver them after the current transaction commits.

    Date and Message-ID are fixed now, so that a mail sent after a retry still carries the
    time it was written and a receiver can recognise a repeated delivery.
    """
    mails = []
    for message in email_messages:
        data = messages.to_json(message)
        names = {name.lower() for name in data["headers"]}
        if "date" not in names:
            data["headers"]["Date"] = formatdate(localtime=settings.EMAIL_USE_LOCALTIME)
        if "message-id" not in names:
            data["headers"]["Message-ID"] = make_msgid(domain=DNS_NAME)
        mails.append(
            OutgoingMail(
                subject=" ".join(str(message.subject).split())[:255],
                recipients=", ".join(message.recipients()),
                message=data,
            )
        )
    # SQLite and PostgreSQL both return the new primary keys from a bulk insert.
    ids = [mail.pk for mail in OutgoingMail.objects.bulk_create(mails)]
    transaction.on_commit(partial(_schedule, ids, None), robust=True)
    return ids


def _schedule(mail_ids: list[int], run_after: datetime | None) -> None:
    """Queue the delivery task; a retry only where the task backend can defer it (otherwise
    the periodic ``deliver_mail`` sends it when it is due)."""
    from .tasks import deliver_mails

    if run_after is None:
        deliver_mails.enqueue(mail_ids)
    elif deliver_mails.get_backend().supports_defer:
        deliver_mails.using(run_after=run_after).enqueue(mail_ids)


def deliver(mail_ids, now: datetime | None = None) -> int:
    """Send those of the given mails that are queued and due; returns how many were sent."""
    return _deliver(mail_ids, now or timezone.now())[0]


def deliver_due(now: datetime | None = None) -> int:
    """Send every mail that is due, in batches over one connection each; returns the count.

    Stops early when the server cannot be reached: the rest stays due for the next run
    instead of each batch waiting for its own connection timeout.
    """
    now = now or timezone.now()
    _release_stale(now)
    _prune(now)
    sent, after = 0, 0
    while True:
        ids = list(
            OutgoingMail.objects.filter(
                status=MailStatus.QUEUED, next_attempt_at__lte=now, pk__gt=after
            )
            .order_by("pk")
            .values_list("pk", flat=True)[:BATCH_SIZE]
        )
        if not ids:
            return sent
        batch_sent, reachable = _deliver(ids, now)
        sent += batch_sent
        if not reachable:
            return sent
        after = ids[-1]


def retry_now(mail_ids) -> int:
    """Put waiting or failed mails back in the queue, due at once and with a fresh series of
    attempts (someone has fixed the cause); returns how many."""
    mail_ids = list(
        OutgoingMail.objects.filter(
            pk__in=mail_ids, status__in=[MailStatus.QUEUED, MailStatus.FAILED]
        ).values_list("pk", flat=True)
    )
    OutgoingMail.objects.filter(pk__in=mail_ids).update(
        status=MailStatus.QUEUED, next_attempt_at=timezone.now(), attempts=0, claim=""
    )
    if mail_ids:
        transaction.on_commit(partial(_schedule, mail_ids, None), robust=True)
    return len(mail_ids)


def _claim(mail_ids, now: datetime) -> tuple[str, list[OutgoingMail]]:
    token = uuid.uuid4().hex
    OutgoingMail.objects.filter(
        pk__in=list(mail_ids), status=MailStatus.QUEUED, next_attempt_at__lte=now
    ).update(
        status=MailStatus.SENDING,
        claim=token,
        attempts=F("attempts") + 1,
        last_attempt_at=now,
    )
    return token, list(OutgoingMail.objects.filter(claim=token).order_by("pk"))


def _deliver(mail_ids, now: datetime) -> tuple[int, bool]:
    """Send the due ones of ``mail_ids``; returns the count sent and whether the server
    could be reached at all."""
    token, mails = _claim(mail_ids, now)
    if not mails:
        return 0, True
    retries = defaultdict(list)
    sent = 0
    connection = get_connection(settings.MAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.open()
    # Whatever the backend raises (refused, timed out, TLS, authentication) means "not now".
    except Exception as error:
        for mail in mails:
            _record_failure(mail, token, error, now, retries)
        _schedule_retries(retries)
        return 0, False
    try:
        for mail in mails:
            try:
                connection.send_messages([messages.from_json(mail.message)])
            except Exception as error:
                _record_failure(mail, token, error, now, retries)
            else:
                _record_success(mail, token, now)
                sent += 1
    finally:
        _close(connection)
    _schedule_retries(retries)
    return sent, True


def _close(connection) -> None:
    try:
        connection.close()
    except Exception:
        # The mails are recorded already; a connection that breaks on QUIT changes nothing.
        logger.warning("Closing the mail connection failed", exc_info=True)


def _record_success(mail: OutgoingMail, token: str, now: datetime) -> None:
    OutgoingMail.objects.filter(pk=mail.pk, claim=token).update(
        status=MailStatus.SENT, sent_at=now, last_error="", claim=""
    )


def _record_failure(mail, token: str, error: Exception, now: datetime, retries: dict) -> None:
    description = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts >= MAX_ATTEMPTS:
        OutgoingMail.objects.filter(pk=mail.pk, claim=token).update(
            status=MailStatus.FAILED, last_error=description, claim=""
        )
        logger.error("Mail %s given up after %d attempts: %s", mail.pk, mail.attempts, description)
        return
    next_attempt_at = now + retry_delay(mail.attempts)
    OutgoingMail.objects.filter(pk=mail.pk, claim=token).update(
        status=MailStatus.QUEUED, next_attempt_at=next_attempt_at, last_error=description, claim=""
    )
    retries[next_attempt_at].append(mail.pk)
    # Addresses stay out of the logs; the admin's mail report shows them by number.
    logger.warning(
        "Mail %s not sent (attempt %d), next attempt at %s: %s",
        mail.pk,
        mail.attempts,
        next_attempt_at.isoformat(),
        description,
    )


def _schedule_retries(retries: dict) -> None:
    for run_after, mail_ids in retries.items():
        transaction.on_commit(partial(_schedule, mail_ids, run_after), robust=True)


def _release_stale(now: datetime) -> None:
    OutgoingMail.objects.filter(
        status=MailStatus.SENDING, last_attempt_at__lt=now - STALE_AFTER
    ).update(
        status=MailStatus.QUEUED,
        next_attempt_at=now,
        claim="",
        last_error="The worker sending this mail stopped before it finished.",
    )


def _prune(now: datetime) -> None:
    OutgoingMail.objects.filter(status=MailStatus.SENT, sent_at__lt=now - KEEP_SENT).delete()
    OutgoingMail.objects.filter(
        status=MailStatus.FAILED, last_attempt_at__lt=now - KEEP_FAILED
    ).delete()
