"""Whole stories in the forum, as several people at their own desks live them: a question
is answered, solved, flagged and moderated; a thread becomes a library article; a library
page gets its discussion."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from forum.choices import Visibility
from forum.models import Flag, Post, Thread
from forum.posting import reply, start_thread
from kb.models import ArticlePage
from partners.roles import MODERATORS
from tests.browser.conftest import TIMEOUT_MS
from tests.factories import ArticlePageFactory, UserFactory, partner_page
from tests.forum.conftest import make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The publish button of a form that also has a preview button (name=preview).
PUBLISH = "button[type=submit]:not([name=preview])"


@pytest.fixture
def desk(browser, live_server, log_in_as):
    """A browser window of its own for each further person, logged in as them."""
    contexts = []

    def open_for(user):
        context = browser.new_context(
            base_url=live_server.url, locale="de-DE", timezone_id="Europe/Berlin"
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        log_in_as(user, into=context)
        return context.new_page()

    yield open_for
    for context in contexts:
        context.close()


@pytest.fixture
def category(db):
    return make_category("fragen", Visibility.MEMBERS)


@pytest.fixture
def answerer(db):
    return UserFactory(username="bernd", partner_slug="olfen")


@pytest.fixture
def reader(db):
    return UserFactory(username="clara", partner_slug="senden")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", partner_slug="nottuln", groups=[MODERATORS])


def test_a_question_is_answered_solved_flagged_and_the_answer_hidden(
    page, desk, urls, log_in_as, category, member, answerer, reader, moderator
):
    title = "Welcher Scanner für die E-Akte?"
    answer_text = "Wir nutzen seit Jahren einen A3-Scanner mit Einzugsschacht."

    # A (the member) asks a question in the members-only category.
    log_in_as(member)
    page.goto(urls("forum:new_thread") + f"?category={category.slug}")
    page.fill("input[name=title]", title)
    page.fill("textarea[name=source]", "Welche **Geräte** setzen Sie ein?")
    page.check("input[name=is_question]")
    page.locator(f"main form {PUBLISH}").click()
    expect(page.locator("h1")).to_have_text(title)
    thread = Thread.objects.get(title=title)
    assert thread.is_question and thread.category == category
    thread_path = urls.path("forum:thread", kwargs={"pk": thread.pk})

    # B quotes the question, which mentions @A, and answers below the quote.
    answering = desk(answerer)
    answering.goto(urls.base + thread_path)
    answering.locator("#post-1 a[href='?quote=1#reply']").click()
    source = answering.locator("form.reply-form textarea[name=source]")
    expect(source).to_have_value(re.compile(rf"^@{member.username}\b"))
    source.fill(source.input_value() + answer_text)
    answering.locator(f"form.reply-form {PUBLISH}").click()
    expect(answering.locator("#post-2")).to_contain_text(answer_text)
    answer = Post.objects.get(thread=thread, number=2)

    # A sees the bell count up and follows the notification to the answer.
    page.goto(urls("forum:index"))
    bell = page.locator("header a.notification-bell")
    expect(bell.locator(".badge")).to_have_text(re.compile(r"^\s*[1-9]\d*\b"))
    bell.click()
    expect(page).to_have_url(urls("forum:notifications"))
    page.locator(".notification--unread a").first.click()
    expect(page).to_have_url(re.compile(re.escape(thread_path) + r"\?page=1#post-2$"))
    expect(page.locator("#post-2")).to_contain_text(answer_text)

    # A marks the answer as the solution; the solution box appears under the question.
    solution_form = urls.path("forum:solution", kwargs={"pk": answer.pk})
    page.locator(f"#post-2 form[action='{solution_form}'] button[type=submit]").click()
    expect(page.locator("section.solution")).to_contain_text(answer_text)
    expect(page.locator("#post-2")).to_have_class(re.compile(r"\bpost--solution\b"))

    # C flags the answer, giving a reason.
    flagging = desk(reader)
    flagging.goto(urls.base + thread_path)
    flag_form = urls.path("forum:flag_post", kwargs={"pk": answer.pk})
    flagging.locator(f"#post-2 a[href='{flag_form}']").click()
    expect(flagging).to_have_url(urls.base + flag_form)
    flagging.check("input[name=reason][value=inappropriate]")
    flagging.fill("textarea[name=note]", "Werbung für einen Hersteller.")
    flagging.locator("main form button[type=submit]").click()
    expect(flagging).to_have_url(re.compile(re.escape(thread_path) + r"\?page=1#post-2$"))
    expect(flagging.locator(f"#post-2 a[href='{flag_form}']")).to_have_count(0)
    assert Flag.objects.filter(post=answer, reporter=reader, resolved_at__isnull=True).exists()

    # A moderator finds it in the queue and hides it.
    moderating = desk(moderator)
    moderating.goto(urls("forum:moderation_queue"))
    item = moderating.locator("section[aria-labelledby=flagged-heading] li.queue-item")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(answer_text)
    item.locator("button[name=action][value=hide]").click()
    expect(
        moderating.locator("section[aria-labelledby=flagged-heading] li.queue-item")
    ).to_have_count(0)
    answer.refresh_from_db()
    assert answer.hidden

    # A, a plain member, no longer reads the answer, neither in the thread nor as its solution.
    page.goto(urls.base + thread_path)
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("#post-1")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(answer_text)
    expect(page.locator("section.solution")).to_have_count(0)


def test_the_editorial_team_takes_a_thread_into_the_library_as_a_draft_article(
    page, urls, log_in_as, library, category, member, answerer, editorial_user
):
    thread = start_thread(
        category=category,
        author=member,
        title="Digitale Bauakte in zwei Wochen",
        source="Wie haben Sie die Bauakte digitalisiert?",
        is_question=True,
    )
    answer = reply(thread, answerer, "Mit einem externen Scandienst und klaren Regeln.")
    section = partner_page("olfen")

    log_in_as(editorial_user)
    page.goto(urls("forum:thread", kwargs={"pk": thread.pk}))
    page.locator(f"a[href='{urls.path('forum:promote', kwargs={'pk': thread.pk})}']").click()
    page.select_option("select[name=section]", value=str(section.pk))
    page.check(f"input[name=replies][value='{answer.pk}']")
    page.locator("main form button[type=submit]").click()

    # The editor lands in Wagtail's editor of the new draft.
    expect(page).to_have_url(re.compile(r"/pages/\d+/edit/$"))
    thread.refresh_from_db()
    article = ArticlePage.objects.get(pk=thread.promoted_to_id)
    expect(page).to_have_url(urls("wagtailadmin_pages:edit", args=[article.pk]))
    expect(page.locator("#id_title")).to_have_value("Digitale Bauakte in zwei Wochen")
    assert not article.live
    assert article.get_parent().specific == section
    assert article.title == thread.title

    # The thread now points to the draft (for editors, in the editing area).
    page.goto(urls("forum:thread", kwargs={"pk": thread.pk}))
    edit_path = urls.path("wagtailadmin_pages:edit", args=[article.pk])
    expect(page.locator(f".thread-library a[href='{edit_path}']")).to_have_text(article.title)


def test_a_member_starts_the_discussion_of_a_library_article(
    page, urls, log_in_as, library, member
):
    article = ArticlePageFactory(partner="duelmen", title="Bürgerbüro online")
    article_path = urlsplit(article.get_url()).path

    log_in_as(member)
    page.goto(urls.base + article_path)
    page.locator(
        f"main a[href='{urls.path('forum:discuss', kwargs={'page_id': article.pk})}']"
    ).click()
    page.locator("main form button[type=submit]").click()

    expect(page.locator("h1")).to_have_text("Bürgerbüro online")
    thread = Thread.objects.get(discussed_page=article)
    expect(page).to_have_url(urls("forum:thread", kwargs={"pk": thread.pk}))
    expect(page.locator(f".thread-library a[href$='{article_path}']")).to_have_text(
        "Bürgerbüro online"
    )
