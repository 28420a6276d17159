"""The editor in Wagtail's admin as people use it: the live preview beside the form, and saving
while the autosave is still on its way (issue 15)."""

import re
import threading
from contextlib import contextmanager

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from wagtail.admin.views.pages.edit import EditView
from wagtail.documents import get_document_model
from wagtail.models import TaskState

from kb.models import ArticlePage
from tests.browser.conftest import TIMEOUT_MS
from tests.factories import ArticlePageFactory, partner_page

pytestmark = [
    pytest.mark.browser,
    # Partners, role groups, the home page and the workflow come from data migrations: a
    # plain transactional flush would delete them for every later test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Set by the admin's "unsaved changes" watcher once it has taken the form's first state
# (two seconds after loading); before that no change of the form is noticed or autosaved.
WATCHING_FOR_EDITS = """
    window.__watchingForEdits = false;
    document.addEventListener('w-unsaved:watch-edits', () => { window.__watchingForEdits = true; });
"""


# How Chromium reports a frame it refused to show ("Refused to frame …" in older versions,
# "Framing '…' violates … frame-ancestors" in newer ones, or an X-Frame-Options refusal).
FRAMING_REFUSED = re.compile(r"Refused to (frame|display)|frame-ancestors|X-Frame-Options")


# --- Helpers ------------------------------------------------------------------------------


def edit_url(urls, page) -> str:
    return urls("wagtailadmin_pages:edit", args=[page.pk])


def open_editor(admin_page, url: str) -> None:
    """Open an edit view and wait until the admin watches the form for changes."""
    admin_page.add_init_script(WATCHING_FOR_EDITS)
    admin_page.goto(url)
    expect(admin_page.locator("#id_title")).to_be_editable()
    admin_page.wait_for_function("window.__watchingForEdits", timeout=TIMEOUT_MS)


def is_autosave_of(url: str):
    """Wagtail's autosave posts the edit form with fetch(); the editor's own save navigates."""

    def matches(response) -> bool:
        request = response.request
        return (
            request.url == url and request.method == "POST" and not request.is_navigation_request()
        )

    return matches


def pdf(title: str):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="checkliste.pdf")
    )


def draft_article(mobility, title="Digitale Bauakte") -> ArticlePage:
    """A page that has never been published: its attachments are stored on every save
    (a live page keeps changes in revisions until they are published)."""
    article = ArticlePage(
        title=title,
        slug="digitale-bauakte",
        summary="Ein Entwurf.",
        body=[("paragraph", "<p>Wie der Bauantrag digital wird.</p>")],
        live=False,
    )
    partner_page("duelmen").add_child(instance=article)
    article.topics.set([mobility])
    article.save()  # a parental many-to-many is stored with its page
    return article


@contextmanager
def reviewers_submission_outlasting_the_autosave():
    """A slow server: the reviewer's own submission, once Wagtail has decided what it does,
    waits for the autosave the browser sends meanwhile to be answered before acting.

    This is the order of the reported 500. The live server runs in this process, so the
    pause is made in its view; the browser, the form and both requests are the real ones.
    """
    submission_waiting = threading.Event()
    autosave_answered = threading.Event()
    original_post = EditView.post
    original_form_valid = EditView.form_valid

    def post(view, request, *args, **kwargs):
        # Only an autosave sent while the submission waits is the one racing it.
        racing = view.expects_json_response and submission_waiting.is_set()
        try:
            return original_post(view, request, *args, **kwargs)
        finally:
            if racing:
                autosave_answered.set()

    def form_valid(view, form):
        if not view.expects_json_response:
            submission_waiting.set()
            autosave_answered.wait(timeout=TIMEOUT_MS / 1000)
        return original_form_valid(view, form)

    EditView.post = post
    EditView.form_valid = form_valid
    try:
        yield
    finally:
        EditView.post = original_post
        EditView.form_valid = original_form_valid


