"""The knowledge base as a reader meets it: the library's filters and sorting, an article,
declaring reuse ("Nachnutzung"), and axe-core on every kind of knowledge-base page."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect

from kb.choices import LibrarySort, ReuseStage
from kb.models import CollectionPage, Milestone
from partners.models import Partner
from tests.factories import (
    ArticlePageFactory,
    ProjectPageFactory,
    partner_page,
)

pytestmark = [
    pytest.mark.browser,
    # Partners, role groups and the home page come from data migrations: a plain
    # transactional flush would delete them for every later test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# --- Fixtures and helpers ------------------------------------------------------------


@pytest.fixture
def library_page(library):
    return library[0]


@pytest.fixture
def shelf(library, mobility, schools):
    """Three entries in two partners and two topics, created oldest first."""
    return [
        ArticlePageFactory(title="Radzählung", partner="duelmen", topics=[mobility]),
        ProjectPageFactory(title="Bürgerbus-App", partner="olfen", topics=[mobility]),
        ArticlePageFactory(title="Tablets im Unterricht", partner="olfen", topics=[schools]),
    ]


NEWEST_FIRST = ["Tablets im Unterricht", "Bürgerbus-App", "Radzählung"]


def live_url(urls, page) -> str:
    """The page's address on the live server (Wagtail's URL, without a host of its own)."""
    return urls.base + urlsplit(page.get_url()).path


def german(text) -> str:
    """A message (or lazily translated label) as the German site shows it, whether or not
    the catalogue is compiled: the live server runs in this process, with the same one."""
    with translation.override("de"):
        return translation.gettext(text) if isinstance(text, str) else str(text)


def entry_titles(page):
    return page.locator(".library__results .entries .entry__title")


def facet_link(page, facet: str, value: str):
    """The link for ``value`` in the filter group ``facet`` (topic, partner, type, ...)."""
    return page.locator(
        f'aside.library__filters section.facet[aria-labelledby="facet-{facet}"] '
        f'a[href*="{facet}={value}"]'
    )


def query_has(name: str, value: str) -> re.Pattern:
    return re.compile(rf"[?&]{re.escape(name)}={re.escape(value)}(&|#|$)")


def query_lacks(name: str) -> re.Pattern:
    return re.compile(rf"^(?!.*[?&]{re.escape(name)}=)")


def open_ok(page, url: str) -> None:
    response = page.goto(url)
    assert response.ok, f"{page.url} answered {response.status}"


# --- The library ----------------------------------------------------------------------


def test_a_topic_facet_narrows_the_library_and_clicking_it_again_brings_everything_back(
    page, urls, library_page, shelf
):
    open_ok(page, live_url(urls, library_page))
    expect(entry_titles(page)).to_have_text(NEWEST_FIRST)

    facet_link(page, "topic", "mobilitaet").click()

    expect(page).to_have_url(query_has("topic", "mobilitaet"))
    expect(entry_titles(page)).to_have_text(["Bürgerbus-App", "Radzählung"])
    selected = page.locator('aside.library__filters a[aria-current="true"]')
    expect(selected).to_have_count(1)
    expect(selected).to_contain_text("Mobilität")

    selected.click()

    expect(page).to_have_url(query_lacks("topic"))
    expect(entry_titles(page)).to_have_text(NEWEST_FIRST)
    expect(page.locator('aside.library__filters a[aria-current="true"]')).to_have_count(0)


def test_a_partner_facet_narrows_the_library_and_remove_all_filters_undoes_it(
    page, urls, library_page, shelf
):
    open_ok(page, live_url(urls, library_page))

    facet_link(page, "partner", "olfen").click()

    expect(page).to_have_url(query_has("partner", "olfen"))
    expect(entry_titles(page)).to_have_text(["Tablets im Unterricht", "Bürgerbus-App"])
    chip = page.locator("ul.active-filters a")
    expect(chip).to_have_count(1)
    expect(chip).to_contain_text("Olfen")

    page.locator("aside.library__filters").get_by_role(
        "link", name=german("Remove all filters"), exact=True
    ).click()

    expect(page).to_have_url(query_lacks("partner"))
    expect(entry_titles(page)).to_have_text(NEWEST_FIRST)
    expect(page.locator("ul.active-filters")).to_have_count(0)


def test_the_active_filter_chip_removes_its_filter(page, urls, library_page, shelf):
    open_ok(page, live_url(urls, library_page))
    facet_link(page, "topic", "bildung-schule").click()
    expect(entry_titles(page)).to_have_text(["Tablets im Unterricht"])

    page.locator("ul.active-filters a").click()

    expect(page).to_have_url(query_lacks("topic"))
    expect(entry_titles(page)).to_have_text(NEWEST_FIRST)


def test_the_title_sort_link_orders_the_entries_alphabetically(page, urls, library_page, shelf):
    open_ok(page, live_url(urls, library_page))

    sort_link = page.locator("nav.sort").get_by_role("link", name=german(LibrarySort.TITLE.label))
    sort_link.click()

    expect(page).to_have_url(query_has("sort", "title"))
    expect(entry_titles(page)).to_have_text(sorted(NEWEST_FIRST))
    expect(page.locator('nav.sort a[aria-current="true"]')).to_have_attribute(
        "href", re.compile(r"sort=title")
    )


# --- An article -----------------------------------------------------------------------


def test_an_article_shows_its_sections_and_related_articles_on_the_same_topic(
    page, urls, library, mobility, schools
):
    article = ArticlePageFactory(
        title="Digitale Parkraumbewirtschaftung",
        partner="duelmen",
        topics=[mobility],
        starting_point="<p>Parkscheine wurden von Hand kontrolliert.</p>",
        solution="<p>Eine App meldet belegte Flächen.</p>",
    )
    ArticlePageFactory(title="Radzählung", partner="olfen", topics=[mobility])
    ArticlePageFactory(title="Tablets im Unterricht", partner="olfen", topics=[schools])

    open_ok(page, live_url(urls, article))

    expect(page.locator("main h1")).to_have_text("Digitale Parkraumbewirtschaftung")
    expect(page.locator("h2#starting-point")).to_have_text(german("Starting point"))
    expect(page.locator("section[aria-labelledby=starting-point]")).to_contain_text(
        "Parkscheine wurden von Hand kontrolliert."
    )
    expect(page.locator("h2#solution")).to_have_text(german("Solution"))
    expect(page.locator("section[aria-labelledby=solution]")).to_contain_text(
        "Eine App meldet belegte Flächen."
    )
    # Unfilled template sections stay out of the page.
    expect(page.locator("h2#costs")).to_have_count(0)

    related = page.locator("section[aria-labelledby=related-title]")
    expect(related.locator("h2")).to_have_text(german("Related content"))
    expect(related.locator(".entry__title")).to_have_text(["Radzählung"])


# --- Reuse ("Nachnutzung") ---------------------------------------------------------------


def reuse_row(page, partner_name: str):
    return page.locator("#nachnutzung tbody tr").filter(
        has=page.get_by_role("rowheader", name=partner_name, exact=True)
    )


def declare(page, stage: str, note: str) -> None:
    form = page.locator("#nachnutzung form")
    form.locator("select[name=stage]").select_option(str(stage))
    form.locator("textarea[name=note]").fill(note)
    form.locator("button[type=submit]").click()


def test_a_member_of_another_partner_declares_and_then_updates_reuse_of_a_project(
    page, urls, library, olfen_member, log_in_as
):
    project = ProjectPageFactory(title="Bürgerbus-App", partner="duelmen", status="betrieb")
    olfen = Partner.objects.get(slug="olfen").name
    log_in_as(olfen_member)
    open_ok(page, live_url(urls, project))
    expect(reuse_row(page, olfen).locator("td").first).to_have_text("–")

    declare(page, ReuseStage.PLANNED, "Start im Herbst")

    expect(page).to_have_url(re.compile(r"#nachnutzung$"))
    success = page.locator(".messages .message--success")
    expect(success).to_be_visible()
    expect(success).to_contain_text(olfen)
    row = reuse_row(page, olfen)
    expect(row.locator(f".stage--{ReuseStage.PLANNED.value}")).to_have_text(
        german(ReuseStage.PLANNED.label)
    )
    expect(row).to_contain_text("Start im Herbst")
    # The form offers the declaration made, to change it.
    expect(page.locator("#nachnutzung select[name=stage]")).to_have_value(ReuseStage.PLANNED.value)

    declare(page, ReuseStage.PRODUCTIVE, "Seit Januar im Einsatz")

    row = reuse_row(page, olfen)
    expect(row.locator(f".stage--{ReuseStage.PRODUCTIVE.value}")).to_have_text(
        german(ReuseStage.PRODUCTIVE.label)
    )
    expect(row).to_contain_text("Seit Januar im Einsatz")
    expect(row.locator(f".stage--{ReuseStage.PLANNED.value}")).to_have_count(0)
    project.reuses.get(partner__slug="olfen", stage=ReuseStage.PRODUCTIVE)


def test_a_visitor_sees_the_reuse_table_but_a_login_link_instead_of_the_form(page, urls, library):
    project = ProjectPageFactory(title="Bürgerbus-App", partner="duelmen", status="betrieb")

    open_ok(page, live_url(urls, project))

    reuse = page.locator("#nachnutzung")
    expect(reuse.locator("table tbody tr")).to_have_count(Partner.objects.count())
    expect(reuse.locator("form")).to_have_count(0)
    login = reuse.locator(f'a[href^="{urls.path("account_login")}"]')
    expect(login).to_be_visible()
    expect(login).to_have_attribute("href", re.compile(re.escape("?next=" + project.url)))


# --- axe-core -------------------------------------------------------------------------


def project_with_milestones(mobility):
    project = ProjectPageFactory(
        title="Bürgerbus-App",
        partner="duelmen",
        status="betrieb",
        topics=[mobility],
        tags=["ÖPNV"],
        start_date=datetime.date(2024, 3, 1),
        budget=48_000,
        funding="Förderprogramm Digitale Modellregionen",
    )
    project.milestones = [
        Milestone(title="Ausschreibung", date=datetime.date(2024, 4, 15), done=True),
        Milestone(title="Pilotbetrieb", date=datetime.date(2024, 9, 1), done=True),
        Milestone(title="Kreisweiter Betrieb", date=datetime.date(2026, 1, 1), done=False),
    ]
    project.save_revision().publish()
    return project


@pytest.fixture
def kb_content(library, mobility, schools):
    """Some of everything, so that listings, facets and related boxes are not empty."""
    article = ArticlePageFactory(
        title="Digitale Parkraumbewirtschaftung",
        partner="duelmen",
        topics=[mobility],
        tags=["Parken"],
        starting_point="<p>Parkscheine wurden von Hand kontrolliert.</p>",
        solution="<p>Eine App meldet belegte Flächen.</p>",
    )
    ArticlePageFactory(title="Tablets im Unterricht", partner="olfen", topics=[schools])
    project = project_with_milestones(mobility)
    collection = CollectionPage(
        title="Alle Projekte", slug="alle-projekte", page_types=["project"], limit=10
    )
    library[0].add_child(instance=collection)
    collection.save_revision().publish()
    return {"article": article, "project": project, "collection": collection}


KB_PAGES = {
    "library": lambda urls, content, library: live_url(urls, library[0]),
    "topic": lambda urls, content, library: urls("kb:topic", kwargs={"slug": "mobilitaet"}),
    "article": lambda urls, content, library: live_url(urls, content["article"]),
    "project-with-milestones": lambda urls, content, library: live_url(urls, content["project"]),
    "partner-index": lambda urls, content, library: live_url(urls, library[1]),
    "partner-page": lambda urls, content, library: live_url(urls, partner_page("duelmen")),
    "collection": lambda urls, content, library: live_url(urls, content["collection"]),
}


@pytest.mark.parametrize("which", KB_PAGES)
def test_a_knowledge_base_page_has_no_axe_violations(
    page, urls, library, kb_content, assert_accessible, which
):
    open_ok(page, KB_PAGES[which](urls, kb_content, library))
    expect(page.locator("main h1")).to_be_visible()
    assert_accessible(page)


def test_a_project_page_with_the_reuse_form_has_no_axe_violations(
    page, urls, library, mobility, olfen_member, log_in_as, assert_accessible
):
    project = project_with_milestones(mobility)
    log_in_as(olfen_member)

    open_ok(page, live_url(urls, project))

    expect(page.locator("#nachnutzung form select[name=stage]")).to_be_visible()
    assert_accessible(page)
