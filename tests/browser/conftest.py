"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test here gets a fresh browser context (no cookies, no storage) in one Chromium
that is started once per session. Without /usr/bin/chromium the tests are skipped, or
fail when the environment variable REQUIRE_BROWSER is set (as on CI, where a skipped
browser suite must not pass silently). The same holds for axe-core and the axe tests.
"""

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

HERE = Path(__file__).resolve().parent

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
VNU_STARTUP_SECONDS = 60

TIMEOUT_MS = 15_000  # generous: the first request of a session compiles templates


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item, nextitem):
    """Let Django query the database while Playwright's event loop runs, in browser tests only.

    Playwright's sync API keeps an asyncio loop running in the main thread (in another
    greenlet), so Django takes every query the tests and their fixtures make for one
    "from an async context" and refuses it. The variable is set around each browser test
    (set-up and tear-down included) and removed again afterwards, so that it does not leak
    into other tests (``manage.py check --deploy`` in a subprocess rejects it, rightly).
    """
    if not (item.path.is_relative_to(HERE) or _runs_after_browser_tests(item)):
        return (yield)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        return (yield)
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _runs_after_browser_tests(item) -> bool:
    """Transactional tests run after all others, so after the browser tests, while the
    session's Playwright loop still runs in the main thread: Django would refuse their
    queries as well."""
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


def _missing_reason(path: Path, what: str, remedy: str) -> str | None:
    if path.is_file():
        return None
    return f"{what} not found at {path}; {remedy}"


def chromium_missing() -> str | None:
    return _missing_reason(
        CHROMIUM, "Chromium", "install it with `apt-get install chromium` to run the browser tests"
    )


def axe_missing() -> str | None:
    return _missing_reason(
        AXE, "axe-core", "run `npm install` in the project root to run the accessibility tests"
    )


def vnu_missing() -> str | None:
    return _missing_reason(
        VNU, "The Nu HTML validator", "run `npm install` in the project root (it needs Java 17)"
    ) or (None if shutil.which("java") else "Java not found; the Nu HTML validator needs it")


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_terminal_summary(terminalreporter):
    """Say once, at the end of every run, why browser tests did not run."""
    reasons = [r for r in (chromium_missing(), axe_missing(), vnu_missing()) if r]
    if reasons and not os.environ.get("REQUIRE_BROWSER"):
        terminalreporter.write_sep("-", "browser tests skipped")
        for reason in reasons:
            terminalreporter.write_line(reason)


# --- Playwright --------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator:
    reason = chromium_missing()
    if reason:
        _skip_or_fail(reason)
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    # Django keeps database connections in thread-local storage, but switches to
    # context-local storage while an event loop runs in the thread, as Playwright's does
    # from now on. Without a hand-over the tests would get fresh connection objects that
    # lack the test database's serialized contents, and serialized_rollback would silently
    # stop restoring the migrated data (partners, groups, home page) after the first test.
    wrappers = {alias: connections[alias] for alias in connections}
    playwright = sync_playwright().start()
    for alias, wrapper in wrappers.items():
        connections[alias] = wrapper
    try:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
    finally:
        playwright.stop()


@pytest.fixture
def context(browser, live_server):
    """A fresh browser profile per test, pointed at the live server, speaking German."""
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


# --- URLs --------------------------------------------------------------------------


@dataclass(frozen=True)
class LiveUrls:
    """Absolute URLs on the live server, reversed in a language (never hard-coded:
    the path words are translated and the translations may or may not be compiled)."""

    base: str

    def path(self, name: str, *, lang: str = "de", args=None, kwargs=None) -> str:
        with translation.override(lang):
            return reverse(name, args=args, kwargs=kwargs)

    def __call__(self, name: str, *, lang: str = "de", args=None, kwargs=None) -> str:
        return self.base + self.path(name, lang=lang, args=args, kwargs=kwargs)

    def home(self, lang: str = "de") -> str:
        return self("wagtail_serve", lang=lang, args=[""])

    def profile(self, username: str, lang: str = "de") -> str:
        return self("partners:profile", lang=lang, kwargs={"username": username})


@pytest.fixture
def urls(live_server) -> LiveUrls:
    return LiveUrls(live_server.url)


# --- Accounts ----------------------------------------------------------------------


@pytest.fixture
def log_in_as(context, live_server) -> Callable:
    """Put a logged-in session for ``user`` into the browser context, without the form."""
    from django.test import Client

    def log_in(user, into=None) -> None:
        """``into``: another browser context than the test's own (a second person)."""
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        (into or context).add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": cookie.value,
                    "url": live_server.url,
                    "httpOnly": True,
                    "sameSite": "Lax",
                }
            ]
        )

    return log_in


