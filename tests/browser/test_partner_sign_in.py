"""Logging in with a partner's own identity provider, against a real OpenID Connect server.

The provider is django-oidc-provider in a project of its own (tests/oidc_provider), started
as a separate process on a loopback port, as a partner's Keycloak would run beside the site.
"""

import os
import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from partners.models import IdentityProvider
from partners.wagtail_hooks import IdentityProviderForm
from tests.browser.conftest import poll
from tests.factories import partner

pytestmark = [
    pytest.mark.browser,
    # Partners, role groups and the home page come from data migrations: a plain
    # transactional flush would delete them for every later test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "jana.berg@duelmen.de"
PASSWORD = "Dienstkonto-Duelmen-7"  # noqa: S105
CLIENT_ID = "wissensnetz"
CLIENT_SECRET = "geheim-fuer-den-test"  # noqa: S105
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def identity_provider(urls, tmp_path):
    """Dülmen's identity provider, running, with the site's client and Jana Berg's account;
    yields its issuer URL."""
    base = f"http://127.0.0.1:{free_port()}"
    callbacks = [
        urls("openid_connect_callback", lang=lang, kwargs={"provider_id": "duelmen"})
        for lang in ("de", "en")
    ]
    env = {
        **os.environ,
        "OIDC_PROVIDER_URL": base,
        "OIDC_PROVIDER_DB": str(tmp_path / "idp.sqlite3"),
        "OIDC_CLIENT_ID": CLIENT_ID,
        "OIDC_CLIENT_SECRET": CLIENT_SECRET,
        "OIDC_REDIRECT_URIS": "\n".join(callbacks),
        "OIDC_USER_EMAIL": EMAIL,
        "OIDC_USER_PASSWORD": PASSWORD,
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        env.pop(name, None)
    log = tmp_path / "idp.log"
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603  (this project's own test provider)
            [sys.executable, "-m", "tests.oidc_provider.serve"],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    issuer = base + "/openid"
    try:
        poll(
            lambda: (
                answers(issuer + "/.well-known/openid-configuration") or server.poll() is not None
            ),
            timeout=STARTUP_SECONDS,
            what="the test identity provider",
        )
        assert server.poll() is None, log.read_text()
        yield issuer
    finally:
        server.terminate()
        server.wait(timeout=20)


def configure(issuer: str) -> IdentityProvider:
    """Set up the provider as the editorial team does in the admin (the same form)."""
    form = IdentityProviderForm(
        data={
            "partner": partner("duelmen").pk,
            "name": "Dienstkonto Dülmen",
            "issuer": issuer,
            "client_id": CLIENT_ID,
            "secret": CLIENT_SECRET,
        }
    )
    assert form.is_valid(), form.errors
    return form.save()


def log_in_through_the_provider(page, urls) -> None:
    """From the German login page through the provider and back; logs in at the provider
    and consents only when the provider asks."""
    page.goto(urls("account_login"))
    page.get_by_role("link", name="Dienstkonto Dülmen").click()
    page.locator("main form button[type=submit]").click()
    back_home = re.compile(re.escape(urls.home()) + r"$")
    page.wait_for_url(lambda url: "/login/" in url or "/openid/" in url or back_home.match(url))
    if "/login/" in page.url and not page.url.startswith(urls.base):
        page.fill("input[name=username]", EMAIL.partition("@")[0])
        page.fill("input[name=password]", PASSWORD)
        page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(lambda url: "/openid/authorize" in url or back_home.match(url))
    if "/openid/authorize" in page.url:
        page.locator("input[name=allow]").click()
    expect(page).to_have_url(back_home)


def test_a_partners_staff_logs_in_through_its_identity_provider_twice(
    page, urls, identity_provider
):
    configure(identity_provider)

    log_in_through_the_provider(page, urls)
    person = get_user_model().objects.get(email=EMAIL)
    expect(page.locator("nav.account-menu")).to_contain_text("Abmelden")
    assert person.profile.partner.slug == "duelmen"

    page.locator("nav.account-menu button[type=submit]").click()
    expect(page.locator("nav.account-menu")).to_contain_text("Anmelden")

    log_in_through_the_provider(page, urls)
    expect(page.locator("nav.account-menu")).to_contain_text("Abmelden")
    assert get_user_model().objects.filter(email=EMAIL).count() == 1
    assert SocialAccount.objects.filter(provider="duelmen").count() == 1
