import pytest
from django.urls import reverse

from forum.models import Reaction, Thread
from forum.posting import PostingError, reply, start_thread
from forum.reactions import helpful_count, toggle_reaction
from forum.solutions import mark_solution
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(members_only, member):
    return start_thread(
        category=members_only, author=member, title="Wie scannen?", source="Frage", is_question=True
    )


@pytest.fixture
def answer(question):
    return reply(question, UserFactory(username="antje", partner_slug="olfen"), "So geht es")


def test_a_reaction_is_set_and_taken_back_by_a_second_click(answer, member):
    assert toggle_reaction(answer, member, "helpful") is True
    assert toggle_reaction(answer, member, "helpful") is False
    assert not Reaction.objects.exists()


def test_a_member_has_one_reaction_per_kind_but_may_use_several_kinds(answer, member):
    toggle_reaction(answer, member, "like")
    toggle_reaction(answer, member, "helpful")
    assert Reaction.objects.filter(post=answer, user=member).count() == 2


def test_nobody_reacts_to_their_own_post(answer):
    with pytest.raises(PostingError):
        toggle_reaction(answer, answer.author, "like")


def test_an_unknown_reaction_is_refused(answer, member):
    with pytest.raises(PostingError):
        toggle_reaction(answer, member, "<script>")


def test_helpful_reactions_count_for_the_author(answer, member):
    toggle_reaction(answer, member, "helpful")
    toggle_reaction(answer, UserFactory(username="dritte"), "helpful")
    assert helpful_count(answer.author) == 2


def test_reacting_through_the_page_returns_to_the_post(client, member, answer):
    client.force_login(member)
    response = client.post(reverse("forum:react", kwargs={"pk": answer.pk}), {"kind": "like"})
    assert response["Location"].endswith("#post-2")
    assert "icon--like" in client.get(response["Location"]).content.decode()


def test_a_visitor_cannot_react(client, answer):
    response = client.post(reverse("forum:react", kwargs={"pk": answer.pk}), {"kind": "like"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Reaction.objects.exists()


def test_the_author_of_a_question_marks_the_solution(question, answer, member):
    mark_solution(answer, member)
    question.refresh_from_db()
    assert question.solution == answer


def test_a_moderator_marks_the_solution(question, answer):
    mark_solution(answer, UserFactory(username="mod", groups=["Forum-Moderation"]))
    assert Thread.objects.get(pk=question.pk).solution == answer


def test_another_member_cannot_mark_the_solution(question, answer):
    with pytest.raises(PostingError):
        mark_solution(answer, UserFactory(username="neugierig"))


def test_the_question_itself_is_no_solution(question, member):
    with pytest.raises(PostingError):
        mark_solution(question.posts.get(number=1), member)


def test_the_solution_is_shown_under_the_question(client, member, question, answer):
    client.force_login(member)
    client.post(reverse("forum:solution", kwargs={"pk": answer.pk}))
    content = client.get(question.get_absolute_url()).content.decode()
    assert 'id="solution-heading"' in content and content.index("So geht es") < content.index(
        'id="post-1"'
    )


def test_unsolved_questions_can_be_listed_alone(client, member, members_only, question, answer):
    solved = start_thread(
        category=members_only, author=member, title="Gelöst", source="F", is_question=True
    )
    mark_solution(reply(solved, answer.author, "Lösung"), member)
    client.force_login(member)
    url = reverse("forum:category", kwargs={"slug": members_only.slug}) + "?sort=unsolved"
    content = client.get(url).content.decode()
    assert "Wie scannen?" in content and "Gelöst" not in content
