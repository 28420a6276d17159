from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import MailStatus


class OutgoingMail(models.Model):
    """One message as its sender built it, kept until the mail server has accepted it."""

    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED
    )
    # Subject and recipients are copies for the admin listing; ``message`` is what is sent.
    subject = models.CharField(_("subject"), max_length=255, blank=True)
    recipients = models.TextField(_("recipients"))
    message = models.JSONField(_("message"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # Set with the status SENDING by the one worker that claimed the mail; a worker records
    # its outcome only while the claim is still its own.
    claim = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        verbose_name = _("outgoing mail")
        verbose_name_plural = _("outgoing mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return self.subject or self.recipients
