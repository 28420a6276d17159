from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .roles import must_set_up_mfa


class AdminRequiresMFAMiddleware:
    """Send the editorial team and administrators to set up TOTP before the Wagtail admin.

    The admin's own login form is replaced by allauth's (see config.urls), so whoever has
    TOTP set up has answered it at login.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(reverse("wagtailadmin_home"))
            and request.user.is_authenticated
            and must_set_up_mfa(request.user)
        ):
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Please set up an "
                    "authenticator app before you open the editing area."
                ),
            )
            target = reverse("mfa_activate_totp")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
