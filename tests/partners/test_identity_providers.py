"""A partner's own identity provider: its admin, the login pages' CSP, and who may log in."""

import socket

import pytest
import requests
from allauth.account.models import EmailAddress
from allauth.core.context import request_context
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.urls import reverse

from partners.adapters import AccountAdapter
from partners.models import IdentityProvider
from tests.factories import partner

pytestmark = pytest.mark.django_db

ISSUER = "https://idp.duelmen.de/realms/staff"
DISCOVERY = {
    "issuer": ISSUER,
    "authorization_endpoint": "https://login.duelmen.de/realms/staff/auth",
    "token_endpoint": "https://idp.duelmen.de/realms/staff/token",
}


class FakeResponse:
    def __init__(self, body, status=200):
        self.body = body
        self.status_code = status

    def raise_for_status(self):
        if self.status_code >= 400:
            raise requests.HTTPError(f"{self.status_code}")

    def json(self):
        if isinstance(self.body, str):
            raise ValueError("not JSON")
        return self.body


@pytest.fixture
def discovery(monkeypatch):
    """The issuer's discovery document as the provider would answer it (changeable)."""
    answer = {"response": FakeResponse(DISCOVERY)}
    asked = []

    def get(url, timeout):
        asked.append(url)
        return answer["response"]

    monkeypatch.setattr("partners.identity_providers.requests.get", get)
    answer["asked"] = asked
    return answer