def poll(predicate: Callable, *, timeout: float = 10.0, interval: float = 0.05, what: str = ""):
    """Return predicate()'s first truthy value; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    tick = threading.Event()  # never set: wait() is just a bounded pause between checks
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"Timed out after {timeout}s waiting for {what or predicate}")
        tick.wait(interval)


@pytest.fixture
def wait_for_mail(mailoutbox) -> Callable:
    """The first mail in django.core.mail.outbox sent to ``address`` (the live server runs
    in this process with the locmem backend, so its mails land in the same list)."""

    def wait(address: str, timeout: float = 10.0):
        return poll(
            lambda: next((m for m in list(mailoutbox) if address in m.to), None),
            timeout=timeout,
            what=f"an email to {address} (outbox: {[m.to for m in mailoutbox]})",
        )

    return wait


# --- axe-core ----------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    reason = axe_missing()
    if reason:
        _skip_or_fail(reason)
    return AXE.read_text(encoding="utf-8")


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n[{violation['impact']}] {violation['id']}: {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            lines.append(f"  - target: {node['target']}")
            lines.append(f"    html:   {node['html']}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n            ")
                lines.append(f"    why:    {summary}")
    return "\n".join(lines)


@pytest.fixture(scope="session")
def html_validator() -> Iterator[Callable[[str], list[dict]]]:
    """The Nu HTML validator (vnu-jar from npm) as a local web service for the session:
    starting Java once costs seconds, asking it afterwards milliseconds. Yields a function
    that returns the errors in a page's HTML."""
    reason = vnu_missing()
    if reason:
        _skip_or_fail(reason)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(  # noqa: S603  (Java with the npm package's jar)
        [
            shutil.which("java"),
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(VNU),
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}/?out=json"

    def errors(html: str) -> list[dict]:
        request = urllib.request.Request(
            endpoint,
            data=html.encode("utf-8"),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (loopback)
            messages = json.load(response)["messages"]
        return [m for m in messages if m.get("type") in ("error", "non-document-error")]

    try:
        poll(lambda: _answers(errors), timeout=VNU_STARTUP_SECONDS, what="the Nu validator")
        yield errors
    finally:
        server.terminate()
        server.wait(timeout=20)


def _answers(errors) -> bool:
    try:
        errors("<!DOCTYPE html><html lang=en><title>x</title></html>")
    except OSError:
        return False
    return True


def format_html_errors(url: str, errors: list[dict]) -> str:
    lines = [f"{len(errors)} Nu HTML validator error(s) on {url}:"]
    for error in errors:
        lines.append(f"  line {error.get('lastLine')}: {error.get('message')}")
        if error.get("extract"):
            lines.append(f"    {error['extract'].strip()}")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible(axe_source, html_validator) -> Callable:
    """Run axe-core (WCAG 2.1 A and AA rules) on the page as it is now, and the Nu HTML
    validator on the HTML the server sent for it; fail with a report of either.

    The site's CSP (script-src 'self') blocks an injected <script> tag, so axe's source is
    evaluated through the DevTools protocol instead, which CSP does not govern. The HTML is
    fetched again with the page's cookies, so what is validated is the server's markup, not
    the browser's serialisation of the live document.
    """

    def check(page) -> None:
        page.evaluate(axe_source)
        results = page.evaluate(
            """async (tags) => await axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            })""",
            AXE_TAGS,
        )
        violations = results["violations"]
        assert violations == [], format_violations(page.url, violations)
        html = page.context.request.get(page.url).text()
        errors = html_validator(html)
        assert errors == [], format_html_errors(page.url, errors)

    return check
