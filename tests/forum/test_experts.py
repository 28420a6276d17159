import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from forum.choices import MembershipStatus, NotificationKind, WatchLevel
from forum.models import ForumSettings, GroupMembership, Thread
from forum.notifications import remind_unanswered, unanswered_questions
from forum.solutions import mark_solution
from forum.watching import set_watch_level
from partners.roles import MODERATORS
from tests.factories import UserFactory
from tests.forum.notification_helpers import answer, committed, kinds_for, start

pytestmark = pytest.mark.django_db

Kind = NotificationKind


@pytest.fixture
def expert(db):
    person = UserFactory(username="erika", partner_slug="nottuln")
    person.profile.expertise.add("e-akte")
    return person


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", partner_slug="kreis-coesfeld", groups=[MODERATORS])


def ask(category, author, **kw):
    return start(category, author, is_question=True, tags=["E-Akte"], **kw)


def age(thread, days):
    Thread.objects.filter(pk=thread.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_experts_for_a_tag_hear_of_a_question_with_it_ignoring_case(members_only, member, expert):
    ask(members_only, member)
    assert kinds_for(expert) == [Kind.EXPERT_QUESTION]


def test_experts_who_declined_expert_questions_hear_nothing(members_only, member, expert):
    ForumSettings.objects.create(user=expert, expert_questions=False)
    ask(members_only, member)
    assert kinds_for(expert) == []


def test_a_discussion_that_is_no_question_goes_to_no_expert(members_only, member, expert):
    start(members_only, member, tags=["E-Akte"])
    assert kinds_for(expert) == []


def test_an_expert_who_may_not_read_the_question_hears_nothing(group_only, group_member, expert):
    ask(group_only, group_member)
    assert kinds_for(expert) == []


def test_an_expert_in_the_working_group_hears_of_its_question(group_only, group_member, expert):
    GroupMembership.objects.create(
        group=group_only.working_group, user=expert, status=MembershipStatus.ACTIVE
    )
    ask(group_only, group_member)
    assert kinds_for(expert) == [Kind.EXPERT_QUESTION]


def test_an_expert_who_muted_the_category_hears_nothing(members_only, member, expert):
    set_watch_level(expert, WatchLevel.MUTED, category=members_only)
    ask(members_only, member)
    assert kinds_for(expert) == []


def test_an_old_unanswered_question_comes_back_to_experts_and_moderators(
    members_only, member, expert, moderator, settings
):
    settings.FORUM_UNANSWERED_AFTER_DAYS = 3
    question = ask(members_only, member)
    age(question, 4)
    assert committed(remind_unanswered) == 1
    assert (kinds_for(expert), kinds_for(moderator)) == (
        [Kind.UNANSWERED, Kind.EXPERT_QUESTION],
        [Kind.UNANSWERED],
    )


def test_a_question_is_brought_back_only_once(members_only, member, moderator):
    question = ask(members_only, member)
    age(question, 30)
    committed(remind_unanswered)
    assert committed(remind_unanswered) == 0
    assert kinds_for(moderator) == [Kind.UNANSWERED]


def test_reminding_records_when(members_only, member, moderator):
    question = ask(members_only, member)
    age(question, 30)
    committed(remind_unanswered)
    question.refresh_from_db()
    assert question.reminded_at is not None


def test_a_recent_question_is_not_brought_back(members_only, member, moderator, settings):
    settings.FORUM_UNANSWERED_AFTER_DAYS = 3
    question = ask(members_only, member)
    age(question, 2)
    assert committed(remind_unanswered) == 0


def test_an_answered_question_is_not_brought_back(members_only, member, moderator):
    question = ask(members_only, member)
    answer(question, UserFactory(username="paula"), "Versuchen Sie es so")
    age(question, 30)
    assert committed(remind_unanswered) == 0


def test_a_solved_question_is_not_brought_back(members_only, member, moderator):
    question = ask(members_only, member)
    solution = answer(question, UserFactory(username="paula"), "Versuchen Sie es so")
    committed(mark_solution, solution, member)
    Thread.objects.filter(pk=question.pk).update(post_count=1)
    age(question, 30)
    assert committed(remind_unanswered) == 0


def test_the_reminder_command_brings_questions_back(members_only, member, moderator):
    question = ask(members_only, member)
    age(question, 30)
    output = io.StringIO()
    call_command("forum_remind_unanswered", stdout=output)
    assert output.getvalue().startswith("1 ")
    assert kinds_for(moderator) == [Kind.UNANSWERED]


def test_questions_without_an_answer_lists_only_readable_open_questions(
    members_only, group_only, group_member, member
):
    open_question = ask(members_only, member, title="Offen")
    ask(group_only, group_member, title="Im Arbeitskreis")
    answered = ask(members_only, member, title="Beantwortet", source="Andere Frage")
    answer(answered, group_member, "Antwort")
    start(members_only, member, title="Keine Frage", source="Nur ein Hinweis")
    assert list(unanswered_questions(member)) == [open_question]
