import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum import listings
from forum.choices import (
    MembershipRole,
    MembershipStatus,
    ModerationAction,
    NotificationKind,
    WatchLevel,
)
from forum.context_processors import notifications as bell
from forum.groups import accept, request_to_join
from forum.models import ForumSettings, GroupMembership, Notification, Thread
from forum.notifications import notify_moderation, notify_post
from forum.signals import moderation_decision
from forum.solutions import mark_solution
from forum.watching import set_watch_level
from partners.roles import MODERATORS
from tests.factories import UserFactory
from tests.forum.notification_helpers import answer, committed, kinds_for, start

pytestmark = pytest.mark.django_db

Kind = NotificationKind


@pytest.fixture
def olaf(db):
    return UserFactory(username="olaf", partner_slug="olfen")


@pytest.fixture
def thread(members_only, member):
    return start(members_only, member)


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", partner_slug="kreis-coesfeld", groups=[MODERATORS])


# -- who is told -----------------------------------------------------------------------------


def test_the_author_of_the_post_replied_to_hears_of_the_reply(thread, member, olaf):
    first = thread.posts.get(number=1)
    set_watch_level(member, WatchLevel.NORMAL, thread=thread)
    answer(thread, olaf, reply_to=first)
    assert kinds_for(member) == [Kind.REPLY]


def test_nobody_is_told_of_their_own_post(thread, member):
    answer(thread, member, "Nachtrag", reply_to=thread.posts.get(number=1))
    assert kinds_for(member) == []


def test_the_thread_author_watches_and_hears_of_every_reply(thread, member, olaf):
    answer(thread, olaf)
    assert kinds_for(member) == [Kind.WATCHED]


def test_a_replier_tracks_and_hears_of_no_further_replies(thread, olaf):
    answer(thread, olaf, "Meine Antwort")
    answer(thread, UserFactory(username="paula"), "Noch eine Antwort")
    assert kinds_for(olaf) == []


def test_a_mentioned_member_is_told(thread, olaf):
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    assert kinds_for(olaf) == [Kind.MENTION]


def test_one_post_notifies_a_person_once_with_the_mention_winning(thread, member, olaf):
    answer(thread, olaf, "Danke, @mara!", reply_to=thread.posts.get(number=1))
    notification = Notification.objects.get(recipient=member)
    assert notification.kind == Kind.MENTION


def test_a_reply_wins_over_watching(thread, member, olaf):
    answer(thread, olaf, reply_to=thread.posts.get(number=1))
    assert kinds_for(member) == [Kind.REPLY]


def test_a_muted_thread_tells_nothing_even_of_mentions(thread, olaf):
    set_watch_level(olaf, WatchLevel.MUTED, thread=thread)
    answer(thread, UserFactory(username="paula"), "@olaf, bitte schauen Sie mal")
    assert kinds_for(olaf) == []


def test_a_muted_category_tells_nothing_of_its_threads(members_only, member, olaf):
    set_watch_level(olaf, WatchLevel.MUTED, category=members_only)
    start(members_only, member, source="Hallo @olaf")
    assert kinds_for(olaf) == []


def test_category_watchers_hear_of_new_threads(members_only, member, olaf):
    set_watch_level(olaf, WatchLevel.WATCHING, category=members_only)
    start(members_only, member)
    assert kinds_for(olaf) == [Kind.NEW_THREAD]


def test_category_trackers_do_not_hear_of_new_threads(members_only, member, olaf):
    set_watch_level(olaf, WatchLevel.TRACKING, category=members_only)
    start(members_only, member)
    assert kinds_for(olaf) == []


def test_tag_watchers_hear_of_new_threads_with_the_tag(members_only, member, olaf, thread):
    from taggit.models import Tag

    tag = Tag.objects.create(name="Glasfaser", slug="glasfaser")
    set_watch_level(olaf, WatchLevel.WATCHING, tag=tag)
    start(members_only, member, title="Ausbau", tags=["Glasfaser"])
    assert kinds_for(olaf) == [Kind.NEW_THREAD]


def test_category_watchers_hear_of_replies(thread, members_only, olaf):
    set_watch_level(olaf, WatchLevel.WATCHING, category=members_only)
    answer(thread, UserFactory(username="paula"))
    assert kinds_for(olaf) == [Kind.WATCHED]


def test_a_partner_mention_tells_its_people_who_allow_it(thread, member):
    willing = UserFactory(username="ole", partner_slug="olfen")
    unwilling = UserFactory(username="otto", partner_slug="olfen")
    ForumSettings.objects.create(user=unwilling, group_mentions=False)
    elsewhere = UserFactory(username="dora", partner_slug="duelmen")
    answer(thread, member, "Wie macht @olfen das?")
    assert (kinds_for(willing), kinds_for(unwilling), kinds_for(elsewhere)) == (
        [Kind.GROUP_MENTION],
        [],
        [],
    )


# -- mentions added by an edit --------------------------------------------------------------


def edit(post, editor, source):
    from forum.editing import edit_post

    return committed(edit_post, post, editor, source)


