"""Deleting one's own account. What a person wrote stays for the others, without their name
(posts and threads keep their author empty: SET_NULL, shown as "Former member"); what
belongs to the person alone goes with the account (profile, email addresses, second
factors, notifications, watches, reactions, memberships: CASCADE). No foreign key to the
user is PROTECT, so the deletion is never blocked half-way."""

from allauth.core import ratelimit
from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

ADMINISTRATOR_REFUSAL = _("An administrator account cannot be deleted here.")


class AccountDeletionRefused(Exception):
    """The account may not be deleted here; the message says why."""


def may_delete_own_account(user) -> bool:
    """Administrators keep the site running: their account is removed by another
    administrator, never by themselves on this page."""
    return user.is_authenticated and not user.is_superuser


def delete_account(user) -> None:
    """Delete ``user`` and everything that is theirs alone."""
    if not may_delete_own_account(user):
        raise AccountDeletionRefused(ADMINISTRATOR_REFUSAL)
    with transaction.atomic():
        user.delete()


class AccountDeletionForm(forms.Form):
    """Asks again for the password, so that an open session alone cannot delete the account."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be deleted for good and cannot be restored."),
        error_messages={"required": _("Please confirm that you want to delete your account.")},
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        # allauth's limit for asking the password again also bounds guessing here.
        if not ratelimit.consume(self.request, action="reauthenticate", user=user):
            raise forms.ValidationError(
                _("Too many attempts. Please wait a few minutes and try again.")
            )
        if not user.check_password(password):
            raise forms.ValidationError(_("This is not your current password."))
        return password
