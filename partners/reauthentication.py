"""A password entered to log in confirms access as well as one entered to reauthenticate.

allauth asks for the password again before sensitive account changes (setting up TOTP among
them) unless a recent authentication record is flagged as a reauthentication; the record a
password login leaves is not. The editorial team, sent to set up TOTP right after logging
in, would otherwise type the same password twice within a minute. The confirmation still
expires after ACCOUNT_REAUTHENTICATION_TIMEOUT, counted from the login.
"""

from allauth.account.authentication import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    get_authentication_records,
)
from allauth.account.signals import user_logged_in
from django.dispatch import receiver

# Names of steps in allauth's authentication records, not secrets.
PASSWORD_STEP = "password"  # noqa: S105
SECOND_FACTOR = "mfa"


@receiver(user_logged_in, dispatch_uid="partners_password_login_confirms_access")
def password_login_confirms_access(sender, request, user, **kwargs):
    """Flag the password step of the login that just completed as a reauthentication."""
    records = get_authentication_records(request, user)
    # The login's first step is the last record before its second factor; a login through
    # an identity provider (or an older password record in the session) does not count.
    first_steps = [record for record in records if record.get("method") != SECOND_FACTOR]
    if not first_steps or first_steps[-1].get("method") != PASSWORD_STEP:
        return
    first_steps[-1]["reauthenticated"] = True
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = records
