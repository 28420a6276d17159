"""Counters stay exact when members post at the same moment (PostgreSQL: real parallelism)."""

import threading

import pytest
from django.db import connection, connections

from forum.models import Category, Post, Thread
from forum.posting import reply, start_thread
from tests.factories import UserFactory

WORKERS = 10
REPLIES_EACH = 5

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="parallel writers need PostgreSQL"
    ),
]


def test_ten_members_posting_in_parallel_lose_no_post_and_no_count(members_only):
    authors = [UserFactory(username=f"parallel{n}") for n in range(WORKERS)]
    threads = [
        start_thread(category=members_only, author=authors[0], title=f"Faden {n}", source="Start")
        for n in range(2)
    ]
    start = threading.Barrier(WORKERS)
    failures = []

    def post_replies(author, number):
        try:
            start.wait(timeout=30)
            for turn in range(REPLIES_EACH):
                thread = threads[(number + turn) % len(threads)]
                reply(thread, author, f"Antwort {number}-{turn}")
        except Exception as error:  # reported below: the test fails on any error
            failures.append(error)
        finally:
            connections.close_all()

    workers = [
        threading.Thread(target=post_replies, args=(author, n)) for n, author in enumerate(authors)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)

    assert failures == []
    total = Post.objects.filter(thread__in=threads).count()
    assert total == len(threads) + WORKERS * REPLIES_EACH
    for thread in Thread.objects.filter(pk__in=[t.pk for t in threads]):
        numbers = sorted(thread.posts.values_list("number", flat=True))
        assert numbers == list(range(1, thread.post_count + 1))
        assert thread.last_number == thread.post_count
    category = Category.objects.get(pk=members_only.pk)
    assert (category.thread_count, category.post_count) == (len(threads), total)
