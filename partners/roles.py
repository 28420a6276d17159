"""The site's roles, as Django groups, and the rules that follow from them."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model

EDITORIAL_TEAM = "Digitalagentur"
MODERATORS = "Forum-Moderation"


def role_names(user) -> frozenset[str]:
    """The names of the user's groups, read once per user object (which lives for one request),
    so that every role check of a page shares one query."""
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, "_role_names"):
        _read_groups(user)
    return user._role_names


def group_ids(user) -> frozenset[int]:
    """The ids of the user's groups, read in the same query as ``role_names`` (view
    restrictions name groups by id, role checks by name; a page asks both)."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_group_ids"):
        _read_groups(user)
    return user._group_ids


def _read_groups(user) -> None:
    rows = list(user.groups.values_list("pk", "name"))
    user._group_ids = frozenset(pk for pk, _name in rows)
    user._role_names = frozenset(name for _pk, name in rows)


def remember_role_names(users) -> None:
    """Read the group names of many users in one query, for role checks on each of them."""
    names = {user.pk: set() for user in users}
    memberships = get_user_model().groups.through.objects.filter(user_id__in=list(names))
    for user_id, name in memberships.values_list("user_id", "group__name"):
        names[user_id].add(name)
    for user in users:
        user._role_names = frozenset(names[user.pk])


def requires_mfa(user) -> bool:
    """The editorial team and administrators must use a second factor (see MFA_REQUIRED_GROUPS)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return not role_names(user).isdisjoint(settings.MFA_REQUIRED_GROUPS)


def is_editorial_team(user) -> bool:
    """The editorial team (group "Digitalagentur") and administrators: they curate the library
    and see the site-wide reports."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or EDITORIAL_TEAM in role_names(user)


def has_totp(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def must_set_up_mfa(user) -> bool:
    return requires_mfa(user) and not has_totp(user)
