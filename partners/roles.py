"""The site's roles, as Django groups, and the rules that follow from them."""

from allauth.mfa.models import Authenticator
from django.conf import settings

EDITORIAL_TEAM = "Digitalagentur"
MODERATORS = "Forum-Moderation"


def requires_mfa(user) -> bool:
    """The editorial team and administrators must use a second factor (see MFA_REQUIRED_GROUPS)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.MFA_REQUIRED_GROUPS).exists()


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_set_up_mfa(user) -> bool:
    return requires_mfa(user) and not has_totp(user)
