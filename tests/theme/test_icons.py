"""Icons are the site's own SVG drawings, never emoji: phones without an emoji font showed
empty boxes where the bell and the reactions should be."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from forum.choices import ReactionKind, Visibility
from forum.posting import reply, start_thread
from tests.factories import UserFactory
from tests.forum.conftest import make_category

ROOT = Path(__file__).resolve().parents[2]
APPS = ("theme", "kb", "forum", "search", "partners")

# Pictographs, dingbats and the emoji presentation selector: what only an emoji font draws.
EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f]")


def test_no_template_draws_an_emoji():
    found = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for app in APPS
        for path in (ROOT / app / "templates").rglob("*.html")
        for match in EMOJI.finditer(path.read_text(encoding="utf-8"))
    ]

    assert found == []


@pytest.fixture
def answered(member):
    thread = start_thread(
        category=make_category("austausch", Visibility.PUBLIC),
        author=member,
        title="Scanner für die E-Akte?",
        source="Welche Geräte?",
    )
    reply(thread, UserFactory(username="bernd", partner_slug="olfen"), "Einen A3-Scanner.")
    return thread


def test_each_reaction_button_shows_its_own_svg_icon_beside_its_label(member_client, answered):
    html = member_client.get(reverse("forum:thread", kwargs={"pk": answered.pk})).content.decode()

    for kind in ReactionKind:
        assert re.search(
            rf'<svg class="icon icon--{kind.value}"[^>]*aria-hidden="true"[^>]*>'
            rf"<path [^<]*/>.*?</svg>\s*{re.escape(str(kind.label))}",
            html,
            re.DOTALL,
        ), f"no drawn icon beside {kind.label}"


def test_the_notifications_link_shows_a_drawn_bell(member_client):
    html = member_client.get(reverse("forum:index")).content.decode()

    assert re.search(r'class="notification-bell"><svg class="icon icon--bell"[^>]*><path ', html)
