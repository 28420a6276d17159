import pytest
from django.urls import reverse

from forum.editing import delete_own_post, edit_post
from forum.models import PostRevision, Thread
from forum.posting import PostingError, reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(members_only, member):
    return start_thread(category=members_only, author=member, title="Frage", source="Erste Fassung")


@pytest.fixture
def answer(thread, member):
    return reply(thread, member, "Meine Antwort")


def test_an_author_edits_their_post_and_the_old_text_is_kept(answer, member):
    edit_post(answer, member, "Verbesserte Antwort")
    answer.refresh_from_db()
    assert answer.source == "Verbesserte Antwort" and answer.edited_at is not None
    assert PostRevision.objects.get(post=answer).source == "Meine Antwort"


def test_an_edited_post_is_marked_as_edited(client, member, answer):
    edit_post(answer, member, "Verbesserte Antwort")
    client.force_login(member)
    assert "bearbeitet" in client.get(answer.thread.get_absolute_url()).content.decode()


def test_saving_unchanged_text_keeps_no_revision(answer, member):
    assert edit_post(answer, member, "Meine Antwort") is False
    assert not PostRevision.objects.exists()


def test_nobody_edits_someone_elses_post(answer):
    with pytest.raises(PostingError):
        edit_post(answer, UserFactory(username="fremd"), "Übernommen")


def test_moderators_edit_any_post(answer):
    moderator = UserFactory(username="moritz", groups=["Forum-Moderation"])
    assert edit_post(answer, moderator, "Moderiert") is True


def test_the_edit_page_refuses_an_empty_text_and_keeps_the_post(client, member, answer):
    client.force_login(member)
    response = client.post(reverse("forum:edit", kwargs={"pk": answer.pk}), {"source": " "})
    assert response.status_code == 200
    answer.refresh_from_db()
    assert answer.source == "Meine Antwort"


def test_someone_else_cannot_open_the_edit_page(client, answer):
    client.force_login(UserFactory(username="fremd"))
    assert client.get(reverse("forum:edit", kwargs={"pk": answer.pk})).status_code == 404


def test_deleting_a_reply_keeps_its_place_and_corrects_the_counts(answer, member):
    delete_own_post(answer, member)
    thread = Thread.objects.get(pk=answer.thread_id)
    assert thread.post_count == 1
    answer.refresh_from_db()
    assert answer.deleted


def test_deleting_twice_counts_once(answer, member):
    delete_own_post(answer, member)
    assert delete_own_post(answer, member) is False
    assert Thread.objects.get(pk=answer.thread_id).post_count == 1


def test_the_first_post_is_not_deleted_alone(thread, member):
    with pytest.raises(PostingError):
        delete_own_post(thread.posts.get(number=1), member)


def test_the_delete_page_asks_first_then_deletes(client, member, answer):
    client.force_login(member)
    url = reverse("forum:delete", kwargs={"pk": answer.pk})
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    content = client.get(answer.thread.get_absolute_url()).content.decode()
    assert "vom Verfasser gelöscht" in content and "Meine Antwort" not in content


def test_no_edits_in_a_locked_thread(answer, member):
    Thread.objects.filter(pk=answer.thread_id).update(locked=True)
    answer.refresh_from_db()
    with pytest.raises(PostingError):
        edit_post(answer, member, "Zu spät")
