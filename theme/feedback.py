"""Accessibility feedback (BGG NRW § 10b): stored, mailed to the operator, confirmed to sender."""

from django import forms
from django.core.mail import EmailMessage, send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .models import AccessibilityFeedback, SiteSettings

FEEDBACK_LIMIT_PER_HOUR = 5


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["name", "email", "page_url", "message"]
        labels = {
            "name": _("Your name (optional)"),
            "email": _("Your email address"),
            "page_url": _("Which page or content is affected? (optional)"),
            "message": _("Please describe the barrier"),
        }
        help_texts = {
            "email": _("We send you a confirmation and use the address only to reply."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Please describe the barrier."))
        return message


def receive_feedback(request, form: FeedbackForm) -> bool:
    """Store the message and queue both mails; False (with a form error) when sent too often."""
    if not ratelimit.allow(
        "accessibility-feedback",
        ratelimit.client_ip(request),
        limit=FEEDBACK_LIMIT_PER_HOUR,
        period=3600,
    ):
        form.add_error(
            None,
            _("You have sent several messages in a short time. Please try again in an hour."),
        )
        return False
    feedback = form.save(commit=False)
    feedback.language = get_language()
    contact_email = SiteSettings.for_request(request).get_contact_email()
    # The mails go into the outbox with the message, so none is lost if the other is.
    with transaction.atomic():
        feedback.save()
        mail_feedback(feedback, contact_email)
    return True


def mail_feedback(feedback: AccessibilityFeedback, contact_email: str) -> None:
    """Mail the message to the operator (in German) and a confirmation to the sender."""
    context = {"feedback": feedback}
    with translation.override("de"):
        EmailMessage(
            subject=render_to_string("theme/email/feedback_subject.txt", context).strip(),
            body=render_to_string("theme/email/feedback_message.txt", context),
            to=[contact_email],
            reply_to=[feedback.email],
        ).send()
    with translation.override(feedback.language or "de"):
        send_mail(
            subject=render_to_string(
                "theme/email/feedback_confirmation_subject.txt", context
            ).strip(),
            message=render_to_string("theme/email/feedback_confirmation_message.txt", context),
            from_email=None,
            recipient_list=[feedback.email],
        )
