"""@-mentions: ``@username`` names a member, ``@<partner-slug>`` a whole partner.

Mentions are resolved once, when a post is written or edited; the rendered HTML links them
and the notifications ask ``mentions_in`` whom to tell.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models.functions import Lower

from partners.models import Partner

# Not after a word character or another @, so e-mail addresses are no mentions.
MENTION_RE = re.compile(r"(?<![\w@])@([\w][\w.\-]*[\w]|[\w])", re.UNICODE)
MAX_MENTIONS = 20


@dataclass
class Mentions:
    """Who a text mentions: members by handle and partners by slug (both lower-cased keys)."""

    users: list = field(default_factory=list)
    partners: list = field(default_factory=list)

    def links(self) -> dict[str, str]:
        """Handle → URL for the renderer; partners link to their page when they have one."""
        links = _partner_urls(self.partners)
        links.update(
            {user.username.lower(): user.profile.get_absolute_url() for user in self.users}
        )
        return {handle: url for handle, url in links.items() if url}


def handles_in(source: str) -> list[str]:
    """The distinct handles a text mentions, lower-cased, at most MAX_MENTIONS."""
    seen: dict[str, None] = {}
    for match in MENTION_RE.finditer(source):
        seen.setdefault(match.group(1).lower(), None)
        if len(seen) >= MAX_MENTIONS:
            break
    return list(seen)


def mentions_in(source: str) -> Mentions:
    """Resolve the text's mentions to active members and partners, in two queries."""
    handles = handles_in(source)
    if not handles:
        return Mentions()
    users = list(
        get_user_model()
        .objects.annotate(handle=Lower("username"))
        .filter(handle__in=handles, is_active=True)
        .select_related("profile")
    )
    taken = {user.username.lower() for user in users}
    partners = list(
        Partner.objects.annotate(handle=Lower("slug")).filter(
            handle__in=[h for h in handles if h not in taken]
        )
    )
    return Mentions(users=users, partners=partners)


def _partner_urls(partners) -> dict[str, str]:
    if not partners:
        return {}
    from kb.models import PartnerPage

    pages = (
        PartnerPage.objects.live()
        .public()
        .filter(partner__in=partners, locale__language_code=settings.LANGUAGE_CODE)
        .select_related("partner")
    )
    return {page.partner.slug.lower(): page.url for page in pages}
