import pytest
from django.urls import reverse

from forum.mentions import handles_in, mentions_in
from forum.models import Post, Thread
from forum.posting import reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(members_only, member):
    return start_thread(category=members_only, author=member, title="Frage", source="Erster")


def test_handles_are_found_but_email_addresses_are_not():
    assert handles_in("Hallo @Anna.Berg, schreib an info@olfen.de oder @duelmen.") == [
        "anna.berg",
        "duelmen",
    ]


def test_mentions_resolve_to_members_and_partners(member):
    UserFactory(username="anna")
    found = mentions_in("@anna und @olfen und @niemand")
    assert [u.username for u in found.users] == ["anna"]
    assert [p.slug for p in found.partners] == ["olfen"]


def test_a_mention_links_to_the_profile(thread, member):
    anna = UserFactory(username="anna")
    post = reply(thread, member, "Frag @anna")
    assert f'href="{anna.profile.get_absolute_url()}"' in post.html
    assert 'class="mention"' in post.html


def test_a_mention_inside_code_stays_text(thread, member):
    UserFactory(username="anna")
    assert "mention" not in reply(thread, member, "`@anna`").html


def test_an_unknown_handle_stays_plain_text(thread, member):
    assert "<a" not in reply(thread, member, "Hallo @niemand").html


def test_quoting_a_post_prefills_the_reply_with_its_text(client, member, thread):
    reply(thread, UserFactory(username="anna"), "Gute Frage.\nZweite Zeile")
    client.force_login(member)
    content = client.get(thread.get_absolute_url() + "?quote=2").content.decode()
    assert "@anna" in content and "&gt; Gute Frage.\n&gt; Zweite Zeile" in content


def test_a_quoting_reply_remembers_what_it_answers(client, member, thread):
    client.force_login(member)
    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}), {"source": "Genau", "reply_to": "1"}
    )
    assert Post.objects.get(thread=thread, number=2).reply_to.number == 1


def test_the_preview_shows_the_rendered_text_and_saves_nothing(client, member, thread):
    client.force_login(member)
    response = client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}), {"source": "**fett**", "preview": "1"}
    )
    assert "<strong>fett</strong>" in response.content.decode()
    assert thread.posts.count() == 1


def test_sending_the_same_reply_twice_saves_it_once(client, member, thread):
    client.force_login(member)
    url = reverse("forum:reply", kwargs={"pk": thread.pk})
    first = client.post(url, {"source": "Doppelt geklickt"})
    second = client.post(url, {"source": "Doppelt geklickt"})
    assert first["Location"] == second["Location"]
    assert thread.posts.count() == 2


def test_sending_the_same_thread_twice_creates_it_once(client, member, members_only):
    client.force_login(member)
    data = {"category": members_only.pk, "title": "Einmal", "source": "Text"}
    client.post(reverse("forum:new_thread"), data)
    client.post(reverse("forum:new_thread"), data)
    assert Thread.objects.filter(title="Einmal").count() == 1


def test_a_post_with_script_is_stored_as_harmless_text(client, member, thread):
    client.force_login(member)
    client.post(
        reverse("forum:reply", kwargs={"pk": thread.pk}),
        {"source": '<script>alert(1)</script> <img src=x onerror="alert(1)">'},
    )
    html = Post.objects.get(thread=thread, number=2).html
    assert "<script" not in html and "<img" not in html


def test_the_tag_page_lists_readable_threads_with_the_tag(client, member, members_only, group_only):
    start_thread(category=members_only, author=member, title="Mit Tag", source="x", tags=["E-Akte"])
    start_thread(
        category=group_only,
        author=UserFactory(username="ak", is_superuser=True),
        title="Geheim mit Tag",
        source="x",
        tags=["E-Akte"],
    )
    client.force_login(member)
    content = client.get(reverse("forum:tag", kwargs={"slug": "e-akte"})).content.decode()
    assert "Mit Tag" in content and "Geheim mit Tag" not in content
