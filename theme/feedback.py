"""Accessibility feedback (BGG NRW § 10b): stored, mailed to the operator, confirmed to sender."""

from django import forms
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .models import AccessibilityFeedback, SiteSettings
from .tasks import send_accessibility_feedback

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
    with transaction.atomic():
        feedback.save()
        transaction.on_commit(
            lambda: send_accessibility_feedback.enqueue(feedback.pk, contact_email)
        )
    return True
