from django.core.mail import EmailMessage, send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .models import AccessibilityFeedback


@task()
def send_accessibility_feedback(feedback_id: int, contact_email: str) -> None:
    """Mail the message to the operator (in German) and a confirmation to the sender."""
    feedback = AccessibilityFeedback.objects.get(pk=feedback_id)
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
