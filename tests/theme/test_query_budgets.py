"""Every page type stays within a fixed budget of SQL queries, for visitors and members.

Each page is requested twice and the second request is counted: the first warms Wagtail's
per-process caches and the shared fragment caches, as the first visitor after a change does
in production. The whole-page cache for visitors is off in tests (PAGE_CACHE_SECONDS=0), so a
visitor's count is what an uncached visitor costs. An exceeded budget lists the SQL.

Wagtail serves a page at depth n (the home page is 1) with 2n + 3 queries: the site, the
active locale, the home page and each level's child lookup plus its specific row, then the
ancestors and their view restrictions, about what a stock Wagtail site costs (9 for its
article at depth 3). A member adds the session, the user and the user's groups (ids and
names in one query, shared by view restrictions and role checks), and the bell's unread
count; what a page shows beyond stock Wagtail is listed with each budget.

"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from forum.choices import Visibility
from forum.posting import reply, start_thread
from tests.factories import ArticlePageFactory, ProjectPageFactory, UserFactory, partner_page
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db


def second_request_sql(client, url) -> list[str]:
    """The SQL of the second of two requests for ``url``."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return [query["sql"] for query in queries.captured_queries]


def listed(sql: list[str]) -> str:
    """The queries one per line, for the message of a budget that was exceeded."""
    return f"{len(sql)} queries:\n" + "\n".join(f"{n}. {q[:300]}" for n, q in enumerate(sql, 1))


