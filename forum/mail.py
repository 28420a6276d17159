"""Notification mails: at once (a background task after the commit), as a daily digest, or
never — as each member chose in their forum settings.

Every mail is written in the recipient's language (Wagtail's per-user preferred language,
recorded from the language they use the site in; German when unknown) and carries a
one-click unsubscribe link that works without logging in (RFC 8058).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django_tasks import task
from wagtail.users.models import UserProfile

from jobs.marks import first_time
from theme.site_address import absolute_url, base_url, site_short_name
from theme.translation import mail_language

from .choices import EmailMode, NotificationKind
from .models import ForumSettings, Notification
from .notifications import can_see, describe, excerpt, with_permission_facts
from .reading import forum_settings

UNSUBSCRIBE_SALT = "forum.mail.unsubscribe"
DIGEST_PERIOD = timedelta(days=1)
_RELATIVE_HREF = re.compile(r'href="/(?!/)')

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


# -- language -------------------------------------------------------------------------------


def remember_language(user, language: str, *, replace: bool = True) -> None:
    """Record the language ``user`` uses the site in (Wagtail's preferred language)."""
    if language not in LANGUAGE_CODES:
        return
    profile = UserProfile.get_for_user(user)
    if profile.preferred_language == language:
        return
    if profile.preferred_language and not replace:
        return
    UserProfile.objects.filter(pk=profile.pk).update(preferred_language=language)


@receiver(user_logged_in, dispatch_uid="forum.mail.remember_language")
def _remember_login_language(sender, request, user, **kwargs):
    """The language someone logs in with is the best guess for their mails until they save
    their forum settings. German, the default, needs no record; one already made is kept."""
    language = translation.get_language()
    if language != settings.LANGUAGE_CODE:
        remember_language(user, language, replace=False)


# -- unsubscribing --------------------------------------------------------------------------


def unsubscribe_token(user) -> str:
    """A signed token naming the user; it needs no login and does not expire."""
    return signing.dumps({"user": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_for_token(token: str):
    """The active user a token names, or None for a tampered or unknown token."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        return None
    return get_user_model().objects.filter(pk=data["user"], is_active=True).first()


def unsubscribe(user) -> None:
    """Stop all notification mails to ``user`` (in-app notifications go on)."""
    forum_settings(user)
    ForumSettings.objects.filter(user=user).update(email_mode=EmailMode.OFF)


# -- writing mails --------------------------------------------------------------------------


def absolute_links(html: str) -> str:
    """``html`` with its site-relative links made absolute, as a mail client needs them."""
    base = base_url()
    return _RELATIVE_HREF.sub(lambda match: f'href="{base}/', html)


def _item(notification) -> dict:
    post = notification.post
    shown = post is not None and post.is_visible
    return {
        "text": describe(notification),
        "excerpt": excerpt(notification),
        # The post as sanitised when it was saved (forum.markdown.render), for the HTML part.
        "post_html": mark_safe(absolute_links(post.html)) if shown else "",  # noqa: S308
        "reason": notification.note if notification.kind == NotificationKind.MODERATION else "",
        "url": absolute_url(reverse("forum:notification", kwargs={"pk": notification.pk})),
    }


def _message(user, template: str, context: dict) -> EmailMultiAlternatives:
    """A plain-text mail with an HTML alternative, in the user's language."""
    language = mail_language(user)
    with translation.override(language):
        unsubscribe_url = absolute_url(
            reverse("forum:unsubscribe", kwargs={"token": unsubscribe_token(user)})
        )
        context = {
            **context,
            "user": user,
            "language": language,
            "unsubscribe_url": unsubscribe_url,
            "settings_url": absolute_url(reverse("forum:settings")),
            "site_url": absolute_url(reverse("forum:index")),
        }
        subject = render_to_string(f"forum/email/{template}_subject.txt", context)
        text = render_to_string(f"forum/email/{template}.txt", context)
        html = render_to_string(f"forum/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"[{site_short_name()}] " + " ".join(subject.split()),
        body=text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def _still_visible(notifications) -> list:
    """Those notifications the recipient may still see (the permission facts for all
    recipients are fetched at once)."""
    recipients = {n.recipient_id: n.recipient for n in notifications}
    with_permission_facts(list(recipients.values()))
    return [n for n in notifications if can_see(n.recipient, n)]


def _pending(ids=None):
    pending = Notification.objects.filter(
        emailed_at__isnull=True,
        read_at__isnull=True,
        recipient__is_active=True,
        recipient__email__gt="",
    ).select_related(
        "recipient__wagtail_userprofile",
        "recipient__forum_settings",
        "actor__profile",
        "thread__category",
        "post",
    )
    return pending if ids is None else pending.filter(pk__in=ids)


def _email_mode(user) -> str:
    try:
        return user.forum_settings.email_mode
    except ForumSettings.DoesNotExist:
        return ForumSettings._meta.get_field("email_mode").default


def mail_immediately(notifications) -> None:
    """Queue the mail for the notifications whose recipients want mail at once."""
    ids = [n.pk for n in notifications]
    wanting = (
        Notification.objects.filter(pk__in=ids)
        .exclude(recipient__forum_settings__email_mode__in=[EmailMode.DAILY, EmailMode.OFF])
        .values_list("pk", flat=True)
    )
    wanting = list(wanting)
    if wanting:
        send_notification_mails.enqueue(wanting)


@task()
def send_notification_mails(notification_ids: list[int]) -> int:
    """Mail each notification on its own, if still unread, unmailed, visible to its recipient
    and they still want mail at once; returns the mails sent."""
    notifications = [
        n for n in _pending(notification_ids) if _email_mode(n.recipient) == EmailMode.IMMEDIATE
    ]
    sent = 0
    for notification in _still_visible(notifications):
        item = _item_in_language(notification)
        # Sending puts the mail into the outbox, which delivers and retries it; together
        # with the mark, so that a notification is mailed exactly once.
        with transaction.atomic():
            _message(notification.recipient, "notification", {"item": item}).send()
            Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
        sent += 1
    return sent


def _item_in_language(notification) -> dict:
    with translation.override(mail_language(notification.recipient)):
        return _item(notification)


def send_daily_digests(now=None) -> int:
    """Mail every member on the daily digest all their unread, unmailed notifications of the
    last day in one mail, at most once a day per member; returns the mails sent."""
    now = now or timezone.now()
    today = timezone.localdate(now).isoformat()
    pending = _pending().filter(
        created_at__gte=now - DIGEST_PERIOD,
        recipient__forum_settings__email_mode=EmailMode.DAILY,
    )
    by_recipient: dict[int, list] = {}
    for notification in _still_visible(list(pending.order_by("recipient_id", "created_at"))):
        by_recipient.setdefault(notification.recipient_id, []).append(notification)
    sent = 0
    for notifications in by_recipient.values():
        user = notifications[0].recipient
        items = [_item_in_language(n) for n in notifications]
        with transaction.atomic():
            # A second run on the same day (by hand, or a scheduler racing another) sends
            # nothing: what came in since waits for tomorrow's digest.
            if not first_time(f"forum-digest:{user.pk}:{today}"):
                continue
            _message(user, "digest", {"items": items}).send()
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=now)
        sent += 1
    return sent
