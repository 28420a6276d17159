"""The editorial review ("Redaktionelle Prüfung") in Wagtail's admin, as the people do it:
a partner's editor submits a change, the editorial team approves it, and it goes live."""

import re
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import WorkflowState

from kb.models import ArticlePage
from tests.browser.conftest import TIMEOUT_MS, poll
from tests.factories import ArticlePageFactory

pytestmark = [
    pytest.mark.browser,
    # Partners, role groups, the home page and the workflow come from data migrations: a
    # plain transactional flush would delete them for every later test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


# --- Fixtures and helpers ------------------------------------------------------------


@pytest.fixture
def reviewer_context(browser, live_server):
    """A second browser profile, for a second person at another desk."""
    context = browser.new_context(
        base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin"
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


def edit_url(urls, page) -> str:
    return urls("wagtailadmin_pages:edit", args=[page.pk])


def live_url(urls, page) -> str:
    return urls.base + urlsplit(page.get_url()).path


def open_more_actions(admin_page) -> None:
    """Open the menu under the footer's primary button (Save draft ▴)."""
    admin_page.locator("footer [data-w-dropdown-target=toggle]").click()


def in_review(page) -> bool:
    return (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .exists()
    )


# --- The review -------------------------------------------------------------------------


def test_an_editors_change_goes_live_only_once_the_editorial_team_approves_it(
    page, urls, live_server, log_in_as, reviewer_context, duelmen_editor, editorial_user, mobility
):
    article = ArticlePageFactory(partner="duelmen", title="Bürgerbüro online", topics=[mobility])

    # The Dülmen editor changes the title and submits it for review.
    log_in_as(duelmen_editor)
    page.goto(edit_url(urls, article))
    title = page.locator("#id_title")
    expect(title).to_be_editable()
    title.fill("Bürgerbüro ganz online")
    open_more_actions(page)
    submit = page.locator('footer button[name="action-submit"]')
    expect(submit).to_be_visible()
    submit.click()

    expect(page.locator(".messages li.success")).to_be_visible()
    poll(lambda: in_review(article), what="the article to enter the editorial review")
    article.refresh_from_db()
    assert article.live and article.title == "Bürgerbüro online", "published before review"

    # Someone from the editorial team approves it from the page's edit view.
    log_in_as(editorial_user, into=reviewer_context)
    reviewer = reviewer_context.new_page()
    reviewer.goto(edit_url(urls, article))
    expect(reviewer.locator("#id_title")).to_have_value("Bürgerbüro ganz online")
    open_more_actions(reviewer)
    # "Approve" without the comment dialog (its twin with a modal URL asks for a comment).
    approve = reviewer.locator(
        'footer button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    )
    expect(approve).to_be_visible()
    approve.click()

    expect(reviewer.locator(".messages li.success")).to_be_visible()

    def published():
        fresh = ArticlePage.objects.get(pk=article.pk)
        return fresh.live and fresh.title == "Bürgerbüro ganz online" and not in_review(fresh)

    poll(published, what="the approved article to go live with its new title")
    reviewer.goto(live_url(urls, article))
    expect(reviewer.locator("main h1")).to_have_text("Bürgerbüro ganz online")


def test_an_editor_cannot_open_another_partners_article_in_the_admin(
    page, urls, log_in_as, duelmen_editor, mobility
):
    article = ArticlePageFactory(partner="olfen", title="Olfener Ratsinfo", topics=[mobility])
    log_in_as(duelmen_editor)

    response = page.goto(edit_url(urls, article))

    # Wagtail sends whoever lacks the permission to the dashboard with an error (or a 403).
    assert response.status == 403 or page.url != edit_url(urls, article), page.url
    expect(page.locator("#id_title")).to_have_count(0)
    if response.ok:
        with translation.override("de"):
            denied = translation.gettext("Sorry, you do not have permission to access this area.")
        error = page.locator(".messages li.error")
        expect(error).to_be_visible()
        expect(error).to_contain_text(denied)
        expect(page).to_have_url(re.compile(re.escape(urls("wagtailadmin_home")) + r"$"))
    assert ArticlePage.objects.get(pk=article.pk).title == "Olfener Ratsinfo"
