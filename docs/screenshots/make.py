"""Make the README's screenshots from the demo site, so that they show the site as it is.

Loads the demo content into a throw-away SQLite database (with its own media and forum
attachment folders, so the developer's ``db.sqlite3`` and uploads stay untouched), serves it
with ``manage.py runserver`` on a free loopback port, and photographs the German pages with
Debian's Chromium through Playwright: the viewport at 1280×800 and, for the phone views, at
390×844, each at a device scale factor of 1 and stored as a 256-colour PNG to keep the
repository small. Pages that members read differently (the forum, search) are taken as the
demo member of Dülmen; the rest as a visitor sees them.

Usage: .venv/bin/python docs/screenshots/make.py [--out docs/screenshots] (or `make screenshots`)
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SERVER_START_SECONDS = 60
TIMEOUT_MS = 30_000  # the first request of a fresh server compiles every template it needs

# The demo accounts' shared password and the member whose eyes the forum is seen through
# (README, "Demo accounts").
MEMBER_EMAIL = "mitglied@duelmen.de"
DEMO_PASSWORD = "Wissensnetz-Demo-2026"  # noqa: S105

# Settings the developer's shell may carry that would point the throw-away site at real
# services: it must use its own SQLite file and the database's search.
FOREIGN_VARIABLES = ("DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")


@dataclass(frozen=True)
class Shot:
    """One screenshot: the file name, the path to open, and how to look at it."""

    name: str
    path: str
    as_member: bool = False
    phone: bool = False
    # Links to follow from ``path`` (by their accessible names) before the picture is taken,
    # for pages whose address the demo does not fix, such as a thread's number.
    follow: tuple[str, ...] = ()


SHOTS = [
    Shot("start", "/de/"),
    Shot("library", "/de/bibliothek/?topic=verwaltung-buergerservice&type=article"),
    Shot("article", "/de/partner/duelmen/e-akte-im-bauamt/"),
    Shot("project", "/de/partner/kreis-coesfeld/on-demand-verkehr-laendlicher-raum/"),
    Shot("forum", "/de/forum/", as_member=True),
    Shot(
        "thread",
        "/de/forum/",
        as_member=True,
        follow=("Fragen & Antworten", "Welche Scanner nutzen Sie für die E-Akte im Bauamt?"),
    ),
    Shot("search", "/de/suche/?q=E-Akte", as_member=True),
    Shot("phone-article", "/de/partner/duelmen/e-akte-im-bauamt/", phone=True),
    Shot("phone-library", "/de/bibliothek/", phone=True),
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=HERE, help="where the PNGs are written")
    return parser.parse_args()


def free_port() -> int:
    """A loopback port nobody listens on at the moment of asking."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def site_environment(scratch: Path, base_url: str) -> dict[str, str]:
    """The environment of every ``manage.py`` call: development settings on scratch storage."""
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=f"sqlite:///{scratch / 'demo.sqlite3'}",
        MEDIA_ROOT=str(scratch / "media"),
        FORUM_ATTACHMENT_ROOT=str(scratch / "private"),
        SITE_BASE_URL=base_url,
    )
    return env


def manage(env: dict[str, str], *args: str, log: Path) -> None:
    """Run a management command, its chatter (the demo's mails) kept in ``log``."""
    with log.open("ab") as output:
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=output, stderr=output
        )
    if result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed; see {log}")


def wait_until_serving(server: subprocess.Popen, url: str, log: Path) -> None:
    """Poll ``url`` until the server answers at all, it dies, or the time is up."""
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped at start-up; see {log}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310
                return
        except urllib.error.HTTPError:
            return  # it answered, if unhappily: the pages will tell what is wrong
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer within {SERVER_START_SECONDS} s; see {log}")


def log_in(context, base_url: str) -> None:
    """Log the member in through the real form, as a reader would."""
    page = context.new_page()
    page.goto(f"{base_url}/de/_util/login/")
    page.fill("input[name=login]", MEMBER_EMAIL)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form:has(input[name=password]) [type=submit]").click()
    if page.locator("input[name=password]").count():
        raise SystemExit(f"Logging in as {MEMBER_EMAIL} failed at {page.url}")
    page.close()


def take(context, base_url: str, shot: Shot, out: Path) -> Path:
    """Open the shot's page, follow its link if any, and save the viewport as a small PNG."""
    page = context.new_page()
    response = page.goto(base_url + shot.path, wait_until="networkidle")
    for name in shot.follow:
        with page.expect_navigation(wait_until="networkidle") as navigation:
            page.get_by_role("link", name=name, exact=True).first.click()
        response = navigation.value
    if not response.ok:
        raise SystemExit(f"{page.url} answered {response.status}")
    target = out / f"{shot.name}.png"
    page.screenshot(path=target, animations="disabled", caret="hide")
    page.close()
    # A palette of 256 colours keeps a screenshot of text and flat colours at a third
    # of its size, with no difference one notices.
    with Image.open(target) as image:
        image.convert("RGB").quantize(colors=256).save(target, optimize=True)
    return target


def photograph(base_url: str, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        contexts = {}
        for shot in SHOTS:
            key = (shot.as_member, shot.phone)
            if key not in contexts:
                context = browser.new_context(
                    viewport=PHONE if shot.phone else DESKTOP,
                    device_scale_factor=1,
                    is_mobile=shot.phone,
                    has_touch=shot.phone,
                    locale="de-DE",
                    timezone_id="Europe/Berlin",
                )
                context.set_default_timeout(TIMEOUT_MS)
                if shot.as_member:
                    log_in(context, base_url)
                contexts[key] = context
            target = take(contexts[key], base_url, shot, out)
            sys.stdout.write(f"  {target} ({target.stat().st_size // 1024} KB)\n")
        browser.close()


def main() -> None:
    args = parse_args()
    if not Path(CHROMIUM).is_file():
        raise SystemExit(f"Chromium not found at {CHROMIUM}: `apt-get install chromium`")
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="wissensnetz-screenshots-") as scratch_name:
        scratch = Path(scratch_name)
        log = scratch / "site.log"
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        env = site_environment(scratch, base_url)
        sys.stdout.write("Loading the demo into a scratch database…\n")
        manage(env, "migrate", "--noinput", log=log)
        manage(env, "load_demo", log=log)
        with log.open("ab") as output:
            server = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                cwd=ROOT,
                env=env,
                stdout=output,
                stderr=output,
                start_new_session=True,
            )
        try:
            wait_until_serving(server, f"{base_url}/healthz", log)
            sys.stdout.write(f"Photographing {base_url}…\n")
            photograph(base_url, out)
        except BaseException:
            sys.stderr.write(log.read_text(errors="replace")[-4000:])
            raise
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
