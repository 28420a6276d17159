from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from forum import moderation
from forum.choices import FlagReason, ModerationAction, NotificationKind
from forum.models import (
    Category,
    Flag,
    ForumSettings,
    ModerationLogEntry,
    Notification,
    Post,
    PostRevision,
    Thread,
)
from forum.posting import PostingError, reply, start_thread
from forum.signals import moderation_decision, post_published
from tests.factories import UserFactory
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", groups=["Forum-Moderation"])


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def author(db):
    return UserFactory(username="anton", partner_slug="olfen")


@pytest.fixture
def thread(members_only, author):
    return start_thread(category=members_only, author=author, title="Frage", source="Erster")


@pytest.fixture
def replies(thread, author, member):
    return [
        reply(thread, member, "Zweiter"),
        reply(thread, author, "Dritter"),
        reply(thread, member, "Vierter"),
    ]


@pytest.fixture
def elsewhere(db):
    return make_category("anderswo", "members")


@pytest.fixture
def decisions():
    received = []

    def receive(sender, **kwargs):
        received.append(kwargs)

    moderation_decision.connect(receive, weak=False)
    yield received
    moderation_decision.disconnect(receive)


@pytest.fixture
def published():
    received = []

    def receive(sender, **kwargs):
        received.append(kwargs)

    post_published.connect(receive, weak=False)
    yield received
    post_published.disconnect(receive)


def assert_counters_exact():
    """Every thread and category counter equals what a recount finds."""
    for thread in Thread.objects.all():
        visible = thread.posts.filter(hidden=False, deleted=False, awaiting_approval=False)
        assert thread.post_count == visible.count(), thread
    for category in Category.objects.all():
        threads = Thread.objects.filter(category=category, hidden=False)
        assert category.thread_count == threads.count(), category
        assert category.post_count == sum(t.post_count for t in threads), category


def waiting_reply(thread, author, source="Mein erster Beitrag"):
    """A reply as forum.posting stores it while the author still needs approval."""
    Thread.objects.filter(pk=thread.pk).update(last_number=F("last_number") + 1)
    thread.refresh_from_db()
    return Post.objects.create(
        thread=thread,
        number=thread.last_number,
        author=author,
        source=source,
        html=f"<p>{source}</p>",
        awaiting_approval=True,
    )


def waiting_thread(category, author):
    """A new thread as forum.posting stores it while the author still needs approval."""
    thread = Thread.objects.create(
        category=category, title="Neu hier", author=author, hidden=True, last_number=1
    )
    Post.objects.create(
        thread=thread,
        number=1,
        author=author,
        source="Hallo",
        html="<p>Hallo</p>",
        awaiting_approval=True,
    )
    return thread


# -- posts


def test_a_moderator_hides_a_flagged_post_and_its_flags_are_resolved(
    moderator, member, replies, author
):
    post = replies[1]
    moderation.flag_post(post, member, FlagReason.SPAM)
    assert moderation.hide_post(post, moderator, "Werbung")
    post.refresh_from_db()
    flag = Flag.objects.get()
    assert post.hidden
    assert (flag.resolved_by, flag.resolved_at is not None) == (moderator, True)


def test_hiding_a_reply_lowers_the_thread_and_category_counts(moderator, thread, replies):
    moderation.hide_post(replies[0], moderator)
    thread.refresh_from_db()
    assert thread.post_count == 3
    assert_counters_exact()


def test_restoring_a_reply_counts_it_again(moderator, thread, replies):
    moderation.hide_post(replies[0], moderator)
    assert moderation.restore_post(replies[0], moderator)
    thread.refresh_from_db()
    assert thread.post_count == 4
    assert_counters_exact()


def test_hiding_the_first_post_hides_the_thread_with_exact_category_counts(
    moderator, thread, replies, members_only
):
    moderation.hide_post(thread.posts.get(number=1), moderator)
    thread.refresh_from_db()
    members_only.refresh_from_db()
    assert thread.hidden
    assert (members_only.thread_count, members_only.post_count) == (0, 0)
    assert_counters_exact()


def test_restoring_the_first_post_shows_the_thread_again(moderator, thread, replies, members_only):
    first = thread.posts.get(number=1)
    moderation.hide_post(first, moderator)
    moderation.restore_post(first, moderator)
    thread.refresh_from_db()
    members_only.refresh_from_db()
    assert not thread.hidden
    assert (members_only.thread_count, members_only.post_count) == (1, 4)
    assert_counters_exact()


