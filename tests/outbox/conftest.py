import email
import socket
from email import policy

import pytest
from aiosmtpd.controller import Controller
from django_tasks import task_backends

OUTBOX_BACKEND = "outbox.backends.OutboxBackend"
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    """A real SMTP server on a fixed loopback port that can be stopped and started again,
    keeping what it received as parsed messages."""

    def __init__(self):
        self.port = free_port()
        self.messages = []
        self.envelopes = []
        self._controller = None

    def start(self) -> None:
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [message for message in self.messages if address in message["To"]]


@pytest.fixture
def mail_server(settings):
    """Stopped at first: the outbox delivers to it over SMTP once a test starts it."""
    server = MailServer()
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    settings.MAIL_DELIVERY_BACKEND = SMTP_BACKEND
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


@pytest.fixture
def outbox_to_locmem(settings):
    """The outbox on, delivering into django.core.mail.outbox."""
    settings.EMAIL_BACKEND = OUTBOX_BACKEND
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def deferred_tasks(settings):
    """Tasks are only recorded, as the database backend stores them for the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    return task_backends["default"]
