import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from forum.choices import ReactionKind, Visibility
from forum.models import Reaction
from forum.posting import reply, start_thread
from partners.exports import export_for, register_export
from tests.factories import UserFactory
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(member):
    category = make_category("intern", Visibility.MEMBERS)
    colleague = UserFactory(username="ole", partner_slug="olfen")
    started = start_thread(category=category, author=member, title="E-Akte", source="Meine Frage")
    reply(started, colleague, "Antwort von Ole")
    return started


def download(client):
    response = client.get(reverse("partners:data_export_download"))
    return response, json.loads(response.content)


def test_the_export_contains_the_members_own_posts(member_client, thread):
    _response, data = download(member_client)
    posts = data["contributions"]["forum_posts"]
    assert [(p["thread_title"], p["number"], p["source"]) for p in posts] == [
        ("E-Akte", 1, "Meine Frage")
    ]
    assert posts[0]["thread_url"].endswith(thread.get_absolute_url())


def test_the_export_leaves_out_what_others_wrote(member_client, thread):
    response, _data = download(member_client)
    assert "Antwort von Ole" not in response.content.decode()


def test_the_export_contains_threads_started_and_reactions(member_client, member, thread):
    Reaction.objects.create(post=thread.posts.get(number=2), user=member, kind=ReactionKind.THANKS)
    _response, data = download(member_client)
    assert [t["title"] for t in data["contributions"]["forum_threads"]] == ["E-Akte"]
    assert [r["kind"] for r in data["contributions"]["forum_reactions"]] == ["thanks"]


def test_the_export_contains_account_and_profile(member_client, member):
    member.profile.department = "Bauamt"
    member.profile.save()
    member.profile.expertise.add("GIS")
    _response, data = download(member_client)
    assert data["account"]["username"] == "mara"
    assert data["account"]["email_addresses"] == [
        {"email": member.email, "verified": True, "primary": True}
    ]
    assert data["profile"]["partner"] == {"name": "Dülmen", "slug": "duelmen"}
    assert (data["profile"]["department"], data["profile"]["expertise"]) == ("Bauamt", ["GIS"])


def test_the_export_is_a_json_download_named_with_the_date(member_client):
    response, _data = download(member_client)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="wissensnetz-mara-{timezone.localdate():%Y-%m-%d}.json"'
    )
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", ["partners:data_export", "partners:data_export_download"])
def test_the_export_requires_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_the_export_page_offers_the_download(member_client):
    html = member_client.get(reverse("partners:data_export")).content.decode()
    assert reverse("partners:data_export_download") in html


def test_a_second_collector_cannot_take_a_registered_name():
    with pytest.raises(ImproperlyConfigured):
        register_export("forum_posts", lambda user: [])


def test_export_for_gathers_every_registered_contribution(member):
    assert {"forum_posts", "forum_threads", "forum_reactions"} <= set(
        export_for(member)["contributions"]
    )
