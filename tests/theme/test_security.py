"""Site-wide security and privacy rules, checked on every kind of page that exists so far."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_demo", apps=["partners", "theme"], stdout=io.StringIO())


def public_urls():
    with translation.override("de"):
        return [
            "/de/",
            "/en/",
            "/de/impressum/",
            "/de/datenschutz/",
            "/de/barrierefreiheit/",
            "/de/leichte-sprache/",
            reverse("account_login"),
            reverse("account_signup"),
            reverse("account_reset_password"),
            reverse("search:search") + "?q=Kreis",
            reverse("forum:index"),
            "/de/gibt-es-nicht/",
        ]


class ResourceCollector(HTMLParser):
    """Collects what a browser would fetch or run on its own: sources, styles, scripts."""

    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.inline_scripts = 0
        self.inline_handlers: list[str] = []
        self.style_attributes = 0
        self._in_script_without_src = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, _value in attrs:
            if name.startswith("on"):
                self.inline_handlers.append(f"<{tag} {name}>")
            if name == "style":
                self.style_attributes += 1
        if tag in {"img", "script", "iframe", "audio", "video", "source", "embed"}:
            for name in ("src", "srcset"):
                if attributes.get(name):
                    self.fetched.append(attributes[name])
        if tag == "link" and attributes.get("rel") in {"stylesheet", "icon", "preload", "manifest"}:
            self.fetched.append(attributes.get("href", ""))
        if tag == "script" and not attributes.get("src"):
            self._in_script_without_src = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script_without_src = False

    def handle_data(self, data):
        if self._in_script_without_src and data.strip():
            self.inline_scripts += 1


def collect(content: str) -> ResourceCollector:
    parser = ResourceCollector()
    parser.feed(content)
    return parser


@pytest.mark.parametrize("url", public_urls())
def test_no_page_makes_the_browser_request_another_host(client, demo, url):
    page = collect(client.get(url).content.decode())
    for source in page.fetched:
        for candidate in source.split(","):
            address = candidate.strip().split(" ")[0]
            assert address.startswith("/") and not address.startswith("//"), address


@pytest.mark.parametrize("url", public_urls())
def test_no_page_contains_inline_script_or_event_handlers(client, demo, url):
    page = collect(client.get(url).content.decode())
    assert page.inline_scripts == 0
    assert page.inline_handlers == []
    assert page.style_attributes == 0


@pytest.mark.parametrize("url", public_urls())
def test_every_public_page_sends_the_content_security_policy(client, demo, url):
    policy = client.get(url)["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "object-src 'none'" in policy


def test_the_stylesheets_reference_no_other_host(client):
    from django.contrib.staticfiles import finders

    for name in ("theme/css/site.css", "theme/css/print.css"):
        with open(finders.find(name), encoding="utf-8") as stylesheet:
            css = stylesheet.read()
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css), name
        assert "@import" not in css


def test_the_wagtail_admin_keeps_its_own_policy(client, member):
    client.force_login(member)
    response = client.get(reverse("wagtailadmin_home"))
    assert "Content-Security-Policy" not in response


def test_a_visitor_reading_pages_gets_no_cookie(client, demo):
    for url in ("/de/", "/de/impressum/", reverse("search:search") + "?q=x"):
        response = client.get(url)
        assert response.cookies == {}, url


def test_the_only_cookies_after_logging_in_are_session_and_csrf(client, member):
    from tests.factories import DEFAULT_PASSWORD

    client.get(reverse("account_login"))
    client.post(reverse("account_login"), {"login": member.email, "password": DEFAULT_PASSWORD})
    assert set(client.cookies) <= {"sessionid", "csrftoken"}


def test_forms_are_protected_against_cross_site_requests(db):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("account_login"), {"login": "a@duelmen.de", "password": "x"})
    assert response.status_code == 403


def test_public_pages_may_not_be_framed(client, demo):
    response = client.get("/de/")
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
