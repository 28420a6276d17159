import pytest

from forum.posting import start_thread
from kb.activity import recent_activity
from tests.factories import UserFactory, partner

pytestmark = pytest.mark.django_db


def test_a_partner_shows_the_threads_its_people_took_part_in(public):
    author = UserFactory(username="olga", partner_slug="olfen")
    start_thread(category=public, author=author, title="Aus Olfen", source="x")
    titles = [item["title"] for item in recent_activity(partner("olfen"), author)]
    assert titles == ["Aus Olfen"]


def test_visitors_see_no_members_only_activity_on_a_partner_page(client, members_only):
    from django.contrib.auth.models import AnonymousUser

    start_thread(
        category=members_only,
        author=UserFactory(username="olga", partner_slug="olfen"),
        title="Intern",
        source="x",
    )
    assert recent_activity(partner("olfen"), AnonymousUser()) == []


def test_the_partner_page_lists_recent_forum_threads(client, member, public, library):
    from tests.factories import partner_page

    page = partner_page("duelmen")
    start_thread(category=public, author=member, title="Frage aus Dülmen", source="x")
    client.force_login(member)
    assert "Frage aus Dülmen" in client.get(page.url).content.decode()