def closed_port() -> int:
    """A loopback port on which nothing listens (taken from the system, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def duelmen_provider(**changes) -> IdentityProvider:
    fields = {
        "partner": partner("duelmen"),
        "name": "Dienstkonto Dülmen",
        "issuer": ISSUER,
        "client_id": "wissensnetz",
        "secret": "geheim",
        "authorization_endpoint": DISCOVERY["authorization_endpoint"],
        **changes,
    }
    provider = IdentityProvider(**fields)
    provider.save()
    return provider


def add_form(**changes) -> dict:
    return {
        "partner": partner("duelmen").pk,
        "name": "Dienstkonto Dülmen",
        "issuer": ISSUER + "/",
        "client_id": "wissensnetz",
        "secret": "geheim",
        **changes,
    }


@pytest.fixture
def editorial_client(client, editorial_user):
    client.force_login(editorial_user)
    return client


def form_errors(response) -> str:
    return str(response.context["form"].errors)


# --- The admin ---------------------------------------------------------------------


def test_the_editorial_team_adds_a_partners_identity_provider(editorial_client, discovery):
    editorial_client.post(reverse("identityprovider:add"), add_form())
    app = IdentityProvider.objects.get(partner__slug="duelmen").social_app
    assert (app.provider, app.provider_id, app.settings) == (
        "openid_connect",
        "duelmen",
        {"server_url": ISSUER},
    )


def test_saving_a_provider_reads_the_issuers_discovery_document(editorial_client, discovery):
    editorial_client.post(reverse("identityprovider:add"), add_form())
    assert discovery["asked"] == [ISSUER + "/.well-known/openid-configuration"]


def test_the_authorisation_endpoint_is_stored_from_the_discovery_document(
    editorial_client, discovery
):
    editorial_client.post(reverse("identityprovider:add"), add_form())
    provider = IdentityProvider.objects.get(partner__slug="duelmen")
    assert provider.authorization_endpoint == DISCOVERY["authorization_endpoint"]


def test_a_saved_provider_is_offered_on_the_login_page(editorial_client, discovery):
    editorial_client.post(reverse("identityprovider:add"), add_form())
    editorial_client.logout()
    login_page = editorial_client.get(reverse("account_login")).content.decode()
    assert "Dienstkonto Dülmen" in login_page


def test_an_unreachable_issuer_is_refused_with_a_german_message(editorial_client):
    issuer = f"http://127.0.0.1:{closed_port()}/openid"
    response = editorial_client.post(reverse("identityprovider:add"), add_form(issuer=issuer))
    assert "konnte unter" in form_errors(response)
    assert not IdentityProvider.objects.exists()


def test_an_issuer_that_does_not_answer_json_is_refused(editorial_client, discovery):
    discovery["response"] = FakeResponse("<html>Anmeldung</html>")
    response = editorial_client.post(reverse("identityprovider:add"), add_form())
    assert "Discovery-Dokument" in form_errors(response)


def test_a_discovery_document_naming_another_issuer_is_refused(editorial_client, discovery):
    discovery["response"] = FakeResponse({**DISCOVERY, "issuer": "https://idp.example.org"})
    response = editorial_client.post(reverse("identityprovider:add"), add_form())
    assert "anderen Aussteller" in form_errors(response)


def test_a_discovery_document_without_a_token_endpoint_is_refused(editorial_client, discovery):
    discovery["response"] = FakeResponse({**DISCOVERY, "token_endpoint": ""})
    response = editorial_client.post(reverse("identityprovider:add"), add_form())
    assert "token_endpoint" in form_errors(response)


def test_editing_with_an_empty_secret_keeps_the_stored_one(editorial_client, discovery):
    provider = duelmen_provider()
    editorial_client.post(
        reverse("identityprovider:edit", args=[provider.pk]),
        add_form(name="Dienstkonto der Stadt Dülmen", secret=""),
    )
    provider.refresh_from_db()
    assert (provider.social_app.name, provider.social_app.secret) == (
        "Dienstkonto der Stadt Dülmen",
        "geheim",
    )


def test_deleting_a_provider_removes_it_from_the_login_page(editorial_client):
    provider = duelmen_provider()
    editorial_client.post(reverse("identityprovider:delete", args=[provider.pk]))
    editorial_client.logout()
    login_page = editorial_client.get(reverse("account_login")).content.decode()
    assert "Dienstkonto Dülmen" not in login_page


def test_members_cannot_open_the_identity_providers(member_client):
    response = member_client.get(reverse("identityprovider:index"))
    assert response.status_code == 302


# --- Content-Security-Policy -------------------------------------------------------


def form_action(response) -> str:
    policy = response["Content-Security-Policy"]
    return next(d for d in policy.split("; ") if d.startswith("form-action "))


def test_the_login_page_may_send_forms_to_a_configured_provider(client):
    duelmen_provider()
    response = client.get(reverse("account_login"))
    assert form_action(response) == "form-action 'self' https://login.duelmen.de"


def test_the_login_page_sends_forms_only_to_the_site_without_a_provider(client):
    assert form_action(client.get(reverse("account_login"))) == "form-action 'self'"


def test_a_providers_continue_page_may_send_its_form_to_the_provider(client):
    duelmen_provider()
    url = reverse("openid_connect_login", kwargs={"provider_id": "duelmen"})
    assert "https://login.duelmen.de" in form_action(client.get(url))


def test_other_pages_send_forms_only_to_the_site(client, library):
    duelmen_provider()
    response = client.get(reverse("wagtail_serve", args=[""]))
    assert form_action(response) == "form-action 'self'"


# --- Who may log in through a provider ---------------------------------------------


def complete(rf, client, email: str):
    """Run allauth's completion of a login through Dülmen's provider, as its callback view
    does once the provider has answered that the person has this address."""
    request = rf.get("/de/konto/oidc/duelmen/login/callback/")
    request.session = client.session
    request.user = AnonymousUser()
    request._messages = FallbackStorage(request)
    app = IdentityProvider.objects.get(partner__slug="duelmen").social_app
    sociallogin = SocialLogin(
        user=get_user_model()(email=email, first_name="Jana", last_name="Berg"),
        account=SocialAccount(provider="duelmen", uid=email),
        email_addresses=[EmailAddress(email=email, verified=True, primary=True)],
        provider=app.get_provider(request),
    )
    sociallogin.state = {}
    with request_context(request):
        return request, complete_social_login(request, sociallogin)


def test_a_provider_account_on_a_foreign_domain_is_refused(rf, client):
    duelmen_provider()
    complete(rf, client, ("jana.berg@gmail.com"))
    assert not get_user_model().objects.filter(email="jana.berg@gmail.com").exists()


def test_a_provider_account_on_another_partners_domain_is_refused(rf, client):
    duelmen_provider()
    complete(rf, client, ("jana.berg@olfen.de"))
    assert not get_user_model().objects.filter(email="jana.berg@olfen.de").exists()


def test_a_refused_provider_login_says_why_in_german(rf, client):
    duelmen_provider()
    request, response = complete(rf, client, ("jana.berg@gmail.com"))
    assert "nicht zu den E-Mail-Domains" in " ".join(str(m) for m in get_messages(request))


def test_a_provider_login_joins_the_providers_partner(rf, client):
    duelmen_provider()
    complete(rf, client, ("jana.berg@duelmen.de"))
    user = get_user_model().objects.get(email="jana.berg@duelmen.de")
    assert user.profile.partner.slug == "duelmen"


def test_the_first_provider_login_ends_on_the_german_start_page(rf, client):
    duelmen_provider()
    request, response = complete(rf, client, ("jana.berg@duelmen.de"))
    assert response["Location"] == "/de/"


def test_a_new_sign_up_is_sent_to_the_start_page_not_to_a_missing_profile_page(rf):
    assert AccountAdapter().get_signup_redirect_url(rf.get("/de/")) == "/de/"


# --- A provider that does not answer -----------------------------------------------


def test_a_provider_that_does_not_answer_leads_to_a_german_message_not_an_error(client):
    duelmen_provider(issuer=f"http://127.0.0.1:{closed_port()}/openid")
    url = reverse("openid_connect_login", kwargs={"provider_id": "duelmen"})
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "ist gerade nicht erreichbar" in response.content.decode()
