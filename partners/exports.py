"""A member's copy of their data (GDPR Art. 15 and 20): the account and profile, plus what
every other app registers about its contributions.

partners imports none of the other apps, so they register here instead: in their
AppConfig.ready(), ``register_export("forum_posts", collect)`` where ``collect(user)``
returns JSON-ready lists or dicts (datetimes and lazy strings are fine).
"""

from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

Collector = Callable[[object], list | dict]

_collectors: dict[str, Collector] = {}


def register_export(name: str, collect: Collector) -> None:
    """Add ``collect(user)``'s result to every export under ``contributions[name]``."""
    if name in _collectors and _collectors[name] is not collect:
        raise ImproperlyConfigured(f"An export named {name!r} is registered already.")
    _collectors[name] = collect


def export_for(user) -> dict:
    """Everything the site keeps about ``user`` that belongs to them, as one document."""
    return {
        "exported_at": timezone.now(),
        "account": _account(user),
        "profile": _profile(user),
        "contributions": {name: _collectors[name](user) for name in sorted(_collectors)},
    }


def _account(user) -> dict:
    return {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
        ],
        "date_joined": user.date_joined,
        "last_login": user.last_login,
        "roles": sorted(user.groups.values_list("name", flat=True)),
        # Which second factors are set up; their secrets stay out of the export.
        "two_factor_methods": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "connected_sign_in_services": [
            {"provider": account.provider, "uid": account.uid, "last_login": account.last_login}
            for account in SocialAccount.objects.filter(user=user).order_by("provider")
        ],
    }


def _profile(user) -> dict:
    profile = user.profile
    partner = profile.partner
    return {
        "display_name": profile.display_name,
        "name": profile.name,
        "partner": {"name": partner.name, "slug": partner.slug} if partner else None,
        "department": profile.department,
        "expertise": sorted(profile.expertise.names()),
        "shown_to_visitors": profile.is_public,
    }
