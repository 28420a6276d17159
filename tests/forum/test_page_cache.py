"""Visitors get forum pages from the page cache; a change in the forum reaches them at once."""

import pytest

from forum import moderation
from forum.posting import reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", groups=["Forum-Moderation"])


@pytest.fixture
def thread(public, member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return start_thread(
            category=public, author=member, title="Breitband im Außenbereich", source="Wer weiß?"
        )


def visitor_sees(client, thread) -> str:
    return client.get(thread.get_absolute_url()).content.decode()


def test_a_reply_reaches_visitors_of_a_cached_thread_at_once(
    client, thread, member, django_capture_on_commit_callbacks
):
    visitor_sees(client, thread)
    with django_capture_on_commit_callbacks(execute=True):
        reply(thread, member, "Der Kreis fördert Glasfaser bis zur Hofstelle.")
    assert "Hofstelle" in visitor_sees(client, thread)


def test_a_hidden_reply_disappears_from_a_cached_thread_at_once(
    client, thread, member, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answer = reply(thread, member, "Werbung für Kabelanbieter Nordwest")
    assert "Kabelanbieter" in visitor_sees(client, thread)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide_post(answer, moderator)
    assert "Kabelanbieter" not in visitor_sees(client, thread)


def test_a_thread_moved_to_members_disappears_for_visitors_at_once(
    client, thread, members_only, moderator, django_capture_on_commit_callbacks
):
    assert client.get(thread.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        moderation.move_thread(thread, moderator, members_only)
    assert client.get(thread.get_absolute_url()).status_code != 200
