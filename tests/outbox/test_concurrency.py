"""Two workers delivering at the same moment send each mail once (a second connection)."""

import pytest
from django.core import mail

from outbox.delivery import deliver, deliver_due
from outbox.models import OutgoingMail
from tests.outbox.backends import RacingBackend

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def racing(settings):
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"
    settings.MAIL_DELIVERY_BACKEND = "tests.outbox.backends.RacingBackend"
    RacingBackend.outcomes = []
    RacingBackend.race = staticmethod(deliver_due)
    yield RacingBackend
    RacingBackend.race = None


def test_a_second_worker_does_not_send_a_mail_the_first_is_sending(racing):
    mail.send_mail("Hallo", "Text", None, ["erika@example.org"])
    deliver(OutgoingMail.objects.values_list("pk", flat=True))
    assert racing.outcomes == [0]
    assert len(mail.outbox) == 1
