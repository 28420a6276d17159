import logging

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from requests import RequestException

from .identity_providers import unavailable_message
from .models import IdentityProvider
from .roles import must_set_up_mfa

logger = logging.getLogger(__name__)


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


class IdentityProviderUnavailableMiddleware:
    """A partner's identity provider that does not answer is a message, not a server error.

    allauth fetches the provider's discovery document when the login through it starts and
    lets a connection error through; the person is sent back to the login page instead.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        match = request.resolver_match
        if not isinstance(exception, RequestException) or match is None:
            return None
        if match.url_name not in ("openid_connect_login", "openid_connect_callback"):
            return None
        provider = IdentityProvider.objects.filter(
            social_app__provider_id=match.kwargs.get("provider_id")
        ).first()
        logger.warning("Identity provider %s unreachable: %s", provider, exception)
        messages.error(request, unavailable_message(provider.name if provider else ""))
        return redirect("account_login")