def test_hiding_a_hidden_post_changes_nothing(moderator, replies):
    moderation.hide_post(replies[0], moderator)
    assert not moderation.hide_post(replies[0], moderator)
    assert ModerationLogEntry.objects.count() == 1
    assert_counters_exact()


def test_hiding_a_reply_its_author_deleted_leaves_the_counts_alone(moderator, thread, replies):
    Post.objects.filter(pk=replies[0].pk).update(deleted=True)
    Thread.objects.filter(pk=thread.pk).update(post_count=F("post_count") - 1)
    Category.objects.filter(pk=thread.category_id).update(post_count=F("post_count") - 1)
    replies[0].refresh_from_db()
    moderation.hide_post(replies[0], moderator)
    assert_counters_exact()


def test_approving_a_waiting_reply_makes_it_visible_and_counts_it(moderator, thread, replies):
    newcomer = UserFactory(username="neu")
    waiting = waiting_reply(thread, newcomer)
    assert moderation.approve_post(waiting, moderator)
    waiting.refresh_from_db()
    thread.refresh_from_db()
    assert not waiting.awaiting_approval
    assert (thread.post_count, thread.last_poster) == (5, newcomer)
    assert_counters_exact()


def test_approving_a_waiting_thread_shows_it_and_counts_it_in_its_category(moderator, members_only):
    held = waiting_thread(members_only, UserFactory(username="neu"))
    moderation.approve_post(held.posts.get(), moderator)
    held.refresh_from_db()
    members_only.refresh_from_db()
    assert not held.hidden
    assert (members_only.thread_count, members_only.post_count) == (1, 1)
    assert held.last_activity_at is not None
    assert_counters_exact()


def test_approving_publishes_the_post_after_commit(
    moderator, members_only, published, django_capture_on_commit_callbacks
):
    held = waiting_thread(members_only, UserFactory(username="neu"))
    first = held.posts.get()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_post(first, moderator)
    assert [(p["post"].pk, p["created_thread"]) for p in published] == [(first.pk, True)]


def test_approving_a_post_that_is_not_waiting_changes_nothing(moderator, replies, published):
    assert not moderation.approve_post(replies[0], moderator)
    assert not ModerationLogEntry.objects.exists()


def test_rejecting_a_waiting_post_keeps_it_out_of_the_counts(moderator, thread, replies):
    waiting = waiting_reply(thread, UserFactory(username="neu"))
    moderation.hide_post(waiting, moderator)
    thread.refresh_from_db()
    assert thread.post_count == 4
    assert not moderation.posts_awaiting_approval().exists()
    assert_counters_exact()


def test_dismissing_flags_resolves_them_and_keeps_the_post(moderator, member, replies):
    moderation.flag_post(replies[1], member, FlagReason.OTHER)
    assert moderation.dismiss_flags(replies[1], moderator) == 1
    replies[1].refresh_from_db()
    assert not replies[1].hidden
    assert not Flag.objects.filter(resolved_at__isnull=True).exists()


def test_members_cannot_use_the_moderation_functions(member, replies):
    with pytest.raises(PostingError):
        moderation.hide_post(replies[1], member)


# -- threads


def test_a_moderator_locks_and_unlocks_a_thread(moderator, thread):
    assert moderation.lock_thread(thread, moderator)
    assert Thread.objects.get(pk=thread.pk).locked
    assert moderation.unlock_thread(thread, moderator)
    assert not Thread.objects.get(pk=thread.pk).locked


def test_a_moderator_pins_and_unpins_a_thread(moderator, thread):
    assert moderation.pin_thread(thread, moderator)
    assert not moderation.pin_thread(thread, moderator)
    assert moderation.unpin_thread(thread, moderator)
    assert not Thread.objects.get(pk=thread.pk).pinned


def test_moving_a_thread_moves_its_counts_between_categories(
    moderator, thread, replies, members_only, elsewhere
):
    assert moderation.move_thread(thread, moderator, elsewhere, "Passt besser")
    members_only.refresh_from_db()
    elsewhere.refresh_from_db()
    assert Thread.objects.get(pk=thread.pk).category == elsewhere
    assert (members_only.thread_count, elsewhere.thread_count, elsewhere.post_count) == (0, 1, 4)
    assert members_only.last_activity_at is None
    assert_counters_exact()