def test_a_member_mentioned_by_an_edit_is_told(thread, member, olaf):
    post = answer(thread, UserFactory(username="paula"), "Was meinen Sie?")
    edit(post, post.author, "Was meinen Sie, @olaf?")
    assert kinds_for(olaf) == [Kind.MENTION]


def test_a_member_mentioned_before_the_edit_is_not_told_again(thread, olaf):
    post = answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    edit(post, post.author, "Was meinen Sie, @olaf? Ergänzung: ab Montag.")
    assert kinds_for(olaf) == [Kind.MENTION]


def test_an_edit_that_adds_no_mention_tells_nobody(thread, member, olaf):
    post = answer(thread, olaf, "Erste Fassung")
    before = Notification.objects.count()
    edit(post, olaf, "Zweite Fassung")
    assert Notification.objects.count() == before


def test_a_mention_added_by_an_edit_reaches_only_those_who_may_read(group_only, group_member, olaf):
    thread = start(group_only, group_member, source="Entwurf")
    edit(thread.posts.get(number=1), group_member, "Entwurf für @olaf")
    assert kinds_for(olaf) == []


def test_a_partner_mention_added_by_an_edit_tells_its_people(thread, member):
    colleague = UserFactory(username="ole", partner_slug="olfen")
    post = answer(thread, member, "Wie machen andere das?")
    edit(post, member, "Wie macht @olfen das?")
    assert kinds_for(colleague) == [Kind.GROUP_MENTION]


# -- nobody hears of what they may not read ---------------------------------------------------


def test_a_public_thread_mention_reaches_a_member_of_another_partner(public, member, olaf):
    start(public, member, source="Hallo @olaf")
    assert kinds_for(olaf) == [Kind.MENTION]


def test_a_members_only_thread_mention_reaches_any_member(members_only, member, olaf):
    start(members_only, member, source="Hallo @olaf")
    assert kinds_for(olaf) == [Kind.MENTION]


def test_a_group_thread_mention_reaches_only_group_members(group_only, group_member, olaf):
    colleague = UserFactory(username="gabi")
    GroupMembership.objects.create(
        group=group_only.working_group, user=colleague, status=MembershipStatus.ACTIVE
    )
    start(group_only, group_member, source="@olaf und @gabi, bitte lesen")
    assert (kinds_for(olaf), kinds_for(colleague)) == ([], [Kind.MENTION])


def test_a_group_category_watcher_who_left_the_group_hears_nothing(group_only, group_member, olaf):
    set_watch_level(olaf, WatchLevel.WATCHING, category=group_only)
    start(group_only, group_member)
    assert kinds_for(olaf) == []


def test_a_hidden_thread_tells_only_moderators(thread, members_only, olaf, moderator):
    for person in (olaf, moderator):
        set_watch_level(person, WatchLevel.WATCHING, category=members_only)
    Thread.objects.filter(pk=thread.pk).update(hidden=True)
    post = thread.posts.get(number=1)
    post.pk, post.number = None, 2
    post.save()
    notify_post(post)
    assert (kinds_for(olaf), kinds_for(moderator)) == ([], [Kind.WATCHED])


def test_recipients_are_found_in_a_fixed_number_of_queries(members_only, member):
    def queries_for(watchers):
        for _ in range(watchers):
            set_watch_level(UserFactory(), WatchLevel.WATCHING, category=members_only)
        thread = start(members_only, member, title=f"Runde {watchers}", source=f"Text {watchers}")
        post = thread.posts.get(number=1)
        with CaptureQueriesContext(connection) as queries:
            notify_post(post, created_thread=True)
        return len(queries)

    assert queries_for(2) == queries_for(12)


# -- solutions, moderation, working groups ----------------------------------------------------


def test_the_author_of_the_solution_hears_of_it(members_only, member, olaf):
    question = start(members_only, member, is_question=True)
    solution = answer(question, olaf, "So geht es")
    committed(mark_solution, solution, member)
    assert Kind.SOLUTION in kinds_for(olaf)


def test_a_moderation_decision_tells_the_author_with_the_reason(thread, member, moderator):
    post = thread.posts.get(number=1)
    moderation_decision.send(
        sender=None,
        action=ModerationAction.EDIT,
        moderator=moderator,
        target_user=member,
        thread=thread,
        post=post,
        note="Telefonnummer entfernt",
    )
    notification = Notification.objects.get(recipient=member)
    assert (notification.kind, notification.note) == (Kind.MODERATION, "Telefonnummer entfernt")


def test_pinning_a_thread_tells_its_author_nothing(thread, member, moderator):
    notify_moderation(ModerationAction.PIN, moderator, member, thread=thread)
    assert kinds_for(member) == []


def test_a_moderation_notice_about_a_hidden_thread_keeps_no_link(thread, member, moderator):
    Thread.objects.filter(pk=thread.pk).update(hidden=True)
    thread.refresh_from_db()
    notify_moderation(ModerationAction.HIDE, moderator, member, thread=thread, note="Werbung")
    assert Notification.objects.get(recipient=member).thread is None


