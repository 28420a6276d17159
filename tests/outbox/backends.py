"""Delivery backends for the outbox's tests (named by dotted path in MAIL_DELIVERY_BACKEND)."""

import threading

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.db import connections


class CountingSMTPBackend(SMTPBackend):
    """The SMTP backend, noting each attempt to open a connection in ``opened``."""

    opened: list = []

    def open(self):
        self.opened.append(self.port)
        return super().open()


class RacingBackend(LocmemBackend):
    """While it sends, a second worker in another thread runs ``race`` to completion; what
    that returns is kept in ``outcomes``."""

    race = None
    outcomes: list = []

    def send_messages(self, messages):
        def second_worker():
            try:
                self.outcomes.append(type(self).race())
            finally:
                connections.close_all()

        worker = threading.Thread(target=second_worker)
        worker.start()
        worker.join(timeout=30)
        return super().send_messages(messages)