def writes(sql: list[str]) -> list[str]:
    return [q for q in sql if q.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


FILTERS = "topic=mobilitaet&partner=olfen&type=article"


def forum_url(name: str) -> str:
    with translation.override("de"):
        return reverse(name)


def topic_url() -> str:
    with translation.override("de"):
        return reverse("kb:topic", kwargs={"slug": "mobilitaet"})


def search_url() -> str:
    with translation.override("de"):
        return reverse("search:search") + "?q=Projekt"


@pytest.fixture
def article(library, mobility):
    page = ArticlePageFactory(topics=[mobility], tags=["Verwaltung", "Digital"])
    for number in range(3):
        ArticlePageFactory(topics=[mobility], tags=["Verwaltung"], title=f"Verwandt {number}")
    return page


@pytest.fixture
def project(library, mobility):
    page = ProjectPageFactory(topics=[mobility], tags=["Verwaltung"])
    ProjectPageFactory(topics=[mobility], title="Verwandtes Projekt")
    return page


@pytest.fixture
def filled_library(library, mobility):
    for number in range(6):
        ArticlePageFactory(topics=[mobility], tags=[f"tag{number}"], partner="olfen")
        ProjectPageFactory(topics=[mobility], tags=[f"tag{number}"])
    return library[0]


@pytest.fixture
def category(db):
    return make_category("allgemein", Visibility.PUBLIC)


@pytest.fixture
def long_thread(category):
    authors = [UserFactory(username=f"autor{n}", partner_slug="olfen") for n in range(5)]
    thread = start_thread(category=category, author=authors[0], title="Lang", source="Start")
    for number in range(49):
        reply(thread, authors[number % len(authors)], f"Antwort {number} an @autor1")
    return thread


def test_an_article_costs_a_visitor_only_what_wagtail_needs_to_serve_it(client, article):
    sql = second_request_sql(client, article.url)
    # Wagtail's 11 at depth 4; topics, tags, contact, related pages, lead partner, site links
    # and the forum thread it came from are cached until content changes.
    assert len(sql) <= 11, listed(sql)


def test_an_article_costs_a_member_six_queries_more(member_client, article):
    sql = second_request_sql(member_client, article.url)
    # 11 as for a visitor; session, user, groups, the member's partner (the reuse form),
    # the unread count and the member's suspension (the write buttons).
    assert len(sql) <= 17, listed(sql)


def test_a_project_costs_a_visitor_only_what_wagtail_needs_to_serve_it(client, project):
    sql = second_request_sql(client, project.url)
    # As an article: milestones and reuse table are in the cached part.
    assert len(sql) <= 11, listed(sql)


def test_a_project_costs_a_member_six_queries_more(member_client, project):
    sql = second_request_sql(member_client, project.url)
    # As an article for a member.
    assert len(sql) <= 17, listed(sql)


def test_the_library_costs_a_visitor_eleven_queries(client, filled_library):
    sql = second_request_sql(client, filled_library.url)
    # Wagtail's 7 at depth 2; the count, the page of entries, their topics and the topics
    # in the reader's language. Facet counts are cached per audience and filters.
    assert len(sql) <= 11, listed(sql)


def test_the_library_costs_a_member_four_queries_more(member_client, filled_library):
    sql = second_request_sql(member_client, filled_library.url)
    # 11 as for a visitor; session, user, groups (they pick the audience) and unread count.
    assert len(sql) <= 15, listed(sql)


def test_the_filtered_library_costs_a_visitor_eleven_queries(client, filled_library):
    sql = second_request_sql(client, f"{filled_library.url}?{FILTERS}")
    # As unfiltered: the filters narrow the same two queries.
    assert len(sql) <= 11, listed(sql)


def test_the_filtered_library_costs_a_member_four_queries_more(member_client, filled_library):
    sql = second_request_sql(member_client, f"{filled_library.url}?{FILTERS}")
    # As unfiltered for a member.
    assert len(sql) <= 15, listed(sql)


def test_a_partner_page_costs_a_visitor_ten_queries(client, filled_library):
    sql = second_request_sql(client, partner_page("olfen").url)
    # Wagtail's 9 at depth 3; the partner's recent forum activity (its audience is the
    # forum's). Newest articles and projects, counts and people are cached per audience.
    assert len(sql) <= 10, listed(sql)


def test_a_partner_page_costs_a_member_five_queries_more(member_client, filled_library):
    sql = second_request_sql(member_client, partner_page("olfen").url)
    # 10 as for a visitor; session, user, groups, working groups (forum activity), unread count.
    assert len(sql) <= 15, listed(sql)


def test_a_topic_page_costs_a_visitor_nine_queries(client, filled_library):
    sql = second_request_sql(client, topic_url())
    # The topic, the locale and the topic in it; count, entries, their topics and those in
    # the reader's language; the site and the library page its links lead to.
    assert len(sql) <= 9, listed(sql)


def test_a_topic_page_costs_a_member_four_queries_more(member_client, filled_library):
    sql = second_request_sql(member_client, topic_url())
    # 9 as for a visitor; session, user, groups and unread count.
    assert len(sql) <= 13, listed(sql)


def test_the_forum_index_costs_a_visitor_two_queries(client, long_thread):
    sql = second_request_sql(client, forum_url("forum:index"))
    # The categories with their counts, and the site for the menu.
    assert len(sql) <= 2, listed(sql)


def test_the_forum_index_costs_a_member_six_queries_more(member_client, long_thread):
    sql = second_request_sql(member_client, forum_url("forum:index"))
    # 2 as for a visitor; session, user, forum settings (the visit), groups, working groups
    # and unread count.
    assert len(sql) <= 8, listed(sql)


def test_a_category_costs_a_visitor_five_queries(client, long_thread, category):
    sql = second_request_sql(client, category.get_absolute_url())
    # The category by slug and its original, the thread count and page, the site.
    assert len(sql) <= 5, listed(sql)


def test_a_category_costs_a_member_seven_queries_more(member_client, long_thread, category):
    sql = second_request_sql(member_client, category.get_absolute_url())
    # 5 as for a visitor; session, user, groups, forum settings, working groups, the read
    # markers of the listed threads (one query for all) and the member's watch.
    assert len(sql) <= 12, listed(sql)


def test_a_thread_of_fifty_posts_costs_a_visitor_seven_queries(client, long_thread):
    sql = second_request_sql(client, long_thread.get_absolute_url())
    # The thread, the post count, the page of posts, their attachments and reaction counts,
    # the tags and the site.
    assert len(sql) <= 7, listed(sql)


def test_a_thread_of_fifty_posts_costs_a_member_eight_queries_more(member_client, long_thread):
    sql = second_request_sql(member_client, long_thread.get_absolute_url())
    # 7 as for a visitor (the thread comes with the member's read marker); session, user,
    # groups, forum settings, the member's own reactions, unread count, watch and flags.
    assert len(sql) <= 15, listed(sql)


def test_search_results_cost_a_visitor_nine_queries(client, filled_library, long_thread):
    sql = second_request_sql(client, search_url())
    # The search, the audience's vocabulary and spelling suggestions; the query statistics
    # (a savepoint around read and update); promotions and the site.
    assert len(sql) <= 9, listed(sql)


def test_search_results_cost_a_member_four_queries_more(member_client, filled_library):
    sql = second_request_sql(member_client, search_url())
    # 9 as for a visitor; session, user, groups and unread count.
    assert len(sql) <= 13, listed(sql)


def test_reading_a_thread_again_with_nothing_new_writes_nothing(member_client, long_thread):
    sql = second_request_sql(member_client, long_thread.get_absolute_url())
    assert writes(sql) == []


def test_reading_a_thread_with_new_posts_moves_the_read_marker_in_one_write(
    member_client, long_thread
):
    member_client.get(long_thread.get_absolute_url())
    reply(long_thread, UserFactory(username="neu", partner_slug="olfen"), "Noch eine Antwort")
    with CaptureQueriesContext(connection) as queries:
        member_client.get(long_thread.get_absolute_url() + "?page=3")
    assert len(writes([query["sql"] for query in queries.captured_queries])) == 1
