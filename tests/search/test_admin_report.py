"""The editors' side of search: the query report, wanted articles, synonyms, the dashboard."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partners.roles import MODERATORS
from search.models import Synonym, WantedArticle
from tests.factories import QueryStatFactory, UserFactory, WantedArticleFactory

pytestmark = pytest.mark.django_db

REPORT = "search_query_report"


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


@pytest.fixture
def editorial_client(client, editorial_user):
    client.force_login(editorial_user)
    return client


@pytest.fixture
def moderator_client(client):
    client.force_login(UserFactory(username="moritz", groups=[MODERATORS]))
    return client


def report_rows(client, **params):
    response = client.get(reverse(REPORT), params)
    assert response.status_code == 200
    return [(row["query"], row["total"]) for row in response.context["object_list"]]


def create_wanted_article(client, query, follow=False, **data):
    url = reverse("search_wanted_article_from_query")
    return client.post(url, {"query": query, **data}, follow=follow)


def test_the_report_lists_each_query_once_with_its_total_count(editorial_client):
    for day, count in [(0, 4), (1, 3), (2, 2)]:
        QueryStatFactory(query="glasfaser", day=days_ago(day), count=count)
    QueryStatFactory(query="ozg", count=1)
    assert report_rows(editorial_client) == [("glasfaser", 9), ("ozg", 1)]


def test_the_report_puts_the_most_frequent_query_first(editorial_client):
    QueryStatFactory(query="ozg", count=2)
    QueryStatFactory(query="glasfaser", count=7)
    assert report_rows(editorial_client)[0] == ("glasfaser", 7)


def test_the_report_shows_the_result_count_of_the_latest_day(editorial_client):
    QueryStatFactory(query="glasfaser", day=days_ago(1), results=0)
    QueryStatFactory(query="glasfaser", day=days_ago(0), results=5)
    response = editorial_client.get(reverse(REPORT))
    assert response.context["object_list"][0]["latest_results"] == 5


def test_the_zero_result_filter_lists_only_queries_that_found_nothing(editorial_client):
    QueryStatFactory(query="wunschthema", results=0)
    QueryStatFactory(query="glasfaser", results=5)
    assert report_rows(editorial_client, results="none") == [("wunschthema", 1)]


def test_a_query_that_finds_something_again_leaves_the_zero_result_list(editorial_client):
    QueryStatFactory(query="glasfaser", day=days_ago(1), results=0)
    QueryStatFactory(query="glasfaser", day=days_ago(0), results=5)
    assert report_rows(editorial_client, results="none") == []


def test_the_report_counts_the_last_30_days_by_default(editorial_client):
    QueryStatFactory(query="glasfaser", day=days_ago(29), count=2)
    QueryStatFactory(query="glasfaser", day=days_ago(30), count=5)
    assert report_rows(editorial_client) == [("glasfaser", 2)]


def test_a_longer_period_counts_older_searches(editorial_client):
    QueryStatFactory(query="glasfaser", day=days_ago(29), count=2)
    QueryStatFactory(query="glasfaser", day=days_ago(60), count=5)
    assert report_rows(editorial_client, period="90") == [("glasfaser", 7)]


def test_a_shorter_period_leaves_out_older_searches(editorial_client):
    QueryStatFactory(query="glasfaser", day=days_ago(10), count=5)
    assert report_rows(editorial_client, period="7") == []


def test_an_unknown_period_falls_back_to_30_days(editorial_client):
    QueryStatFactory(query="glasfaser", day=days_ago(60), count=5)
    QueryStatFactory(query="ozg", day=days_ago(3), count=1)
    assert report_rows(editorial_client, period="unbekannt") == [("ozg", 1)]


def test_the_report_is_exported_as_csv(editorial_client):
    QueryStatFactory(query="glasfaser", count=3, results=0)
    response = editorial_client.get(reverse(REPORT), {"export": "csv"})
    assert "glasfaser,3,0," in b"".join(response.streaming_content).decode()


def test_the_report_needs_a_fixed_number_of_queries_however_many_rows_it_lists(
    editorial_client, django_assert_max_num_queries
):
    for number in range(40):
        QueryStatFactory(query=f"gesucht {number}", results=number % 2)
    WantedArticleFactory(query="gesucht 0")
    editorial_client.get(reverse(REPORT))
    with django_assert_max_num_queries(14):
        response = editorial_client.get(reverse(REPORT))
    assert len(response.context["object_list"]) == 40


def test_a_user_without_permission_is_turned_away_from_the_report(moderator_client):
    response = moderator_client.get(reverse(REPORT))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_a_visitor_is_sent_to_the_login_for_the_report(client):
    response = client.get(reverse(REPORT))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_zero_result_query_offers_to_create_a_wanted_article(editorial_client):
    QueryStatFactory(query="wunschthema", results=0)
    response = editorial_client.get(reverse(REPORT))
    assert reverse("search_wanted_article_from_query") in response.content.decode()


def test_a_query_with_results_offers_no_wanted_article(editorial_client):
    QueryStatFactory(query="glasfaser", results=5)
    response = editorial_client.get(reverse(REPORT))
    assert reverse("search_wanted_article_from_query") not in response.content.decode()


def test_a_query_on_the_list_links_to_its_wanted_article(editorial_client):
    QueryStatFactory(query="wunschthema", results=0)
    article = WantedArticleFactory(query="wunschthema")
    response = editorial_client.get(reverse(REPORT))
    assert reverse("wanted_articles:edit", args=[article.pk]) in response.content.decode()


def test_creating_a_wanted_article_takes_title_and_query_from_the_search(
    editorial_client, editorial_user
):
    create_wanted_article(editorial_client, "e-rechnung")
    article = WantedArticle.objects.get()
    assert (article.title, article.query, article.created_by) == (
        "E-rechnung",
        "e-rechnung",
        editorial_user,
    )


def test_creating_a_wanted_article_returns_to_the_report(editorial_client):
    back = reverse(REPORT) + "?results=none"
    response = create_wanted_article(editorial_client, "e-rechnung", next=back)
    assert response.url == back


def test_creating_a_wanted_article_does_not_follow_a_foreign_return_address(editorial_client):
    response = create_wanted_article(editorial_client, "e-rechnung", next="https://example.org/")
    assert response.url == reverse(REPORT)


def test_a_second_request_for_the_same_query_does_not_duplicate(editorial_client):
    create_wanted_article(editorial_client, "e-rechnung")
    create_wanted_article(editorial_client, "e-rechnung")
    assert WantedArticle.objects.count() == 1


def test_a_second_request_for_the_same_query_explains_why(editorial_client):
    create_wanted_article(editorial_client, "e-rechnung")
    response = create_wanted_article(editorial_client, "e-rechnung", follow=True)
    assert "steht schon auf der Liste" in response.content.decode()


def test_a_finished_wanted_article_does_not_block_a_new_one(editorial_client):
    WantedArticleFactory(query="e-rechnung", status=WantedArticle.Status.DONE)
    create_wanted_article(editorial_client, "e-rechnung")
    assert WantedArticle.objects.filter(status=WantedArticle.Status.OPEN).count() == 1


def test_a_wanted_article_needs_a_query(editorial_client):
    response = create_wanted_article(editorial_client, "   ")
    assert (response.status_code, WantedArticle.objects.count()) == (302, 0)


def test_a_wanted_article_is_created_only_by_post(editorial_client):
    response = editorial_client.get(
        reverse("search_wanted_article_from_query"), {"query": "e-rechnung"}
    )
    assert (response.status_code, WantedArticle.objects.count()) == (405, 0)


def test_a_user_without_permission_creates_no_wanted_article(moderator_client):
    create_wanted_article(moderator_client, "e-rechnung")
    assert not WantedArticle.objects.exists()


def test_the_wanted_article_list_renders(editorial_client):
    WantedArticleFactory(title="Glasfaser im Außenbereich")
    response = editorial_client.get(reverse("wanted_articles:index"))
    assert "Glasfaser im Außenbereich" in response.content.decode()


def test_the_wanted_article_list_filters_by_status(editorial_client):
    WantedArticleFactory(title="Offener Wunsch")
    WantedArticleFactory(title="Erledigter Wunsch", status=WantedArticle.Status.DONE)
    response = editorial_client.get(reverse("wanted_articles:index"), {"status": "done"})
    assert [article.title for article in response.context["object_list"]] == ["Erledigter Wunsch"]


def test_the_editorial_team_marks_a_wanted_article_in_progress(editorial_client):
    article = WantedArticleFactory(title="E-Rechnung", query="e-rechnung")
    editorial_client.post(
        reverse("wanted_articles:edit", args=[article.pk]),
        {"title": "E-Rechnung", "query": "e-rechnung", "status": "in_progress", "note": "Dana"},
    )
    article.refresh_from_db()
    assert (article.status, article.note) == ("in_progress", "Dana")


def test_reopening_a_second_wanted_article_for_an_open_query_is_refused(editorial_client):
    WantedArticleFactory(title="E-Rechnung", query="e-rechnung")
    done = WantedArticleFactory(
        title="E-Rechnung alt", query="e-rechnung", status=WantedArticle.Status.DONE
    )
    response = editorial_client.post(
        reverse("wanted_articles:edit", args=[done.pk]),
        {"title": "E-Rechnung alt", "query": "e-rechnung", "status": "open", "note": ""},
    )
    done.refresh_from_db()
    assert (response.status_code, done.status) == (200, "done")


def test_the_editorial_team_adds_a_synonym(editorial_client):
    editorial_client.post(reverse("synonyms:add"), {"terms": "Kfz, Kraftfahrzeug"})
    assert Synonym.objects.get(terms__startswith="Kfz").term_list() == ["Kfz", "Kraftfahrzeug"]


def test_the_dashboard_shows_open_wanted_articles_to_the_editorial_team(editorial_client):
    WantedArticleFactory(title="Glasfaser im Außenbereich")
    response = editorial_client.get(reverse("wagtailadmin_home"))
    assert "Glasfaser im Außenbereich" in response.content.decode()


def test_the_dashboard_leaves_out_finished_wanted_articles(editorial_client):
    WantedArticleFactory(title="Glasfaser im Außenbereich", status=WantedArticle.Status.DONE)
    response = editorial_client.get(reverse("wagtailadmin_home"))
    assert 'id="wanted-articles' not in response.content.decode()


def test_the_dashboard_hides_wanted_articles_from_users_without_permission(moderator_client):
    WantedArticleFactory(title="Glasfaser im Außenbereich")
    response = moderator_client.get(reverse("wagtailadmin_home"))
    assert "Glasfaser im Außenbereich" not in response.content.decode()


def test_a_wanted_article_added_in_the_admin_remembers_who_added_it(
    editorial_client, editorial_user
):
    editorial_client.post(
        reverse("wanted_articles:add"),
        {"title": "E-Rechnung", "query": "", "status": "open", "note": ""},
    )
    assert WantedArticle.objects.get().created_by == editorial_user


def test_the_query_report_is_in_the_reports_menu_of_the_editorial_team(editorial_client):
    response = editorial_client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT) in response.content.decode()


def test_the_query_report_is_not_in_the_menu_of_users_without_permission(moderator_client):
    response = moderator_client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT) not in response.content.decode()