def test_moving_a_hidden_thread_keeps_both_category_counts_exact(
    moderator, thread, replies, elsewhere
):
    moderation.hide_post(thread.posts.get(number=1), moderator)
    moderation.move_thread(Thread.objects.get(pk=thread.pk), moderator, elsewhere)
    assert_counters_exact()


def test_moving_to_a_translated_category_is_refused(moderator, thread, elsewhere):
    english = elsewhere.copy_for_translation(Locale.objects.get(language_code="en"))
    english.save()
    with pytest.raises(PostingError):
        moderation.move_thread(thread, moderator, english)


def test_splitting_renumbers_the_replies_in_a_new_thread(moderator, thread, replies, elsewhere):
    created = moderation.split_thread(
        thread, moderator, [replies[0], replies[2]], title="Nebenfrage", category=elsewhere
    )
    moved = list(created.posts.order_by("number").values_list("number", "source"))
    assert moved == [(1, "Zweiter"), (2, "Vierter")]
    assert (created.author, created.category, created.last_number) == (
        replies[0].author,
        elsewhere,
        2,
    )
    remaining = list(thread.posts.order_by("number").values_list("number", flat=True))
    assert remaining == [1, 3]


def test_splitting_keeps_every_counter_exact(moderator, thread, replies, elsewhere):
    moderation.hide_post(replies[2], moderator)
    moderation.split_thread(
        thread, moderator, [replies[1], replies[2]], title="Nebenfrage", category=elsewhere
    )
    assert_counters_exact()


def test_splitting_recomputes_the_old_threads_last_activity(
    moderator, thread, replies, elsewhere, member
):
    Post.objects.filter(thread=thread, number=1).update(
        created_at=timezone.now() - timedelta(days=3)
    )
    Post.objects.filter(pk=replies[0].pk).update(created_at=timezone.now() - timedelta(days=2))
    moderation.split_thread(
        thread, moderator, replies[1:], title="Nebenfrage", category=thread.category
    )
    thread.refresh_from_db()
    assert thread.last_poster == member
    assert thread.last_activity_at == Post.objects.get(pk=replies[0].pk).created_at


def test_splitting_off_the_solution_clears_it_on_the_old_thread(
    moderator, thread, replies, elsewhere
):
    Thread.objects.filter(pk=thread.pk).update(is_question=True, solution=replies[0])
    moderation.split_thread(thread, moderator, [replies[0]], title="Antwort", category=elsewhere)
    assert Thread.objects.get(pk=thread.pk).solution is None


def test_the_first_post_cannot_be_split_off(moderator, thread, replies, elsewhere):
    with pytest.raises(PostingError):
        moderation.split_thread(
            thread,
            moderator,
            [thread.posts.get(number=1)],
            title="Alles",
            category=elsewhere,
        )
    assert_counters_exact()


def test_posts_of_another_thread_cannot_be_split_off(moderator, thread, members_only, author):
    other = start_thread(category=members_only, author=author, title="Andere", source="Text")
    stranger = reply(other, author, "Fremd")
    with pytest.raises(PostingError):
        moderation.split_thread(thread, moderator, [stranger], title="Neu", category=members_only)


def test_a_split_without_a_title_is_refused(moderator, thread, replies):
    with pytest.raises(PostingError):
        moderation.split_thread(thread, moderator, replies, title="   ", category=thread.category)


# -- members