def test_group_moderators_hear_of_a_request_to_join(working_group, group_member, olaf):
    GroupMembership.objects.filter(user=group_member).update(role=MembershipRole.MODERATOR)
    committed(request_to_join, working_group, olaf)
    notification = Notification.objects.get(recipient=group_member)
    assert (notification.kind, notification.actor, notification.note) == (
        Kind.JOIN_REQUEST,
        olaf,
        working_group.name,
    )


def test_an_accepted_member_hears_of_it(working_group, group_member, olaf):
    GroupMembership.objects.filter(user=group_member).update(role=MembershipRole.MODERATOR)
    membership = committed(request_to_join, working_group, olaf)
    committed(accept, membership, group_member)
    assert kinds_for(olaf) == [Kind.JOINED]


# -- the bell and the list ---------------------------------------------------------------------


def _notify(recipient, thread, count=1):
    post = thread.posts.get(number=1)
    return [
        Notification.objects.create(
            recipient=recipient, kind=Kind.MENTION, actor=thread.author, thread=thread, post=post
        )
        for _ in range(count)
    ]


def test_the_bell_counts_unread_notifications_in_one_query(thread, olaf, django_assert_num_queries):
    _notify(olaf, thread, 3)
    request = RequestFactory().get("/")
    request.user = olaf
    count = bell(request)["forum_unread_notifications"]
    with django_assert_num_queries(1):
        assert (count(), count()) == (3, 3)


def test_the_bell_asks_nothing_for_visitors(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert bell(request) == {}


def test_the_header_shows_the_bell_with_the_unread_count(client, thread, olaf):
    _notify(olaf, thread, 2)
    client.force_login(olaf)
    html = client.get(reverse("forum:index")).content.decode()
    assert reverse("forum:notifications") in html
    assert '<span class="badge">2<span class="visually-hidden">' in html


def test_the_list_shows_newest_first_and_marks_unread(client, thread, olaf):
    older, newer = _notify(olaf, thread, 2)
    Notification.objects.filter(pk=older.pk).update(read_at=older.created_at)
    client.force_login(olaf)
    response = client.get(reverse("forum:notifications"))
    items = list(response.context["page_obj"].object_list)
    assert [n.pk for n in items] == [newer.pk, older.pk]
    assert response.content.decode().count("notification--unread") == 1


def test_the_list_says_what_happened(client, thread, olaf):
    _notify(olaf, thread)
    client.force_login(olaf)
    with translation.override("en"):
        html = client.get(reverse("forum:notifications")).content.decode()
    assert "Mara mentioned you in “Wie digitalisieren Sie Anträge?”." in html


def test_the_list_needs_a_fixed_number_of_queries(
    client, thread, olaf, django_assert_max_num_queries
):
    _notify(olaf, thread, 25)
    client.force_login(olaf)
    with django_assert_max_num_queries(18):
        client.get(reverse("forum:notifications"))


def test_the_list_hides_threads_the_member_can_no_longer_read(
    client, group_only, group_member, olaf
):
    secret = start(group_only, group_member)
    GroupMembership.objects.create(
        group=group_only.working_group, user=olaf, status=MembershipStatus.ACTIVE
    )
    _notify(olaf, secret)
    GroupMembership.objects.filter(user=olaf).delete()
    client.force_login(olaf)
    response = client.get(reverse("forum:notifications"))
    assert list(response.context["page_obj"].object_list) == []
    assert Notification.objects.get(recipient=olaf).read_at is not None


def test_opening_a_notification_marks_it_read_and_goes_to_the_post(
    client, thread, member, olaf, monkeypatch
):
    monkeypatch.setattr(listings, "POSTS_PER_PAGE", 2)
    answer(thread, UserFactory(username="paula"), "Zwei")
    third = answer(thread, member, "Drei, @olaf")
    notification = Notification.objects.get(recipient=olaf)
    client.force_login(olaf)
    response = client.get(reverse("forum:notification", kwargs={"pk": notification.pk}))
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{third.number}"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_cannot_be_opened(client, thread, olaf):
    (notification,) = _notify(olaf, thread)
    client.force_login(UserFactory(username="paula"))
    response = client.get(reverse("forum:notification", kwargs={"pk": notification.pk}))
    assert response.status_code == 404


def test_mark_all_read_marks_every_notification(client, thread, olaf):
    _notify(olaf, thread, 3)
    client.force_login(olaf)
    client.post(reverse("forum:notifications_read"))
    assert not Notification.objects.filter(recipient=olaf, read_at__isnull=True).exists()


def test_mark_all_read_needs_a_post(client, thread, olaf):
    _notify(olaf, thread)
    client.force_login(olaf)
    assert client.get(reverse("forum:notifications_read")).status_code == 405


def test_visitors_are_sent_to_log_in_for_the_list(client):
    response = client.get(reverse("forum:notifications"))
    assert response.status_code == 302
    assert "login" in response["Location"] or "anmelden" in response["Location"]
