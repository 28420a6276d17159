"""The forum in the browser: a member starts a thread and replies; axe-core on its pages."""

import pytest
from playwright.sync_api import expect

from forum.choices import FlagReason, MembershipRole, MembershipStatus, ReactionKind, Visibility
from forum.models import GroupMembership, Thread, WorkingGroup
from forum.moderation import flag_post, pin_thread
from forum.posting import reply, start_thread
from forum.reactions import toggle_reaction
from forum.solutions import mark_solution
from partners.roles import MODERATORS
from tests.factories import ArticlePageFactory, UserFactory
from tests.forum.conftest import make_category

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The publish button of a form that also has a preview button (name=preview).
PUBLISH = "button[type=submit]:not([name=preview])"


@pytest.fixture
def category(db):
    return make_category("fragen", Visibility.MEMBERS)


@pytest.fixture
def colleague(db):
    return UserFactory(username="bernd", partner_slug="olfen")


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", partner_slug="senden", groups=[MODERATORS])


@pytest.fixture
def thread(category, member, colleague):
    """A tagged question with a helpful answer that is its solution, and a later reply."""
    started = start_thread(
        category=category,
        author=member,
        title="Scanner für die E-Akte?",
        source="Welche **Geräte**?",
        tags=["E-Akte"],
        is_question=True,
    )
    answer = reply(started, colleague, "> Welche Geräte?\n\nWir nutzen einen A3-Scanner.")
    toggle_reaction(answer, member, ReactionKind.HELPFUL)
    mark_solution(answer, member)
    reply(started, member, "Danke, das hilft!")
    return started


@pytest.fixture
def working_group(member):
    group = WorkingGroup.objects.create(
        name="Arbeitskreis Sicherheit", slug="sicherheit", description="IT-Sicherheit."
    )
    GroupMembership.objects.create(
        group=group, user=member, status=MembershipStatus.ACTIVE, role=MembershipRole.MODERATOR
    )
    make_category("ak-sicherheit", Visibility.GROUP, group)
    return group


@pytest.fixture
def flagged(thread, member, moderator):
    """The answer flagged by its question's author; a moderator pinned the thread."""
    answer = thread.posts.get(number=2)
    flag_post(answer, member, FlagReason.OFF_TOPIC, "Passt nicht hierher.")
    pin_thread(thread, moderator, "Oft gefragt.")
    return answer


def test_a_member_starts_a_thread_and_replies(page, urls, member, log_in_as, category):
    log_in_as(member)
    page.goto(urls("forum:new_thread") + f"?category={category.slug}")
    page.fill("input[name=title]", "Erfahrungen mit Videoberatung")
    page.fill("textarea[name=source]", "Wer berät schon **per Video**?")
    page.locator(f"main form {PUBLISH}").click()
    expect(page.locator("h1")).to_have_text("Erfahrungen mit Videoberatung")
    page.fill("textarea[name=source]", "Wir seit Mai, gute Erfahrungen.")
    page.locator(f"form.reply-form {PUBLISH}").click()
    expect(page.locator("#post-2")).to_contain_text("gute Erfahrungen")
    assert Thread.objects.get(title="Erfahrungen mit Videoberatung").post_count == 2


def _target(which, request, urls, thread):
    """Who looks at the page ``which`` (a fixture name) and its URL."""
    if which == "discuss":
        request.getfixturevalue("library")
        article = ArticlePageFactory(partner="duelmen", title="Bürgerbüro online")
        return "member", urls("forum:discuss", kwargs={"page_id": article.pk})
    if which in ("group", "groups"):
        group = request.getfixturevalue("working_group")
        if which == "group":
            return "member", urls("forum:group", kwargs={"slug": group.slug})
        return "member", urls("forum:groups")
    if which in ("moderation-queue", "moderation-log", "thread-as-moderator"):
        request.getfixturevalue("flagged")
    if which == "promote":
        request.getfixturevalue("library")
    targets = {
        "index": ("member", urls("forum:index")),
        "category": ("member", urls("forum:category", kwargs={"slug": thread.category.slug})),
        "thread": ("member", urls("forum:thread", kwargs={"pk": thread.pk})),
        "thread-as-moderator": ("moderator", urls("forum:thread", kwargs={"pk": thread.pk})),
        "new-thread": ("member", urls("forum:new_thread")),
        "notifications": ("colleague", urls("forum:notifications")),
        "settings": ("member", urls("forum:settings")),
        "moderation-queue": ("moderator", urls("forum:moderation_queue")),
        "moderation-log": ("moderator", urls("forum:moderation_log")),
        "tag": ("member", urls("forum:tag", kwargs={"slug": thread.tags.get().slug})),
        "unread": ("colleague", urls("forum:unread")),
        "flag": (
            "colleague",
            urls("forum:flag_post", kwargs={"pk": thread.posts.get(number=1).pk}),
        ),
        "promote": ("editorial_user", urls("forum:promote", kwargs={"pk": thread.pk})),
    }
    return targets[which]


@pytest.mark.parametrize(
    "which",
    [
        "index",
        "category",
        "thread",
        "thread-as-moderator",
        "new-thread",
        "notifications",
        "settings",
        "moderation-queue",
        "moderation-log",
        "groups",
        "group",
        "tag",
        "unread",
        "flag",
        "discuss",
        "promote",
    ],
)
def test_forum_pages_have_no_axe_violations(
    page, urls, log_in_as, assert_accessible, request, thread, which
):
    viewer, url = _target(which, request, urls, thread)
    log_in_as(request.getfixturevalue(viewer))
    response = page.goto(url)
    assert response.ok, f"{page.url} answered {response.status}"
    assert_accessible(page)