def test_warning_a_member_announces_the_message_after_commit(
    moderator, member, decisions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moderation.warn_user(member, moderator, "Bitte sachlich bleiben.")
    assert [(d["action"], d["target_user"], d["note"]) for d in decisions] == [
        (ModerationAction.WARN, member, "Bitte sachlich bleiben.")
    ]


def test_a_warning_reaches_the_member_as_a_notification(
    moderator, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        moderation.warn_user(member, moderator, "Bitte sachlich bleiben.")
    notification = Notification.objects.get(recipient=member)
    assert (notification.kind, notification.note) == (
        NotificationKind.MODERATION,
        "Bitte sachlich bleiben.",
    )


def test_a_suspension_announces_its_end(
    moderator, member, decisions, django_capture_on_commit_callbacks
):
    until = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.suspend_user(member, moderator, until)
    assert decisions[0]["until"] == until


def test_a_warning_needs_a_message(moderator, member):
    with pytest.raises(PostingError):
        moderation.warn_user(member, moderator, "  ")


def test_a_suspended_member_cannot_reply(moderator, member, thread):
    moderation.suspend_user(member, moderator, timezone.now() + timedelta(days=3))
    with pytest.raises(PostingError):
        reply(thread, member, "Trotzdem")


def test_lifting_a_suspension_lets_the_member_post_again(moderator, member, thread):
    moderation.suspend_user(member, moderator, timezone.now() + timedelta(days=3))
    assert moderation.lift_suspension(member, moderator)
    assert reply(thread, member, "Wieder da").number == 2


def test_lifting_when_nobody_is_suspended_changes_nothing(moderator, member):
    assert not moderation.lift_suspension(member, moderator)
    assert not ModerationLogEntry.objects.exists()


def test_moderators_cannot_be_suspended(moderator):
    colleague = UserFactory(username="mia", groups=["Forum-Moderation"])
    with pytest.raises(PostingError):
        moderation.suspend_user(colleague, moderator, timezone.now() + timedelta(days=1))


def test_a_suspension_must_end_in_the_future(moderator, member):
    with pytest.raises(PostingError):
        moderation.suspend_user(member, moderator, timezone.now() - timedelta(days=1))


def test_a_moderator_suspends_a_member_for_days_through_the_form(moderator_client, member):
    response = moderator_client.post(
        reverse("forum:moderate_member", kwargs={"pk": member.pk}),
        {"action": "suspend", "suspend-days": "7", "suspend-note": "Wiederholt"},
    )
    assert response.status_code == 302
    until = ForumSettings.objects.get(user=member).suspended_until
    assert timedelta(days=6, hours=23) < until - timezone.now() <= timedelta(days=7)


def test_a_moderator_suspends_a_member_until_a_date_through_the_form(moderator_client, member):
    day = date.today() + timedelta(days=10)
    moderator_client.post(
        reverse("forum:moderate_member", kwargs={"pk": member.pk}),
        {"action": "suspend", "suspend-until": day.isoformat()},
    )
    until = timezone.localtime(ForumSettings.objects.get(user=member).suspended_until)
    assert (until.date(), until.hour) == (day, 0)


def test_a_suspension_date_in_the_past_gets_a_message(moderator_client, member):
    response = moderator_client.post(
        reverse("forum:moderate_member", kwargs={"pk": member.pk}),
        {"action": "suspend", "suspend-until": "2001-01-01"},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ForumSettings.objects.filter(suspended_until__isnull=False).exists()


def test_a_suspension_needs_either_days_or_a_date(moderator_client, member):
    response = moderator_client.post(
        reverse("forum:moderate_member", kwargs={"pk": member.pk}), {"action": "suspend"}
    )
    assert response.status_code == 200
    assert not ForumSettings.objects.filter(suspended_until__isnull=False).exists()


# -- the log and the decisions


ACTIONS = {
    ModerationAction.HIDE: lambda m, t, p, u: moderation.hide_post(p, m, "Grund"),
    ModerationAction.LOCK: lambda m, t, p, u: moderation.lock_thread(t, m, "Grund"),
    ModerationAction.PIN: lambda m, t, p, u: moderation.pin_thread(t, m, "Grund"),
    ModerationAction.MOVE: lambda m, t, p, u: moderation.move_thread(
        t, m, make_category("ziel", "members"), "Grund"
    ),
    ModerationAction.SPLIT: lambda m, t, p, u: moderation.split_thread(
        t, m, [p], title="Neu", category=t.category, note="Grund"
    ),
    ModerationAction.SUSPEND: lambda m, t, p, u: moderation.suspend_user(
        u, m, timezone.now() + timedelta(days=1), "Grund"
    ),
}


@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_action_is_logged_and_announced_after_commit(
    action, moderator, thread, replies, member, decisions, django_capture_on_commit_callbacks
):
    post = replies[0]
    with django_capture_on_commit_callbacks(execute=True):
        ACTIONS[action](moderator, thread, post, member)
    entry = ModerationLogEntry.objects.get()
    expected_target = thread.author if action in {"lock", "pin", "move"} else member
    assert (entry.action, entry.moderator, entry.target_user, entry.note) == (
        action,
        moderator,
        expected_target,
        "Grund",
    )
    assert [(d["action"], d["target_user"]) for d in decisions] == [(action, expected_target)]


def test_nothing_is_announced_when_the_transaction_does_not_commit(
    moderator, thread, decisions, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        moderation.lock_thread(thread, moderator)
    assert len(callbacks) == 1
    assert decisions == []


# -- pages


def moderation_urls(post, thread, user):
    return [
        ("get", reverse("forum:moderation_queue")),
        ("get", reverse("forum:moderation_log")),
        ("get", reverse("forum:post_history", kwargs={"pk": post.pk})),
        ("get", reverse("forum:move_thread", kwargs={"pk": thread.pk})),
        ("get", reverse("forum:split_thread", kwargs={"pk": thread.pk})),
        ("get", reverse("forum:moderate_member", kwargs={"pk": user.pk})),
        ("post", reverse("forum:moderate_post", kwargs={"pk": post.pk})),
        ("post", reverse("forum:moderate_thread", kwargs={"pk": thread.pk})),
    ]


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_non_moderators_get_404_on_every_moderation_page(client, who, member, thread, replies):
    if who == "member":
        client.force_login(member)
    for method, url in moderation_urls(replies[0], thread, member):
        response = getattr(client, method)(url, {"action": "hide"} if method == "post" else {})
        assert response.status_code == 404, url
    assert not Post.objects.filter(hidden=True).exists()


def test_the_queue_groups_flags_per_post_with_reasons_and_counts(
    moderator_client, member, replies, author
):
    moderation.flag_post(replies[0], author, FlagReason.SPAM, "Reine Werbung")
    moderation.flag_post(replies[0], UserFactory(username="olga"), FlagReason.SPAM)
    moderation.flag_post(replies[0], UserFactory(username="paul"), FlagReason.OFF_TOPIC)
    content = moderator_client.get(reverse("forum:moderation_queue")).content.decode()
    assert content.count('class="queue-item"') == 1
    assert "Reine Werbung" in content
    assert str(FlagReason.SPAM.label) in content
    assert '<span class="badge badge--warning">2</span>' in content


def test_the_queue_lists_posts_awaiting_approval(moderator_client, thread, replies):
    waiting_reply(thread, UserFactory(username="neu"), "Bitte freischalten")
    content = moderator_client.get(reverse("forum:moderation_queue")).content.decode()
    assert "Bitte freischalten" in content
    assert 'value="approve"' in content


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context)


def test_the_queue_needs_the_same_queries_however_long_it_is(
    moderator_client, thread, author, django_assert_max_num_queries
):
    def add_items(count, start=0):
        for number in range(start, start + count):
            post = reply(thread, author, f"Beitrag {number}")
            moderation.flag_post(post, UserFactory(username=f"melder{number}"), FlagReason.SPAM)
            waiting_reply(thread, UserFactory(username=f"neu{number}"))

    url = reverse("forum:moderation_queue")
    add_items(1)
    few = queries_for(moderator_client, url)
    add_items(11, start=1)
    with django_assert_max_num_queries(few):
        response = moderator_client.get(url)
    assert response.content.decode().count('class="queue-item"') == 24


def test_the_log_filters_by_action(moderator_client, moderator, thread):
    moderation.lock_thread(thread, moderator)
    moderation.pin_thread(thread, moderator)
    response = moderator_client.get(reverse("forum:moderation_log"), {"action": "pin"})
    rows = [entry.action for entry in response.context["entries"].object_list]
    assert rows == [ModerationAction.PIN]


def test_an_unknown_log_filter_shows_everything(moderator_client, moderator, thread):
    moderation.lock_thread(thread, moderator)
    response = moderator_client.get(reverse("forum:moderation_log"), {"action": "nonsense"})
    assert response.status_code == 200
    assert len(response.context["entries"].object_list) == 1


def test_the_log_needs_the_same_queries_however_long_it_is(
    moderator_client, moderator, thread, replies, django_assert_max_num_queries
):
    url = reverse("forum:moderation_log")
    moderation.lock_thread(thread, moderator)
    few = queries_for(moderator_client, url)
    for post in replies:
        moderation.hide_post(post, moderator, "weg")
        moderation.restore_post(post, moderator)
    moderation.move_thread(thread, moderator, make_category("ziel", "members"))
    moderation.warn_user(UserFactory(username="lena"), moderator, "Achtung")
    with django_assert_max_num_queries(few):
        response = moderator_client.get(url)
    assert len(response.context["entries"].object_list) == 9


def test_the_history_shows_earlier_texts_without_running_markup(
    moderator_client, moderator, replies
):
    PostRevision.objects.create(
        post=replies[0], source="Alt <script>alert(1)</script>", edited_by=moderator
    )
    Post.objects.filter(pk=replies[0].pk).update(edited_at=timezone.now())
    content = moderator_client.get(
        reverse("forum:post_history", kwargs={"pk": replies[0].pk})
    ).content.decode()
    assert "Alt" in content
    assert "<script>alert(1)" not in content


def test_a_moderator_hides_a_post_with_the_button_under_it(moderator_client, replies, thread):
    response = moderator_client.post(
        reverse("forum:moderate_post", kwargs={"pk": replies[0].pk}),
        {"action": "hide", "note": "Beleidigend"},
    )
    assert response.status_code == 302
    assert f"#post-{replies[0].number}" in response["Location"]
    assert ModerationLogEntry.objects.get().note == "Beleidigend"


def test_an_unknown_action_gets_a_message_and_changes_nothing(moderator_client, replies):
    response = moderator_client.post(
        reverse("forum:moderate_post", kwargs={"pk": replies[0].pk}), {"action": "explode"}
    )
    assert response.status_code == 302
    assert not ModerationLogEntry.objects.exists()


def test_a_reason_longer_than_allowed_is_refused(moderator_client, replies):
    moderator_client.post(
        reverse("forum:moderate_post", kwargs={"pk": replies[0].pk}),
        {"action": "hide", "note": "x" * 1001},
    )
    assert not Post.objects.filter(hidden=True).exists()


def test_a_next_address_on_another_site_is_ignored(moderator_client, replies):
    response = moderator_client.post(
        reverse("forum:moderate_post", kwargs={"pk": replies[0].pk}),
        {"action": "hide", "next": "https://example.com/"},
    )
    assert "example.com" not in response["Location"]


def test_a_moderator_locks_a_thread_with_the_toolbar(moderator_client, thread):
    moderator_client.post(
        reverse("forum:moderate_thread", kwargs={"pk": thread.pk}), {"action": "lock"}
    )
    assert Thread.objects.get(pk=thread.pk).locked


def test_a_moderator_moves_a_thread_through_the_form(moderator_client, thread, elsewhere):
    response = moderator_client.post(
        reverse("forum:move_thread", kwargs={"pk": thread.pk}), {"category": elsewhere.pk}
    )
    assert response.status_code == 302
    assert Thread.objects.get(pk=thread.pk).category == elsewhere


def test_a_moderator_splits_replies_off_through_the_form(moderator_client, thread, replies):
    response = moderator_client.post(
        reverse("forum:split_thread", kwargs={"pk": thread.pk}),
        {
            "posts": [replies[1].pk, replies[2].pk],
            "title": "Abgetrennt",
            "category": thread.category_id,
        },
    )
    created = Thread.objects.get(title="Abgetrennt")
    assert response["Location"] == created.get_absolute_url()
    assert created.posts.count() == 2


def test_a_split_without_chosen_replies_gets_a_message(moderator_client, thread, replies):
    response = moderator_client.post(
        reverse("forum:split_thread", kwargs={"pk": thread.pk}),
        {"title": "Abgetrennt", "category": thread.category_id},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert Thread.objects.count() == 1


def test_the_thread_shows_moderators_the_toolbar_and_flag_counts(
    moderator_client, member, thread, replies
):
    moderation.flag_post(replies[1], member, FlagReason.SPAM)
    content = moderator_client.get(thread.get_absolute_url()).content.decode()
    assert reverse("forum:moderate_thread", kwargs={"pk": thread.pk}) in content
    assert reverse("forum:split_thread", kwargs={"pk": thread.pk}) in content
    assert "post-moderation__flags" in content


def test_the_thread_shows_members_no_moderation_controls(member_client, thread, replies):
    content = member_client.get(thread.get_absolute_url()).content.decode()
    assert reverse("forum:moderate_thread", kwargs={"pk": thread.pk}) not in content
    assert 'value="hide"' not in content


def test_the_thread_links_moderators_to_the_history_of_edited_posts(
    moderator_client, thread, replies
):
    Post.objects.filter(pk=replies[0].pk).update(edited_at=timezone.now())
    content = moderator_client.get(thread.get_absolute_url()).content.decode()
    assert reverse("forum:post_history", kwargs={"pk": replies[0].pk}) in content
    assert reverse("forum:post_history", kwargs={"pk": replies[1].pk}) not in content
