"""Demo accounts, one per role that exists so far (development settings only)."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from .membership import join_partner_for_email
from .roles import EDITORIAL_TEAM, MODERATORS

DEMO_PASSWORD = "Wissensnetz-Demo-2026"  # noqa: S105  (documented in the README; dev only)

DEMO_ACCOUNTS = [
    # email, username, display name, department, groups, superuser
    ("mitglied@duelmen.de", "mara.mitglied", "Mara Mitglied", "Bürgerservice", [], False),
    (
        "digitalagentur@kreis-coesfeld.de",
        "dana.digital",
        "Dana Digital",
        "Digitalagentur",
        [EDITORIAL_TEAM],
        False,
    ),
    (
        "moderation@coesfeld.de",
        "moritz.moderation",
        "Moritz Moderation",
        "IT-Service",
        [MODERATORS],
        False,
    ),
    ("admin@kreis-coesfeld.de", "admin", "Anna Admin", "IT-Service", [], True),
]


def load(command):
    if not getattr(settings, "DEMO_ACCOUNTS_ENABLED", False):
        command.report("Demo accounts skipped: DEMO_ACCOUNTS_ENABLED is off in these settings.")
        return
    User = get_user_model()
    for email, username, name, department, groups, superuser in DEMO_ACCOUNTS:
        if User.objects.filter(email__iexact=email).exists():
            continue
        user = User(username=username, email=email, is_superuser=superuser, is_staff=superuser)
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        profile = user.profile
        profile.display_name = name
        profile.department = department
        profile.save()
        join_partner_for_email(user, email)
        user.groups.add(*Group.objects.filter(name__in=groups))
        command.report(f"Account {email} ({name})")
