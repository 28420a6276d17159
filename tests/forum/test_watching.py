import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from taggit.models import Tag

from forum.choices import WatchLevel
from forum.models import Watch
from forum.watching import effective_level, set_watch_level
from tests.factories import UserFactory
from tests.forum.notification_helpers import answer, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(members_only, member):
    return start(members_only, member, tags=["E-Akte", "Scanner"])


@pytest.fixture
def olaf(db):
    return UserFactory(username="olaf", partner_slug="olfen")


def test_authors_watch_the_threads_they_start(thread, member):
    assert Watch.objects.get(user=member, thread=thread).level == WatchLevel.WATCHING


def test_repliers_track_the_thread(thread, olaf):
    answer(thread, olaf)
    assert Watch.objects.get(user=olaf, thread=thread).level == WatchLevel.TRACKING


def test_replying_keeps_a_level_the_member_chose(thread, olaf):
    set_watch_level(olaf, WatchLevel.MUTED, thread=thread)
    answer(thread, olaf)
    assert Watch.objects.get(user=olaf, thread=thread).level == WatchLevel.MUTED


def test_without_any_watch_the_level_is_normal(thread, olaf):
    assert effective_level(olaf, thread) == WatchLevel.NORMAL


def test_a_watched_category_makes_its_threads_watched(thread, olaf, members_only):
    set_watch_level(olaf, WatchLevel.WATCHING, category=members_only)
    assert effective_level(olaf, thread) == WatchLevel.WATCHING


def test_a_thread_level_beats_the_category_level(thread, olaf, members_only):
    set_watch_level(olaf, WatchLevel.WATCHING, category=members_only)
    set_watch_level(olaf, WatchLevel.NORMAL, thread=thread)
    assert effective_level(olaf, thread) == WatchLevel.NORMAL


def test_a_tag_level_beats_the_category_level(thread, olaf, members_only):
    set_watch_level(olaf, WatchLevel.MUTED, category=members_only)
    set_watch_level(olaf, WatchLevel.TRACKING, tag=Tag.objects.get(name="Scanner"))
    assert effective_level(olaf, thread) == WatchLevel.TRACKING


def test_of_several_tags_the_most_attentive_level_counts(thread, olaf):
    set_watch_level(olaf, WatchLevel.MUTED, tag=Tag.objects.get(name="Scanner"))
    set_watch_level(olaf, WatchLevel.WATCHING, tag=Tag.objects.get(name="E-Akte"))
    assert effective_level(olaf, thread) == WatchLevel.WATCHING


def test_normal_on_a_category_removes_the_watch(olaf, members_only):
    set_watch_level(olaf, WatchLevel.WATCHING, category=members_only)
    set_watch_level(olaf, WatchLevel.NORMAL, category=members_only)
    assert not Watch.objects.filter(user=olaf).exists()


def test_a_member_sets_the_level_of_a_thread_and_returns_to_it(client, thread, olaf):
    client.force_login(olaf)
    response = client.post(
        reverse("forum:watch_thread", kwargs={"pk": thread.pk}),
        {"level": "muted", "next": thread.get_absolute_url()},
    )
    assert response["Location"] == thread.get_absolute_url()
    assert Watch.objects.get(user=olaf, thread=thread).level == WatchLevel.MUTED


def test_an_unknown_level_changes_nothing_and_says_so(client, thread, olaf):
    client.force_login(olaf)
    response = client.post(
        reverse("forum:watch_thread", kwargs={"pk": thread.pk}), {"level": "loud"}, follow=True
    )
    assert "Bitte wählen Sie eine der Benachrichtigungsstufen." in response.content.decode()
    assert not Watch.objects.filter(user=olaf, thread=thread).exists()


def test_a_redirect_to_another_site_is_refused(client, thread, olaf):
    client.force_login(olaf)
    response = client.post(
        reverse("forum:watch_thread", kwargs={"pk": thread.pk}),
        {"level": "watching", "next": "https://example.com/"},
    )
    assert response["Location"] == thread.get_absolute_url()


def test_a_thread_the_member_may_not_read_cannot_be_watched(client, group_only, group_member):
    secret = start(group_only, group_member, title="Intern")
    client.force_login(UserFactory(username="olaf"))
    response = client.post(
        reverse("forum:watch_thread", kwargs={"pk": secret.pk}), {"level": "watching"}
    )
    assert response.status_code == 404


def test_a_category_the_member_may_not_read_cannot_be_watched(client, group_only, olaf):
    client.force_login(olaf)
    response = client.post(
        reverse("forum:watch_category", kwargs={"slug": group_only.slug}), {"level": "watching"}
    )
    assert response.status_code == 404
    assert not Watch.objects.exists()


def test_a_member_watches_a_category(client, members_only, olaf):
    client.force_login(olaf)
    client.post(
        reverse("forum:watch_category", kwargs={"slug": members_only.slug}), {"level": "watching"}
    )
    assert Watch.objects.get(user=olaf, category=members_only).level == WatchLevel.WATCHING


def test_a_member_watches_a_tag(client, thread, olaf):
    client.force_login(olaf)
    client.post(reverse("forum:watch_tag", kwargs={"slug": "e-akte"}), {"level": "tracking"})
    assert Watch.objects.get(user=olaf, tag__slug="e-akte").level == WatchLevel.TRACKING


def test_watching_needs_a_post(client, thread, olaf):
    client.force_login(olaf)
    response = client.get(reverse("forum:watch_thread", kwargs={"pk": thread.pk}))
    assert response.status_code == 405


def _render_watch_form(user, target):
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% include "forum/includes/watch_form.html" with target=target %}')
    return template.render(Context({"request": request, "target": target}))


def test_the_watch_form_shows_the_effective_level_of_a_thread(thread, olaf, members_only):
    set_watch_level(olaf, WatchLevel.WATCHING, category=members_only)
    html = _render_watch_form(olaf, thread)
    assert '<option value="watching" selected>' in html
    assert reverse("forum:watch_thread", kwargs={"pk": thread.pk}) in html


def test_visitors_get_no_watch_form(thread):
    from django.contrib.auth.models import AnonymousUser

    assert "<form" not in _render_watch_form(AnonymousUser(), thread)
