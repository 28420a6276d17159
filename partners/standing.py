"""A member's standing: whether they may change anything on the site just now — the one rule.

A suspension is imposed by the forum's moderators and stored with the forum's settings
(``forum.ForumSettings.suspended_until``), yet it binds every app: the public profile lives
in ``partners`` and reuse declarations in ``kb``. Imports point one way (``kb`` and ``forum``
import ``partners``, never back), so the rule lives here and the forum tells it where its
suspensions are: ``ForumConfig.ready()`` calls ``register_suspension()`` with a function
that returns the end of a member's running suspension. Every app asks ``write_refusal()``,
through ``member_may_write`` on its views and ``ensure_may_write()`` in its services.

A suspended member may not write, edit or delete posts, start threads or discussions,
react, mark solutions, flag, ask to join a working group, accept join requests, change
their public profile (name, department, expertise) or declare reuse.

Deliberately allowed, because nobody else sees them or because they are the member's
rights: reading; watch levels, notification settings and marking notifications read (they
shape only what the member is told); leaving a working group; the data export and deleting
the account (GDPR); password, e-mail addresses and second factor (account security); and
the accessibility feedback form, since contacting the operator must stay possible —
especially about a suspension.
"""

from collections.abc import Callable
from datetime import datetime
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

SuspensionLookup = Callable[[object], datetime | None]

_lookups: list[SuspensionLookup] = []


def register_suspension(lookup: SuspensionLookup) -> None:
    """Let ``lookup(user)`` — the end of a running suspension, or None — bind every app."""
    if lookup not in _lookups:
        _lookups.append(lookup)


def suspended_until(user) -> datetime | None:
    """The end of the member's running suspension (the latest one if several apps
    suspend), or None when they may write."""
    if not getattr(user, "is_authenticated", False):
        return None
    now = timezone.now()
    ends = [end for lookup in _lookups if (end := lookup(user)) is not None and end > now]
    return max(ends, default=None)


def write_refusal(user) -> str | None:
    """Why ``user`` may not change anything, in words for them; None when they may."""
    until = suspended_until(user)
    if until is None:
        return None
    moment = formats.date_format(timezone.localtime(until), "SHORT_DATETIME_FORMAT")
    return _("Your account is suspended until %(until)s.") % {"until": moment}


def may_write(user) -> bool:
    return write_refusal(user) is None


class WriteRefused(PermissionDenied):
    """A suspended member tried to change something; the message says until when. Should a
    view let it through, Django still answers 403, never 500."""


def ensure_may_write(user) -> None:
    """Raise WriteRefused when ``user`` is suspended (services call this before any change)."""
    refusal = write_refusal(user)
    if refusal is not None:
        raise WriteRefused(refusal)


def refusal_response(request, refusal: str):
    """403 with the refusal: a page for people, JSON for scripts that ask for it."""
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"error": refusal}, status=403)
    return TemplateResponse(
        request, "partners/write_refused.html", {"refusal": refusal}, status=403
    )


def member_may_write(view=None, *, methods: tuple[str, ...] | None = None):
    """Guard a view that changes something: a suspended member gets 403 and nothing changes.

    With ``methods`` (e.g. ``("POST",)``) only those requests are refused, for views whose
    GET shows something worth reading; without, every request is, so that a suspended
    member is told at once instead of filling in a form they cannot send.
    """

    def decorate(function):
        @wraps(function)
        def guarded(request, *args, **kwargs):
            if methods is None or request.method in methods:
                refusal = write_refusal(request.user)
                if refusal is not None:
                    return refusal_response(request, refusal)
            return function(request, *args, **kwargs)

        guarded.member_may_write = True
        return guarded

    return decorate(view) if view is not None else decorate


class MemberMayWriteMixin:
    """``member_may_write`` for class-based views; put it first among the bases."""

    def dispatch(self, request, *args, **kwargs):
        refusal = write_refusal(request.user)
        if refusal is not None:
            return refusal_response(request, refusal)
        return super().dispatch(request, *args, **kwargs)
