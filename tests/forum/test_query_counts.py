"""The forum's pages do a fixed number of queries, whatever they list."""

import pytest
from django.urls import reverse
from django.utils import timezone

from forum.models import Category, Post, Reaction, Thread
from forum.posting import reply, start_thread
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Session, user, profile, forum settings and the visit mark come on top of the page's own.
MEMBER_PAGE_QUERIES = 30


@pytest.fixture
def authors(db):
    return [UserFactory(username=f"autor{n}", partner_slug="olfen") for n in range(5)]


def test_a_thread_with_fifty_posts_renders_in_a_fixed_number_of_queries(
    client, member, members_only, authors, django_assert_max_num_queries
):
    thread = start_thread(category=members_only, author=authors[0], title="Lang", source="Start")
    for number in range(49):
        post = reply(thread, authors[number % len(authors)], f"Antwort {number} an @autor1")
        Reaction.objects.create(post=post, user=member, kind="helpful")
    client.force_login(member)
    client.get(thread.get_absolute_url())
    with django_assert_max_num_queries(MEMBER_PAGE_QUERIES):
        response = client.get(thread.get_absolute_url() + "?page=3")
    # Page 3 holds posts 41 to 50: the replies "Antwort 39" to "Antwort 48".
    assert "Antwort 48" in response.content.decode()


def test_the_category_list_renders_in_a_fixed_number_of_queries(
    client, member, authors, django_assert_max_num_queries
):
    from tests.forum.conftest import make_category

    for number in range(30):
        category = make_category(f"kategorie-{number}", "members")
        start_thread(category=category, author=authors[0], title="T", source="x")
    client.force_login(member)
    client.get(reverse("forum:index"))
    with django_assert_max_num_queries(MEMBER_PAGE_QUERIES):
        response = client.get(reverse("forum:index"))
    assert "Kategorie-29" in response.content.decode()


def test_a_category_with_ten_thousand_threads_renders_in_a_fixed_number_of_queries(
    client, member, members_only, authors, django_assert_max_num_queries
):
    now = timezone.now()
    Thread.objects.bulk_create(
        Thread(
            category=members_only,
            title=f"Faden {n}",
            author=authors[n % len(authors)],
            last_activity_at=now,
            post_count=1,
            last_number=1,
        )
        for n in range(10_000)
    )
    Post.objects.bulk_create(
        Post(thread=thread, number=1, author=thread.author, source="x", html="<p>x</p>")
        for thread in Thread.objects.all()[:50]
    )
    Category.objects.filter(pk=members_only.pk).update(thread_count=10_000)
    client.force_login(member)
    url = members_only.get_absolute_url()
    client.get(url)
    lists_threads = {}
    for query in ("", "?page=200", "?sort=replies", "?sort=unsolved"):
        with django_assert_max_num_queries(MEMBER_PAGE_QUERIES):
            response = client.get(url + query)
        lists_threads[query] = "Faden " in response.content.decode()
    # None of the threads is a question, so "unsolved" rightly lists none.
    assert lists_threads == {
        "": True,
        "?page=200": True,
        "?sort=replies": True,
        "?sort=unsolved": False,
    }
