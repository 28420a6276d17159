"""A suspended member changes nothing in the forum: every write is refused, one test each."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import moderation
from forum.choices import FlagReason, MembershipRole, MembershipStatus, WatchLevel
from forum.editing import delete_own_post, edit_post
from forum.models import (
    Flag,
    ForumSettings,
    GroupMembership,
    Post,
    Reaction,
    Thread,
    Watch,
    WorkingGroup,
)
from forum.posting import PostingError, reply, start_thread
from forum.reactions import toggle_reaction
from forum.solutions import mark_solution, unmark_solution
from partners.roles import MODERATORS
from tests.factories import ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Ihr Konto ist gesperrt bis"


@pytest.fixture
def question(members_only, member):
    return start_thread(
        category=members_only, author=member, title="Wie scannen?", source="Frage", is_question=True
    )


@pytest.fixture
def answer(question):
    return reply(question, UserFactory(username="antje", partner_slug="olfen"), "So geht es")


@pytest.fixture
def own_reply(question, answer, member):
    return reply(question, member, "Danke, probiere ich")


@pytest.fixture
def suspend():
    moderator = UserFactory(username="moritz", groups=[MODERATORS])

    def suspend(user):
        moderation.suspend_user(user, moderator, timezone.now() + timedelta(days=3))

    return suspend


@pytest.fixture
def suspended_client(member_client, member, own_reply, suspend):
    """A member with a question, a reply of theirs and an answer to it, then suspended."""
    suspend(member)
    return member_client


def post_url(name, post, **data):
    return reverse(f"forum:{name}", kwargs={"pk": post.pk})


def assert_refused(response):
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()


# -- every write a member makes is refused, and nothing changes


def test_a_suspended_member_cannot_start_a_thread(suspended_client, members_only):
    response = suspended_client.post(
        reverse("forum:new_thread"),
        {"category": members_only.pk, "title": "Trotzdem", "source": "Text"},
    )
    assert_refused(response)
    assert Thread.objects.count() == 1


def test_a_suspended_member_is_told_at_once_instead_of_seeing_the_new_thread_form(
    suspended_client,
):
    assert_refused(suspended_client.get(reverse("forum:new_thread")))


def test_a_suspended_member_cannot_reply(suspended_client, question):
    response = suspended_client.post(
        reverse("forum:reply", kwargs={"pk": question.pk}), {"source": "Trotzdem"}
    )
    assert_refused(response)
    assert Post.objects.filter(thread=question).count() == 3


def test_a_suspended_member_cannot_edit_their_post(suspended_client, own_reply):
    response = suspended_client.post(post_url("edit", own_reply), {"source": "Geändert"})
    assert_refused(response)
    own_reply.refresh_from_db()
    assert (own_reply.source, own_reply.edited_at) == ("Danke, probiere ich", None)


def test_a_suspended_member_cannot_delete_their_post(suspended_client, own_reply):
    assert_refused(suspended_client.post(post_url("delete", own_reply)))
    own_reply.refresh_from_db()
    assert not own_reply.deleted


def test_a_suspended_member_cannot_react(suspended_client, answer):
    assert_refused(suspended_client.post(post_url("react", answer), {"kind": "like"}))
    assert not Reaction.objects.exists()


def test_a_suspended_member_cannot_take_a_reaction_back(member, answer, suspend, member_client):
    toggle_reaction(answer, member, "like")
    suspend(member)
    assert_refused(member_client.post(post_url("react", answer), {"kind": "like"}))
    assert Reaction.objects.filter(post=answer, user=member).exists()


def test_a_suspended_member_cannot_mark_a_solution(suspended_client, question, answer):
    assert_refused(suspended_client.post(post_url("solution", answer)))
    question.refresh_from_db()
    assert question.solution_id is None


def test_a_suspended_member_cannot_open_their_question_again(
    member, question, answer, suspend, member_client
):
    mark_solution(answer, member)
    suspend(member)
    assert_refused(member_client.post(post_url("solution", answer), {"undo": "1"}))
    question.refresh_from_db()
    assert question.solution_id == answer.pk


def test_a_suspended_member_cannot_flag_a_post(suspended_client, answer):
    response = suspended_client.post(post_url("flag_post", answer), {"reason": FlagReason.SPAM})
    assert_refused(response)
    assert not Flag.objects.exists()


def test_a_suspended_member_cannot_ask_to_join_a_working_group(suspended_client, working_group):
    response = suspended_client.post(
        reverse("forum:group_join", kwargs={"slug": working_group.slug})
    )
    assert_refused(response)
    assert not GroupMembership.objects.exists()


def test_a_suspended_group_moderator_cannot_accept_a_request_to_join(
    member, member_client, working_group, suspend
):
    GroupMembership.objects.create(
        group=working_group,
        user=member,
        role=MembershipRole.MODERATOR,
        status=MembershipStatus.ACTIVE,
    )
    asking = GroupMembership.objects.create(
        group=working_group, user=UserFactory(username="anton"), status=MembershipStatus.REQUESTED
    )
    suspend(member)
    response = member_client.post(
        reverse("forum:group_decide", kwargs={"slug": working_group.slug, "pk": asking.pk}),
        {"decision": "accept"},
    )
    assert_refused(response)
    asking.refresh_from_db()
    assert asking.status == MembershipStatus.REQUESTED


def test_a_suspended_member_cannot_start_the_discussion_of_a_library_page(
    member, member_client, library, suspend
):
    article = ArticlePageFactory(title="Digitale Bauakte")
    suspend(member)
    response = member_client.post(
        reverse("forum:discuss", kwargs={"page_id": article.pk}), {"source": "Wie lief das?"}
    )
    assert_refused(response)
    assert not Thread.objects.exists()


def test_a_script_asking_for_json_gets_the_refusal_as_json(suspended_client, answer):
    response = suspended_client.post(
        post_url("react", answer), {"kind": "like"}, headers={"accept": "application/json"}
    )
    assert response.status_code == 403
    assert response.json()["error"].startswith(REFUSAL)


# -- the services refuse too, whoever calls them


@pytest.mark.parametrize(
    "action",
    [
        lambda member, question, answer, own_reply: reply(question, member, "Trotzdem"),
        lambda member, question, answer, own_reply: edit_post(own_reply, member, "Geändert"),
        lambda member, question, answer, own_reply: delete_own_post(own_reply, member),
        lambda member, question, answer, own_reply: toggle_reaction(answer, member, "like"),
        lambda member, question, answer, own_reply: mark_solution(answer, member),
        lambda member, question, answer, own_reply: unmark_solution(question, member),
    ],
    ids=["reply", "edit", "delete", "react", "mark_solution", "unmark_solution"],
)
def test_each_forum_service_refuses_a_suspended_member_with_the_reason(
    action, member, question, answer, own_reply, suspend
):
    suspend(member)
    with pytest.raises(PostingError, match=REFUSAL):
        action(member, question, answer, own_reply)


# -- what stays allowed: it changes nothing others see


def test_a_suspended_member_still_chooses_how_closely_to_watch_a_thread(
    suspended_client, member, question
):
    suspended_client.post(
        reverse("forum:watch_thread", kwargs={"pk": question.pk}), {"level": "muted"}
    )
    assert Watch.objects.get(user=member, thread=question).level == WatchLevel.MUTED


def test_a_suspended_member_still_changes_their_notification_settings(suspended_client, member):
    suspended_client.post(
        reverse("forum:settings"),
        {"email_mode": "off", "group_mentions": "", "expert_questions": ""},
    )
    standing = ForumSettings.objects.get(user=member)
    assert (standing.email_mode, standing.suspended_until is not None) == ("off", True)


def test_a_suspended_member_still_leaves_a_working_group(member, member_client, suspend):
    group = WorkingGroup.objects.create(name="Arbeitskreis Daten", slug="daten")
    GroupMembership.objects.create(group=group, user=member, status=MembershipStatus.ACTIVE)
    suspend(member)
    member_client.post(reverse("forum:group_leave", kwargs={"slug": group.slug}))
    assert not GroupMembership.objects.filter(user=member).exists()


def test_a_member_whose_suspension_has_ended_reacts_again(member_client, member, answer):
    ForumSettings.objects.update_or_create(
        user=member, defaults={"suspended_until": timezone.now() - timedelta(minutes=1)}
    )
    member_client.post(post_url("react", answer), {"kind": "like"})
    assert Reaction.objects.filter(post=answer, user=member).exists()


# -- the buttons of what is refused are not offered


def test_a_suspended_member_sees_the_reason_instead_of_the_reply_form(suspended_client, question):
    page = suspended_client.get(question.get_absolute_url()).content.decode()
    assert REFUSAL in page
    assert reverse("forum:reply", kwargs={"pk": question.pk}) not in page


def test_a_suspended_member_is_offered_no_reaction_buttons(suspended_client, question, answer):
    page = suspended_client.get(question.get_absolute_url()).content.decode()
    assert post_url("react", answer) not in page


def test_a_suspended_member_is_offered_no_edit_link_for_their_post(
    suspended_client, question, own_reply
):
    page = suspended_client.get(question.get_absolute_url()).content.decode()
    assert post_url("edit", own_reply) not in page


def test_a_suspended_member_is_offered_no_solution_button(suspended_client, question, answer):
    page = suspended_client.get(question.get_absolute_url()).content.decode()
    assert post_url("solution", answer) not in page


def test_a_suspended_member_is_offered_no_flag_link(suspended_client, question, answer):
    page = suspended_client.get(question.get_absolute_url()).content.decode()
    assert post_url("flag_post", answer) not in page


def test_a_suspended_member_is_offered_no_new_thread_button(suspended_client, members_only):
    page = suspended_client.get(members_only.get_absolute_url()).content.decode()
    assert reverse("forum:new_thread") not in page


def test_an_active_member_is_offered_the_new_thread_button(member_client, members_only):
    page = member_client.get(members_only.get_absolute_url()).content.decode()
    assert reverse("forum:new_thread") in page
