"""allauth adapters: sign-up is open to the partners' email domains, and joins the partner."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import user_email
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from theme.ratelimit import client_ip
from theme.site_address import absolute_url, public_site

from .identity_providers import partner_for_provider, sign_in_refusal
from .membership import join_partner, join_partner_for_email, validate_sign_up_email


def home_url() -> str:
    """The home page in the active language. Redirecting to "/" instead would let the
    language redirect swallow the flash message ("You are logged in")."""
    return reverse("wagtail_serve", args=[""])


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        # allauth asks only when the login came without a ?next= of its own.
        return home_url()

    def get_signup_redirect_url(self, request):
        # A first login through a partner's identity provider is a sign-up; allauth would
        # send it to LOGIN_REDIRECT_URL (/accounts/profile/), which the site does not have.
        return home_url()

    def get_logout_redirect_url(self, request):
        return home_url()

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth names the site after the sites framework's record and builds its links
        # (confirmation, password reset, sign-up) from the request's host; the mails name
        # and link the public site instead.
        links = {
            key: absolute_url(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str)
        }
        context = {**context, **links, "current_site": public_site()}
        super().send_mail(template_prefix, email, context)

    def get_client_ip(self, request) -> str:
        # allauth's login, sign-up and reset limits count per address by the site's one
        # rule, not by allauth's own reading of X-Forwarded-For.
        return client_ip(request)

    def clean_email(self, email: str) -> str:
        # Used by sign-up and by "add email address" alike, so both follow one rule.
        email = super().clean_email(email).strip().lower()
        validate_sign_up_email(email)
        return email

    def save_user(self, request, user, form, commit=True):
        display_name = form.cleaned_data.get("display_name", "")
        if display_name and not form.cleaned_data.get("username"):
            # The handle for @-mentions comes from the chosen name, not from the address,
            # so that a public profile URL does not reveal the mailbox name. allauth's
            # save_user() takes the username from the form's data.
            form.cleaned_data["username"] = self.generate_unique_username(
                [display_name, "mitglied"]
            )
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            profile = user.profile
            profile.display_name = display_name
            profile.save(update_fields=["display_name"])
            join_partner_for_email(user, user_email(user))
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Sign-in through a partner's identity provider: the partner's staff only, who join it
    (the rule is in identity_providers)."""

    def pre_social_login(self, request, sociallogin):
        # Asked at every login through a provider, the first and the later ones, before
        # allauth signs anybody up or in.
        refusal = sign_in_refusal(sociallogin.account.provider, provider_email(sociallogin))
        if refusal:
            messages.error(request, refusal)
            raise ImmediateHttpResponse(redirect("account_login"))

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form=form)
        profile = user.profile
        if not profile.display_name:
            profile.display_name = user.get_full_name()
            profile.save(update_fields=["display_name"])
        join_partner(user, partner_for_provider(sociallogin.account.provider))
        return user


def provider_email(sociallogin) -> str:
    """The address the identity provider states for the person."""
    addresses = sociallogin.email_addresses
    primary = next((a.email for a in addresses if a.primary), None)
    return primary or (addresses[0].email if addresses else user_email(sociallogin.user) or "")
