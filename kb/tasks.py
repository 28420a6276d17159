from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from theme.site_address import page_url
from theme.translation import mail_language


@task()
def notify_contact_of_reuse(reuse_id: int, created: bool) -> None:
    """Tell the page's contact person that a partner declared or changed its reuse."""
    from .models import Reuse

    reuse = (
        Reuse.objects.select_related("page", "partner", "page__contact__user")
        .filter(pk=reuse_id)
        .first()
    )
    if reuse is None or reuse.page.contact is None or not reuse.page.contact.user.email:
        return
    context = {
        "reuse": reuse,
        "page": reuse.page,
        "page_url": page_url(reuse.page),
        "created": created,
    }
    with translation.override(mail_language(reuse.page.contact.user)):
        send_mail(
            subject=render_to_string("kb/email/reuse_subject.txt", context).strip(),
            message=render_to_string("kb/email/reuse_message.txt", context),
            from_email=None,
            recipient_list=[reuse.page.contact.user.email],
        )


@task()
def send_review_reminders() -> int:
    """Mail each owner a digest of their pages whose review is due; returns the mails sent."""
    from .reviews import send_review_digests

    return send_review_digests()


@task()
def check_links() -> int:
    """Check the links of every live page and store what is broken; returns the broken count."""
    from .links import check_links as check_all_links

    return check_all_links()
