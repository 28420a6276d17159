"""Login limits count per account and per address: staff behind one town hall's NAT are not
locked out by a colleague's typing, and an account is not guessed at from many addresses."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory
from theme.ratelimit import client_ip

pytestmark = pytest.mark.django_db

TOWN_HALL = "192.0.2.10"
PROXY = "10.0.0.2"
LOCKED = "Zu viele fehlgeschlagene Anmeldeversuche"


def log_in(client, email, password, address=TOWN_HALL, forwarded=None):
    headers = {"REMOTE_ADDR": address}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def logged_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


@pytest.fixture
def colleague(db):
    return UserFactory(username="bea", partner_slug="duelmen")


def test_twenty_failed_logins_against_one_account_leave_colleagues_at_the_address_free(
    client, member, colleague
):
    for _ in range(20):
        log_in(client, member.email, "falsch")
    assert logged_in(log_in(client, colleague.email, DEFAULT_PASSWORD))


def test_an_account_is_locked_after_five_failures_from_different_addresses(client, member):
    for n in range(5):
        log_in(client, member.email, "falsch", address=f"198.51.100.{n}")
    assert not logged_in(log_in(client, member.email, DEFAULT_PASSWORD, address="203.0.113.9"))


def test_the_lock_out_message_is_german_on_the_german_site(client, member):
    for _ in range(5):
        log_in(client, member.email, "falsch")
    assert LOCKED in log_in(client, member.email, DEFAULT_PASSWORD).content.decode()


def test_an_address_is_locked_after_thirty_failures_in_a_minute(client, colleague):
    for n in range(30):
        log_in(client, f"niemand{n}@duelmen.de", "falsch")
    assert not logged_in(log_in(client, colleague.email, DEFAULT_PASSWORD))


def test_with_trusted_proxies_the_forwarded_address_picks_the_bucket(client, settings, colleague):
    settings.TRUST_PROXY_HEADERS = True
    for n in range(30):
        log_in(client, f"niemand{n}@duelmen.de", "falsch", address=PROXY, forwarded=TOWN_HALL)
    response = log_in(
        client, colleague.email, DEFAULT_PASSWORD, address=PROXY, forwarded="192.0.2.77"
    )
    assert logged_in(response)


def test_without_trusted_proxies_a_client_supplied_forwarded_address_is_ignored(client, colleague):
    for n in range(30):
        log_in(client, f"niemand{n}@duelmen.de", "falsch", forwarded=f"198.51.100.{n}")
    assert not logged_in(log_in(client, colleague.email, DEFAULT_PASSWORD, forwarded="192.0.2.77"))


def request_from(address, forwarded):
    return RequestFactory().get("/", REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=forwarded)


def test_the_client_is_the_address_the_outermost_trusted_proxy_added(settings):
    settings.TRUST_PROXY_HEADERS = True
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from(PROXY, "6.6.6.6, 192.0.2.10, 10.0.0.1")
    assert client_ip(request) == TOWN_HALL


def test_addresses_a_client_wrote_left_of_the_proxys_are_ignored(settings):
    settings.TRUST_PROXY_HEADERS = True
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(PROXY, "6.6.6.6, 192.0.2.10")) == TOWN_HALL


@pytest.mark.parametrize("forwarded", ["", "unbekannt", "192.0.2.10, nonsense", "1.2.3.4:80"])
def test_a_forwarded_header_that_names_no_address_falls_back_to_the_peer(settings, forwarded):
    settings.TRUST_PROXY_HEADERS = True
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from(PROXY, forwarded)) == PROXY


def test_fewer_forwarded_addresses_than_proxies_fall_back_to_the_peer(settings):
    settings.TRUST_PROXY_HEADERS = True
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_ip(request_from(PROXY, "192.0.2.10")) == PROXY
