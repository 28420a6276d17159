"""The rules for partners' own identity providers (OpenID Connect).

- An issuer is accepted only when its discovery document answers, is JSON, names the same
  issuer and has an authorisation and a token endpoint (``discover``).
- Only the authorisation endpoints of configured providers may receive the sign-in pages'
  forms (``authorization_origins``, read by the Content-Security-Policy).
- A login through a provider is accepted only for an address on one of the provider's
  partner's email domains, and the person joins that partner (``sign_in_refusal``,
  ``partner_for_provider``): a provider vouches for its own partner's staff, not for
  another partner's or for guests.
"""

from urllib.parse import urlsplit

import requests
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import IdentityProvider, Partner

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_TIMEOUT_SECONDS = 5


def normalise_issuer(issuer: str) -> str:
    """The issuer without a trailing slash: allauth appends the discovery path to it."""
    return issuer.strip().rstrip("/")


def discover(issuer: str) -> dict:
    """Fetch and check the issuer's discovery document; raise a ValidationError in the
    editor's language when it cannot be used."""
    issuer = normalise_issuer(issuer)
    url = issuer + DISCOVERY_PATH
    try:
        response = requests.get(url, timeout=DISCOVERY_TIMEOUT_SECONDS)
        response.raise_for_status()
    except requests.RequestException as error:
        raise ValidationError(
            _(
                "The identity provider could not be reached at %(url)s (%(error)s). "
                "Please check the issuer URL."
            ),
            code="unreachable",
            params={"url": url, "error": type(error).__name__},
        ) from error
    try:
        document = response.json()
    except ValueError as error:
        raise ValidationError(
            _(
                "%(url)s does not answer with an OpenID Connect discovery document (JSON). "
                "Please check the issuer URL."
            ),
            code="not_json",
            params={"url": url},
        ) from error
    if not isinstance(document, dict) or normalise_issuer(str(document.get("issuer", ""))) != (
        issuer
    ):
        raise ValidationError(
            _(
                "The provider names a different issuer (%(found)s) than the one entered "
                "(%(issuer)s). Please enter the issuer URL exactly as the provider states it."
            ),
            code="wrong_issuer",
            params={
                "found": document.get("issuer") if isinstance(document, dict) else "–",
                "issuer": issuer,
            },
        )
    missing = [key for key in ("authorization_endpoint", "token_endpoint") if not document.get(key)]
    if missing:
        raise ValidationError(
            _("The provider's discovery document lacks %(missing)s."),
            code="incomplete",
            params={"missing": ", ".join(missing)},
        )
    return document


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def authorization_origins() -> list[str]:
    """The origins of the configured providers' authorisation endpoints, for form-action."""
    endpoints = IdentityProvider.objects.exclude(authorization_endpoint="").values_list(
        "authorization_endpoint", flat=True
    )
    return sorted({origin(endpoint) for endpoint in endpoints})


def partner_for_provider(provider_id: str) -> Partner | None:
    """The partner whose identity provider has this provider id (allauth's account.provider)."""
    return Partner.objects.filter(identity_provider__social_app__provider_id=provider_id).first()


def sign_in_refusal(provider_id: str, email: str) -> str | None:
    """Why a login through the provider is refused for this address, or None if it is not."""
    partner = partner_for_provider(provider_id)
    domain = email.rpartition("@")[2].strip().lower()
    if partner is not None and domain in partner.email_domains:
        return None
    partner_name = partner.name if partner else provider_id
    return _(
        "Your account at the identity provider of %(partner)s has the address "
        "“%(email)s”, which is not one of %(partner)s's email domains. Please ask "
        "your IT department to store your work address there, or log in with your "
        "email address and password."
    ) % {"partner": partner_name, "email": email or "–"}


def unavailable_message(provider_name: str) -> str:
    """What a person reads when the provider does not answer at login."""
    return _(
        "The sign-in service “%(name)s” cannot be reached at the moment. Please try again "
        "later, or log in with your email address and password."
    ) % {"name": provider_name}
