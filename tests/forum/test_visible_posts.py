"""The visible-post rule has one home, ``Post.objects.visible()`` (and its Q and
``Post.is_visible`` forms); every surface asks it (issue 14)."""

from itertools import product

import pytest

from forum.models import Post, Thread
from forum.posting import reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FLAGS = ("hidden", "deleted", "awaiting_approval")


@pytest.fixture
def thread(public, member):
    return start_thread(category=public, author=member, title="Frage", source="Erster Beitrag")


def replies_with_every_state(thread, author):
    """One reply for each combination of the three flags, the flags set as moderation and
    deletion leave them."""
    posts = {}
    for states in product((False, True), repeat=len(FLAGS)):
        post = reply(thread, author, f"Antwort {len(posts) + 2}")
        Post.objects.filter(pk=post.pk).update(**dict(zip(FLAGS, states, strict=True)))
        posts[states] = post.pk
    return posts


def test_visible_posts_are_those_neither_hidden_deleted_nor_awaiting_approval(thread, member):
    posts = replies_with_every_state(thread, member)
    visible = set(thread.posts.visible().filter(number__gt=1).values_list("pk", flat=True))
    assert visible == {posts[(False, False, False)]}


def test_a_loaded_post_is_visible_exactly_when_the_queryset_keeps_it(thread, member):
    replies_with_every_state(thread, member)
    visible = set(Post.objects.visible().values_list("pk", flat=True))
    assert {post.pk for post in Post.objects.all() if post.is_visible} == visible


def test_shown_posts_include_deleted_ones_but_not_hidden_or_unapproved_ones(thread, member):
    posts = replies_with_every_state(thread, member)
    shown = set(thread.posts.shown().filter(number__gt=1).values_list("pk", flat=True))
    assert shown == {posts[(False, False, False)], posts[(False, True, False)]}


def test_a_loaded_post_is_shown_exactly_when_the_queryset_keeps_it(thread, member):
    replies_with_every_state(thread, member)
    shown = set(Post.objects.shown().values_list("pk", flat=True))
    assert {post.pk for post in Post.objects.all() if post.is_shown} == shown


def test_visible_threads_leave_out_hidden_ones(thread, public, member):
    hidden = start_thread(category=public, author=member, title="Versteckt", source="Text")
    Thread.objects.filter(pk=hidden.pk).update(hidden=True)
    assert list(Thread.objects.visible()) == [thread]


def test_a_reply_awaiting_approval_cannot_be_quoted(client, thread, member):
    waiting = reply(thread, UserFactory(username="anna"), "Noch nicht freigegeben")
    Post.objects.filter(pk=waiting.pk).update(awaiting_approval=True)
    client.force_login(member)
    content = client.get(thread.get_absolute_url() + "?quote=2").content.decode()
    assert "&gt; Noch nicht freigegeben" not in content
