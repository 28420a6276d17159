import pytest
from django.urls import reverse

from forum.markdown import render
from forum.models import Post, Thread
from forum.posting import PostingError, reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(members_only, member):
    return start_thread(
        category=members_only, author=member, title="Frage", source="Erster Beitrag"
    )


def test_starting_a_thread_counts_it_in_its_category(members_only, thread):
    members_only.refresh_from_db()
    assert (members_only.thread_count, members_only.post_count) == (1, 1)


def test_replies_are_numbered_and_counted(thread, member):
    reply(thread, member, "Zweiter")
    reply(thread, member, "Dritter")
    thread.refresh_from_db()
    assert list(thread.posts.values_list("number", flat=True)) == [1, 2, 3]
    assert (thread.post_count, thread.reply_count, thread.last_poster) == (3, 2, member)


def test_a_member_starts_a_thread_through_the_form(client, member, members_only):
    client.force_login(member)
    response = client.post(
        reverse("forum:new_thread"),
        {
            "category": members_only.pk,
            "title": "Neue Frage",
            "source": "Text",
            "tags": "E-Akte, Scanner",
        },
    )
    thread = Thread.objects.get(title="Neue Frage")
    assert response["Location"] == thread.get_absolute_url()
    assert set(thread.tags.names()) == {"E-Akte", "Scanner"}


def test_a_reply_through_the_form_lands_on_its_post(client, member, thread):
    client.force_login(member)
    response = client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"source": "Antwort"})
    assert response["Location"].endswith("#post-2")


def test_an_empty_reply_gets_a_message_and_saves_nothing(client, member, thread):
    client.force_login(member)
    response = client.post(reverse("forum:reply", kwargs={"pk": thread.pk}), {"source": "   "})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert thread.posts.count() == 1


def test_a_reply_of_a_megabyte_is_refused_with_a_message(client, member, thread):
    client.force_login(member)
    response = client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}), {"source": "x" * 1_000_000}
    )
    assert response.status_code == 200
    assert thread.posts.count() == 1


def test_a_locked_thread_takes_no_replies(thread, member):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    thread.refresh_from_db()
    with pytest.raises(PostingError):
        reply(thread, member, "Noch etwas")


def test_moderators_may_still_reply_in_a_locked_thread(thread):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    thread.refresh_from_db()
    moderator = UserFactory(username="moritz", groups=["Forum-Moderation"])
    assert reply(thread, moderator, "Abschließender Hinweis").number == 2


def test_a_deleted_account_leaves_its_posts_as_former_member(client, member, thread):
    reply(thread, UserFactory(username="gast"), "Bleibt stehen")
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(username="gast").delete()
    client.force_login(member)
    content = client.get(thread.get_absolute_url()).content.decode()
    assert "Bleibt stehen" in content and "Ehemaliges Mitglied" in content


def elements(html: str) -> list[tuple[str, dict]]:
    from html.parser import HTMLParser

    found = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    Collector().feed(html)
    return found


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        "[klick](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
        "<iframe src='https://example.com'></iframe>",
        '<a href="javascript:alert(1)" onclick="x()">a</a>',
    ],
)
def test_markdown_never_lets_markup_run(source):
    for tag, attributes in elements(render(source)):
        assert tag not in {"script", "iframe", "img", "object", "embed"}
        assert not [name for name in attributes if name.startswith("on")]
        assert not attributes.get("href", "").lower().startswith("javascript:")


def test_links_in_posts_are_marked_user_generated():
    assert 'rel="nofollow ugc noopener"' in render("[Amt](https://www.olfen.de)")


def test_broken_markdown_still_renders():
    assert render("**halb fett\n\n> zitat\n- liste") != ""


def test_post_numbers_stay_unique_when_replies_race(thread, member):
    posts = [reply(thread, member, f"Antwort {n}") for n in range(5)]
    assert len({post.number for post in posts}) == 5
    assert Post.objects.filter(thread=thread).count() == 6


def test_the_thread_page_renders_with_a_fixed_number_of_queries(client, member, thread):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(member)

    def count():
        client.get(thread.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            client.get(thread.get_absolute_url())
        return len(queries)

    few = count()
    for number in range(15):
        reply(thread, UserFactory(username=f"person-x{number}"), f"Antwort {number}")
    assert count() == few
