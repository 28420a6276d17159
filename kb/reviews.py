"""Review reminders: pages whose review date has passed, and the digests to their owners."""

from collections import defaultdict

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from jobs.marks import first_time
from theme.site_address import absolute_url
from theme.translation import mail_language

from .models import KnowledgePage


def overdue_pages(partner=None, today=None):
    """Live knowledge pages (all languages) whose review date lies before ``today``."""
    pages = KnowledgePage.objects.live().filter(review_due_on__lt=today or timezone.localdate())
    if partner is not None:
        pages = pages.filter(partner=partner)
    return pages.select_related("partner", "owner", "contact__user", "locale").order_by(
        "review_due_on"
    )


def responsible_person(page):
    """Who is reminded: the page's owner, else its contact person."""
    if page.owner and page.owner.is_active and page.owner.email:
        return page.owner
    if page.contact and page.contact.user.is_active and page.contact.user.email:
        return page.contact.user
    return None


def edit_url(page) -> str:
    """The page's editor in the Wagtail admin, on the public base address."""
    return absolute_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def send_review_digests(today=None) -> int:
    """One mail per responsible person listing all their overdue pages, at most once a day per
    person however often it runs; returns mails sent."""
    today = today or timezone.localdate()
    by_person = defaultdict(list)
    for page in overdue_pages(today=today):
        person = responsible_person(page)
        if person is not None:
            by_person[person].append(page)
    sent = 0
    for person, pages in by_person.items():
        context = {"person": person, "pages": [(page, edit_url(page)) for page in pages]}
        with transaction.atomic(), translation.override(mail_language(person)):
            if not first_time(f"review-digest:{person.pk}:{today.isoformat()}"):
                continue
            send_mail(
                subject=render_to_string("kb/email/review_digest_subject.txt", context).strip(),
                message=render_to_string("kb/email/review_digest_message.txt", context),
                from_email=None,
                recipient_list=[person.email],
            )
        sent += 1
    return sent
