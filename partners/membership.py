"""Who may join the network, and which partner a person belongs to.

The rule: an address on a partner's email domain joins that partner; any other address
is refused unless ``WISSENSNETZ_ALLOW_GUEST_ACCOUNTS`` is on, in which case the person
becomes a guest without a partner.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Partner


def partner_for_email(email: str) -> Partner | None:
    return Partner.objects.for_email(email).first()


def guests_allowed() -> bool:
    return settings.WISSENSNETZ_ALLOW_GUEST_ACCOUNTS


def validate_sign_up_email(email: str) -> None:
    """Raise a ValidationError, in the user's language, for an address that may not sign up."""
    if guests_allowed() or partner_for_email(email) is not None:
        return
    raise ValidationError(
        _(
            "The network is open to staff of Kreis Coesfeld and its eleven towns and "
            "municipalities. Please sign up with your work address (for example "
            "name@duelmen.de). If your organisation should be able to join, please "
            "contact the Digitalagentur."
        ),
        code="foreign_domain",
    )


def join_partner_for_email(user, email: str) -> Partner | None:
    """Make the user a member of the partner the address belongs to; return that partner."""
    return join_partner(user, partner_for_email(email))


def join_partner(user, partner: Partner | None) -> Partner | None:
    """Make the user a member of the partner (None leaves the membership as it is)."""
    profile = user.profile
    if partner is not None and profile.partner_id != partner.pk:
        profile.partner = partner
        profile.save(update_fields=["partner"])
    return partner
