"""The site's EMAIL_BACKEND: every sender's mail goes into the outbox, never to the network.

allauth, password resets, forum notifications, review reminders and feedback all send through
Django's mail API unchanged. Storing a message is a database insert in the sender's own
transaction, so a request neither waits for nor fails with the mail server, and a mail is
kept exactly when what it reports is (a rolled-back sign-up leaves no mail, a committed one
always has its verification mail). ``outbox.delivery`` sends, retrying while the server is down.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend
from django.db import DatabaseError

from .delivery import queue

logger = logging.getLogger(__name__)


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        """Queue the messages that have recipients; returns how many were queued."""
        messages = [message for message in email_messages if message.recipients()]
        if not messages:
            return 0
        try:
            queue(messages)
        except DatabaseError:
            if not self.fail_silently:
                raise
            logger.exception("Could not queue %d mail(s)", len(messages))
            return 0
        return len(messages)
