"""Joining the network and finding one's way around it, as a person in a browser does."""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    # Partners, role groups and the home page come from data migrations: a plain
    # transactional flush would delete them for every later test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

User = get_user_model()


def exactly(url: str) -> re.Pattern:
    """The URL, with nothing after it but an optional query string or fragment."""
    return re.compile(re.escape(url) + r"([?#].*)?$")


def submit(page) -> None:
    """Press the submit button of the (one) form in the page's main area."""
    page.locator("main form button[type=submit]").click()


def fill_sign_up_form(page, *, email: str, name: str, password: str = DEFAULT_PASSWORD) -> None:
    page.fill("input[name=email]", email)
    page.fill("input[name=display_name]", name)
    page.fill("input[name=password1]", password)
    page.fill("input[name=password2]", password)


def fill_login_form(page, *, email: str, password: str = DEFAULT_PASSWORD) -> None:
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)


def confirmation_path(message) -> str:
    """The path of the confirmation link in the verification mail (host and scheme dropped:
    the test reaches the live server under its own address)."""
    match = re.search(r"https?://\S+", message.body)
    assert match, f"No link in the verification mail:\n{message.body}"
    return urlsplit(match.group(0)).path


def test_a_new_colleague_signs_up_verifies_and_logs_in(page, urls, wait_for_mail):
    email = "neue.kollegin@duelmen.de"

    page.goto(urls("account_signup"))
    fill_sign_up_form(page, email=email, name="Neue Kollegin")
    submit(page)

    expect(page).to_have_url(exactly(urls("account_email_verification_sent")))
    message = wait_for_mail(email)

    page.goto(urls.base + confirmation_path(message))
    submit(page)

    # Confirmed but, by design, not logged in: the next stop is the login form.
    expect(page).to_have_url(exactly(urls("account_login")))
    assert EmailAddress.objects.get(email=email).verified
    fill_login_form(page, email=email)
    submit(page)

    username = User.objects.get(email=email).username
    profile_link = page.locator(
        f'nav.account-menu a[href="{urls.path("partners:profile", kwargs={"username": username})}"]'
    )
    expect(profile_link).to_be_visible()


def test_logging_in_before_confirming_the_address_does_not_log_you_in(
    page, urls, wait_for_mail, mailoutbox
):
    unconfirmed = UserFactory(username="noch.nicht", verified_email=False)

    page.goto(urls("account_login"))
    fill_login_form(page, email=unconfirmed.email)
    submit(page)

    # allauth sends a fresh link and shows "check your inbox" instead of logging in.
    expect(page).to_have_url(exactly(urls("account_email_verification_sent")))
    wait_for_mail(unconfirmed.email)
    profile = urls.path("partners:profile", kwargs={"username": unconfirmed.username})
    expect(page.locator(f'nav.account-menu a[href="{profile}"]')).to_have_count(0)
    expect(page.locator(f'nav.account-menu a[href="{urls.path("account_login")}"]')).to_be_visible()


def test_an_address_outside_the_partner_domains_is_refused_with_an_error(page, urls):
    email = "x@example.com"

    page.goto(urls("account_signup"))
    fill_sign_up_form(page, email=email, name="Jemand Fremdes")
    submit(page)

    expect(page).to_have_url(exactly(urls("account_signup")))
    error = page.locator("main .errorlist")
    expect(error).to_be_visible()
    # The message gives a partner address as an example, in German and in English alike.
    expect(error).to_contain_text("@duelmen.de")
    # ...and screen readers hear it with the field it belongs to, which keeps its value.
    field = page.locator("input[name=email]")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(r"@duelmen\.de"))
    expect(field).to_have_value(email)
    assert not User.objects.filter(email__iexact=email).exists()
    assert not EmailAddress.objects.filter(email__iexact=email).exists()


def test_the_language_switcher_turns_the_home_page_english_and_back(page, urls):
    html = page.locator("html")
    switcher = page.locator("nav.language-switcher")

    page.goto(urls.home("de"))
    expect(html).to_have_attribute("lang", "de")

    switcher.locator("a[hreflang=en]").click()
    expect(page).to_have_url(exactly(urls.home("en")))
    expect(html).to_have_attribute("lang", "en")

    switcher.locator("a[hreflang=de]").click()
    expect(page).to_have_url(exactly(urls.home("de")))
    expect(html).to_have_attribute("lang", "de")
