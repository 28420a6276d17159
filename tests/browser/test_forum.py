"""The forum in the browser: a member starts a thread and replies; axe-core on its pages."""

import pytest
from playwright.sync_api import expect

from forum.choices import Visibility
from forum.models import Thread
from forum.posting import reply, start_thread
from tests.forum.conftest import make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def category(db):
    return make_category("fragen", Visibility.MEMBERS)


@pytest.fixture
def thread(category, member):
    started = start_thread(
        category=category,
        author=member,
        title="Scanner für die E-Akte?",
        source="Welche **Geräte**?",
    )
    reply(started, member, "> Welche Geräte?\n\nWir nutzen einen A3-Scanner.")
    return started


def test_a_member_starts_a_thread_and_replies(page, urls, member, log_in_as, category):
    log_in_as(member)
    page.goto(urls("forum:new_thread") + f"?category={category.slug}")
    page.fill("input[name=title]", "Erfahrungen mit Videoberatung")
    page.fill("textarea[name=source]", "Wer berät schon **per Video**?")
    page.locator("main button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Erfahrungen mit Videoberatung")
    page.fill("textarea[name=source]", "Wir seit Mai, gute Erfahrungen.")
    page.locator("form.reply-form button[type=submit]").click()
    expect(page.locator("#post-2")).to_contain_text("gute Erfahrungen")
    assert Thread.objects.get(title="Erfahrungen mit Videoberatung").post_count == 2


@pytest.mark.parametrize("which", ["index", "category", "thread", "new-thread"])
def test_forum_pages_have_no_axe_violations(
    page, urls, member, log_in_as, assert_accessible, thread, which
):
    log_in_as(member)
    targets = {
        "index": urls("forum:index"),
        "category": urls("forum:category", kwargs={"slug": thread.category.slug}),
        "thread": urls("forum:thread", kwargs={"pk": thread.pk}),
        "new-thread": urls("forum:new_thread"),
    }
    response = page.goto(targets[which])
    assert response.ok, f"{page.url} answered {response.status}"
    assert_accessible(page)
