"""Phones and tablets: no page scrolls sideways, the header stays short, filters fold away.

Content here is made to stress a narrow screen: long German compounds, a long address
without a break, a wide table and a wide code block, and enough topics, partners and tags
for the library to offer dozens of filter links.
"""

import pytest
from playwright.sync_api import expect

from forum.choices import ReactionKind, Visibility
from forum.posting import reply, start_thread
from forum.reactions import toggle_reaction
from tests.browser.test_accessibility import PUBLIC_PAGES
from tests.browser.test_library import KB_PAGES, kb_content  # noqa: F401 (a fixture)
from tests.factories import ArticlePageFactory, TopicFactory, UserFactory
from tests.forum.conftest import make_category

pytestmark = [
    pytest.mark.browser,
    # Partners, role groups and the home page come from data migrations: a plain
    # transactional flush would delete them for every later test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (320, 390, 768)
PHONE = 390
HEIGHT = 800

LONG_WORD = "Grundstücksverkehrsgenehmigungszuständigkeitsübertragungsverordnung"
LONG_URL = "https://www.kreis-coesfeld.de/" + "verwaltung-und-buergerservice/" * 4 + "antrag.pdf"
WIDE_CODE = "curl --header 'Accept: application/json' " + "--data 'feld=wert' " * 8
WIDE_TABLE = (
    "| Kommune | Verfahren | Anbieter | Kosten | Laufzeit | Ansprechperson |\n"
    "|---|---|---|---|---|---|\n"
    f"| Dülmen | {LONG_WORD} | Kommunales Rechenzentrum | 12.000 € | 36 Monate | Mara |\n"
)
POST_SOURCE = (
    f"Wer kennt die {LONG_WORD}? Siehe {LONG_URL}\n\n```\n{WIDE_CODE}\n```\n\n{WIDE_TABLE}"
)


@pytest.fixture
def forum_content(member):
    category = make_category("austausch", Visibility.PUBLIC)
    category.description = f"Fragen zur {LONG_WORD} und zu allem anderen."
    category.save()
    thread = start_thread(
        category=category,
        author=member,
        title=f"Zuständigkeit für die {LONG_WORD}",
        source=POST_SOURCE,
        tags=["E-Akte", "Verwaltungsdigitalisierungsstrategieumsetzung"],
        is_question=True,
    )
    colleague = UserFactory(username="bernd", partner_slug="olfen")
    answer = reply(thread, colleague, f"Schauen Sie unter {LONG_URL} nach.")
    toggle_reaction(answer, member, ReactionKind.LIKE)
    toggle_reaction(answer, member, ReactionKind.HELPFUL)
    return {"category": category, "thread": thread}


@pytest.fixture
def crowded_library(kb_content, mobility, schools):  # noqa: F811 (the imported fixture)
    """Articles across every partner, many topics and many tags: a long list of filters."""
    topics = [mobility, schools] + [
        TopicFactory(name=f"Handlungsfeld {n}", slug=f"handlungsfeld-{n}") for n in range(6)
    ]
    partners = ["duelmen", "olfen", "senden", "nottuln", "havixbeck", "ascheberg"]
    for n, slug in enumerate(partners * 2):
        ArticlePageFactory(
            title=f"{LONG_WORD} {n}",
            summary=f"Mehr unter {LONG_URL}",
            partner=slug,
            topics=[topics[n % len(topics)]],
            tags=[f"Schlagwort {n}", f"Thema {n}"],
        )
    return kb_content


def forum_pages(urls, forum):
    thread, category = forum["thread"], forum["category"]
    return {
        "forum-index": urls("forum:index"),
        "forum-category": urls("forum:category", kwargs={"slug": category.slug}),
        "forum-thread": urls("forum:thread", kwargs={"pk": thread.pk}),
        "forum-tag": urls("forum:tag", kwargs={"slug": thread.tags.first().slug}),
        "forum-groups": urls("forum:groups"),
    }


MEMBER_PAGES = {
    "forum-new-thread": lambda urls: urls("forum:new_thread"),
    "forum-notifications": lambda urls: urls("forum:notifications"),
    "forum-settings": lambda urls: urls("forum:settings"),
    "forum-unread": lambda urls: urls("forum:unread"),
    "own-profile": lambda urls: urls.profile("mara"),
    "profile-edit": lambda urls: urls("partners:profile_edit"),
    "account-email": lambda urls: urls("account_email"),
}


def every_page(urls, library, kb, forum, *, as_member: bool) -> dict[str, str]:
    pages = {name: url(urls) for name, url in PUBLIC_PAGES.items()}
    pages |= {name: url(urls, kb, library) for name, url in KB_PAGES.items()}
    pages |= forum_pages(urls, forum)
    pages["search"] = urls("search:search") + "?q=Verordnung"
    pages["search-help"] = urls("search:help")
    if as_member:
        pages |= {name: url(urls) for name, url in MEMBER_PAGES.items()}
    return pages


# Which elements stick out past the right edge: the innermost ones, to name the culprit.
OVERFLOWING = """() => {
    const limit = window.innerWidth;
    const out = [...document.body.querySelectorAll('*')].filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= limit + 0.5) return false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
            const style = getComputedStyle(up);
            if (style.overflowX !== 'visible' && up.getBoundingClientRect().right <= limit + 0.5)
                return false;  // clipped by a scrolling box that itself fits
        }
        return true;
    });
    return out.filter((el) => !out.some((other) => other !== el && el.contains(other)))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} right=${
            Math.round(el.getBoundingClientRect().right)}`);
}"""


def sideways_overflow(page, urls_by_name: dict[str, str]) -> list[str]:
    """Every page at every width whose document is wider than the viewport, with culprits."""
    problems = []
    for name, url in urls_by_name.items():
        page.set_viewport_size({"width": WIDTHS[-1], "height": HEIGHT})
        response = page.goto(url)
        assert response.ok, f"{name}: {url} answered {response.status}"
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": HEIGHT})
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                culprits = page.evaluate(OVERFLOWING)
                problems.append(f"{name} at {width}px is {scroll_width}px wide: {culprits}")
    return problems


def test_no_page_scrolls_sideways_for_a_visitor_on_a_phone_or_tablet(
    page, urls, library, crowded_library, forum_content
):
    pages = every_page(urls, library, crowded_library, forum_content, as_member=False)

    problems = sideways_overflow(page, pages)
    assert not problems, "\n".join(problems)


def test_no_page_scrolls_sideways_for_a_member_on_a_phone_or_tablet(
    page, urls, library, crowded_library, forum_content, member, log_in_as
):
    log_in_as(member)
    pages = every_page(urls, library, crowded_library, forum_content, as_member=True)

    problems = sideways_overflow(page, pages)
    assert not problems, "\n".join(problems)


def test_the_logged_in_header_stays_compact_on_a_phone(page, urls, member, log_in_as):
    log_in_as(member)
    page.set_viewport_size({"width": PHONE, "height": HEIGHT})
    page.goto(urls.home("de"))

    expect(page.locator("nav.account-menu")).to_be_attached()
    height = page.locator("header.site-header").bounding_box()["height"]
    assert height <= 120, f"the header is {height}px tall"


def test_the_first_library_entry_shows_near_the_top_on_a_phone(
    page, urls, library, crowded_library
):
    page.set_viewport_size({"width": PHONE, "height": HEIGHT})
    page.goto(KB_PAGES["library"](urls, crowded_library, library))

    first = page.locator(".entries > li").first
    expect(first).to_be_attached()
    top = first.bounding_box()["y"]
    assert top <= 900, f"the first entry starts {top}px down"