# --- The live preview ------------------------------------------------------------------------


def test_the_preview_panel_shows_the_article_beside_the_form(
    page, urls, log_in_as, duelmen_editor, mobility
):
    article = ArticlePageFactory(partner="duelmen", title="Wohngeld digital", topics=[mobility])
    refusals = []
    page.on(
        "console",
        lambda message: (
            refusals.append(message.text) if FRAMING_REFUSED.search(message.text) else None
        ),
    )
    log_in_as(duelmen_editor)
    page.goto(edit_url(urls, article))

    toggle = page.locator('[data-side-panel-toggle="preview"]')
    expect(toggle).to_have_attribute("aria-label", re.compile("Vorschau"))
    toggle.click()

    # Wagtail swaps in a fresh iframe after each load; the newest one is the one shown.
    preview = page.locator("#w-preview-iframe").last.content_frame
    expect(preview.locator("main h1")).to_have_text("Wohngeld digital")
    assert refusals == [], refusals


# --- Autosave races ---------------------------------------------------------------------------


def test_choosing_a_pdf_and_saving_while_the_autosave_is_on_its_way_attaches_it_once(
    page, urls, log_in_as, duelmen_editor, mobility
):
    article = draft_article(mobility)
    document = pdf("Checkliste Bauantrag")
    url = edit_url(urls, article)
    log_in_as(duelmen_editor)
    open_editor(page, url)

    # The editor's save is held back in the network until the autosave has been answered:
    # both then post the new attachment row, neither knowing the other's.
    held = []

    def hold_the_save(route):
        if route.request.is_navigation_request() and route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route(url, hold_the_save)

    page.locator("#id_attachments-ADD").click()
    page.locator("#id_attachments-0-document-chooser [data-chooser-action-choose]").click()
    page.locator(".modal").get_by_role("link", name="Checkliste Bauantrag").click()
    expect(page.locator("#id_attachments-0-document-chooser [data-chooser-title]")).to_have_text(
        "Checkliste Bauantrag"
    )
    with page.expect_response(is_autosave_of(url)) as autosave:
        page.locator("footer button.action-save").click(no_wait_after=True)
    assert autosave.value.ok, autosave.value.status
    assert len(held) == 1, "the editor's save did not go out before the autosave's answer"
    held[0].continue_()

    expect(page.locator(".messages li.success")).to_be_visible()
    assert list(article.attachments.values_list("document", flat=True)) == [document.pk]


def test_requesting_changes_while_the_autosave_is_on_its_way_ends_without_an_error(
    page, urls, log_in_as, duelmen_editor, editorial_user, mobility
):
    article = ArticlePageFactory(
        partner="duelmen", title="Kita-Anmeldung online", topics=[mobility]
    )
    article.save_revision(user=duelmen_editor)
    article.get_workflow().start(article, duelmen_editor)
    task_state = article.current_workflow_task_state
    url = edit_url(urls, article)
    log_in_as(editorial_user)
    open_editor(page, url)

    page.locator("footer [data-w-dropdown-target=toggle]").click()
    request_changes = page.locator('footer button[data-workflow-action-name="reject"]')
    expect(request_changes).to_be_visible()
    request_changes.click()
    modal = page.locator(".modal")
    modal.locator("textarea").fill("Bitte die Fristen ergänzen.")

    # The button writes the action into the edit form and submits it; the form's watcher sees
    # the new fields and autosaves the same form while the submission is under way.
    with reviewers_submission_outlasting_the_autosave():
        with page.expect_response(is_autosave_of(url)) as autosave:
            modal.locator("form [type=submit]").click()
        expect(page.locator(".messages li.success")).to_be_visible()

    # Wagtail answers a failed autosave with 400 and a workflow action with a redirect.
    assert autosave.value.status == 200, autosave.value.status
    assert autosave.value.headers["content-type"] == "application/json"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.get_comment() == "Bitte die Fristen ergänzen."
