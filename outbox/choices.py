from django.db import models
from django.utils.translation import gettext_lazy as _


class MailStatus(models.TextChoices):
    """A mail waits (QUEUED), is with one worker (SENDING), then is SENT or, after the last
    attempt, FAILED; "retry now" puts a failed mail back in the queue."""

    QUEUED = "queued", _("Waiting")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
