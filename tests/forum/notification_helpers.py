"""Posting as the site does it, with the after-commit work (signals, mails) actually run."""

from django.test import TestCase

from forum.models import Notification
from forum.posting import reply, start_thread


def committed(function, *args, **kwargs):
    """Call ``function`` and run what it left for after the commit, as a request would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def start(category, author, title="Wie digitalisieren Sie Anträge?", source="Erster Beitrag", **kw):
    return committed(
        start_thread, category=category, author=author, title=title, source=source, **kw
    )


def answer(thread, author, source="Eine Antwort", reply_to=None):
    return committed(reply, thread, author, source, reply_to)


def kinds_for(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))
