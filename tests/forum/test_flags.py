import pytest
from django.urls import reverse
from django.utils import timezone

from forum.choices import FlagReason
from forum.models import Flag, Post
from forum.moderation import flag_post
from forum.posting import PostingError, reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(db):
    return UserFactory(username="anton", partner_slug="olfen")


@pytest.fixture
def thread(members_only, author):
    return start_thread(category=members_only, author=author, title="Frage", source="Erster")


@pytest.fixture
def post(thread, author):
    return reply(thread, author, "Kaufen Sie jetzt!")


def flag_url(post):
    return reverse("forum:flag_post", kwargs={"pk": post.pk})


def test_a_member_flags_a_post_with_a_reason_and_a_note(member_client, member, post):
    response = member_client.post(
        flag_url(post), {"reason": FlagReason.SPAM, "note": "Werbung für ein Produkt"}
    )
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert (flag.post, flag.reporter, flag.reason, flag.note) == (
        post,
        member,
        FlagReason.SPAM,
        "Werbung für ein Produkt",
    )


def test_the_flag_page_offers_every_reason(member_client, post):
    content = member_client.get(flag_url(post)).content.decode()
    for value in FlagReason.values:
        assert f'value="{value}"' in content


def test_a_second_flag_by_the_same_member_gets_a_friendly_message(member_client, post):
    member_client.post(flag_url(post), {"reason": FlagReason.SPAM})
    response = member_client.post(flag_url(post), {"reason": FlagReason.OTHER})
    assert response.status_code == 200
    assert 'role="status"' in response.content.decode()
    assert Flag.objects.count() == 1


def test_the_flag_service_refuses_a_second_open_flag_with_a_message(member, post):
    flag_post(post, member, FlagReason.SPAM)
    with pytest.raises(PostingError):
        flag_post(post, member, FlagReason.OTHER)


def test_a_member_may_flag_again_once_the_moderators_decided(member, post):
    flag_post(post, member, FlagReason.SPAM)
    Flag.objects.update(resolved_at=timezone.now())
    flag_post(post, member, FlagReason.OTHER)
    assert Flag.objects.count() == 2


def test_members_cannot_flag_their_own_posts(author, post):
    with pytest.raises(PostingError):
        flag_post(post, author, FlagReason.SPAM)


def test_the_author_gets_no_form_to_flag_their_own_post(client, author, post):
    client.force_login(author)
    response = client.post(flag_url(post), {"reason": FlagReason.SPAM})
    assert response.status_code == 200
    assert not Flag.objects.exists()


def test_a_flag_without_a_reason_is_refused_with_a_message(member_client, post):
    response = member_client.post(flag_url(post), {"note": "?"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Flag.objects.exists()


def test_an_unknown_reason_is_refused(member, post):
    with pytest.raises(PostingError):
        flag_post(post, member, "boring")


def test_a_post_the_member_may_not_read_cannot_be_flagged(member_client, group_only, author):
    hidden_away = start_thread(
        category=group_only,
        author=UserFactory(username="moritz", groups=["Forum-Moderation"]),
        title="Intern",
        source="Nur für den Arbeitskreis",
    )
    post = hidden_away.posts.get()
    assert member_client.get(flag_url(post)).status_code == 404


def test_a_hidden_post_cannot_be_flagged(member_client, post):
    Post.objects.filter(pk=post.pk).update(hidden=True)
    assert member_client.post(flag_url(post), {"reason": "spam"}).status_code == 404


def test_visitors_are_asked_to_log_in_before_flagging(client, post):
    response = client.get(flag_url(post))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_flagging_is_limited_per_hour(settings, member, post, thread, author):
    settings.FORUM_FLAGS_PER_HOUR = 1
    flag_post(post, member, FlagReason.SPAM)
    other = reply(thread, author, "Noch mehr Werbung")
    with pytest.raises(PostingError):
        flag_post(other, member, FlagReason.SPAM)


def test_the_thread_shows_other_members_a_flag_link(member_client, thread, post):
    content = member_client.get(thread.get_absolute_url()).content.decode()
    assert flag_url(post) in content


def test_the_thread_shows_no_flag_link_to_the_author(client, author, thread, post):
    client.force_login(author)
    content = client.get(thread.get_absolute_url()).content.decode()
    assert flag_url(post) not in content


def test_after_flagging_the_thread_says_the_post_is_flagged(member_client, member, thread, post):
    flag_post(post, member, FlagReason.SPAM)
    content = member_client.get(thread.get_absolute_url()).content.decode()
    assert flag_url(post) not in content
    assert "post-moderation muted" in content
