"""WCAG 2.1 AA as far as a machine can tell (axe-core), and the keyboard way into a page.

Passing axe is the floor, not the ceiling: BITV 2.0 still needs a manual review.
"""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import home_page
from theme.models import AccessibilityStatementPage

pytestmark = [
    pytest.mark.browser,
    # Partners, role groups and the home page come from data migrations: a plain
    # transactional flush would delete them for every later test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLIC_PAGES = {
    "home-de": lambda urls: urls.home("de"),
    "home-en": lambda urls: urls.home("en"),
    "login": lambda urls: urls("account_login"),
    "sign-up": lambda urls: urls("account_signup"),
}


@pytest.mark.parametrize("which", PUBLIC_PAGES)
def test_a_public_page_has_no_axe_violations(page, urls, assert_accessible, which):
    response = page.goto(PUBLIC_PAGES[which](urls))
    assert response.ok, f"{page.url} answered {response.status}"
    assert_accessible(page)


def test_a_members_own_profile_page_has_no_axe_violations(
    page, urls, member, log_in_as, assert_accessible
):
    log_in_as(member)
    response = page.goto(urls.profile(member.username))
    assert response.ok, f"{page.url} answered {response.status}"
    # Logged in: the header shows the account menu with the way to one's profile.
    expect(page.locator("nav.account-menu button[type=submit]")).to_be_visible()
    assert_accessible(page)


def test_the_accessibility_statement_has_no_axe_violations(page, urls, assert_accessible):
    statement = AccessibilityStatementPage.objects.live().first()
    if statement is None:
        statement = AccessibilityStatementPage(
            title="Erklärung zur Barrierefreiheit",
            slug="barrierefreiheit",
            body=(
                "<h2>Stand der Vereinbarkeit</h2>"
                "<p>Diese Website ist mit der BITV 2.0 teilweise vereinbar.</p>"
                "<ul><li>Einige PDF-Dokumente sind noch nicht barrierefrei.</li></ul>"
            ),
            feedback_intro="<p>Melden Sie uns Barrieren über dieses Formular.</p>",
        )
        home_page("de").add_child(instance=statement)
        statement.save_revision().publish()

    response = page.goto(urls.base + urlsplit(statement.get_url()).path)
    assert response.ok, f"{page.url} answered {response.status}"
    expect(page.locator("main form")).to_be_visible()  # the feedback form is part of the check
    assert_accessible(page)


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_main_content(page, urls):
    page.goto(urls.home("de"))

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()  # visible when focused, or sighted keyboard users miss it

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
