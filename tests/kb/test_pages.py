import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from kb.models import CollectionPage, Milestone
from tests.factories import ArticlePageFactory, ProjectPageFactory, partner_page, publish_under

pytestmark = pytest.mark.django_db


def test_an_article_shows_its_best_practice_sections(client, library):
    article = ArticlePageFactory(starting_point="<p>Papierakten</p>", solution="<p>Scanstraße</p>")
    content = client.get(article.url).content.decode()
    assert "Ausgangslage" in content and "Papierakten" in content
    assert "Lösung" in content and "Scanstraße" in content


def test_an_article_without_lessons_learned_shows_no_empty_heading(client, library):
    content = client.get(ArticlePageFactory(lessons_learned="").url).content.decode()
    assert "Erfahrungen</h2>" not in content


def test_the_owning_partner_is_the_section_the_page_lives_in(library):
    assert ArticlePageFactory(partner="olfen").partner.slug == "olfen"


def test_a_project_shows_status_period_and_milestones(client, library):
    project = ProjectPageFactory(status="betrieb")
    project.milestones = [
        Milestone(title="Ausschreibung", date=datetime.date(2025, 3, 1), done=True)
    ]
    project.save_revision().publish()
    content = client.get(project.url).content.decode()
    assert "Betrieb" in content and "Ausschreibung" in content and "erledigt" in content


def test_related_content_comes_from_shared_topics(client, library, mobility, schools):
    page = ArticlePageFactory(title="Bürgerbus", topics=[mobility])
    ArticlePageFactory(title="Radzählung", topics=[mobility])
    ArticlePageFactory(title="Tablets", topics=[schools])
    related = [entry.title for entry in client.get(page.url).context["related"]]
    assert related == ["Radzählung"]


def test_related_content_never_shows_members_only_pages_to_visitors(client, library, mobility):
    page = ArticlePageFactory(title="Bürgerbus", topics=[mobility])
    secret = ArticlePageFactory(title="Intern", topics=[mobility])
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(page.url).context["related"] == []


def test_a_members_only_article_asks_visitors_to_log_in(client, library):
    page = ArticlePageFactory()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_partner_page_lists_its_pages_and_its_listed_people(client, library):
    from tests.factories import UserFactory

    ArticlePageFactory(title="Dülmener Beitrag", partner="duelmen")
    ArticlePageFactory(title="Olfener Beitrag", partner="olfen")
    listed = UserFactory(username="jana", partner_slug="duelmen")
    listed.profile.is_public = True
    listed.profile.display_name = "Jana Berghoff"
    listed.profile.save()
    UserFactory(username="verborgen", partner_slug="duelmen")
    content = client.get(partner_page("duelmen").url).content.decode()
    assert "Dülmener Beitrag" in content and "Olfener Beitrag" not in content
    assert "Jana Berghoff" in content and "Verborgen" not in content


def test_the_partner_index_counts_pages_per_partner(client, library):
    ArticlePageFactory(partner="olfen")
    ArticlePageFactory(partner="olfen")
    _library, index, _sections = library
    partners = {p.partner.slug: p.page_count for p in client.get(index.url).context["partners"]}
    assert partners["olfen"] == 2 and partners["senden"] == 0


def test_a_collection_renders_its_saved_query(client, library, mobility):
    library_page, _index, _sections = library
    ProjectPageFactory(title="Passt", partner="olfen", status="betrieb", topics=[mobility])
    ProjectPageFactory(title="Falscher Stand", partner="olfen", status="idee", topics=[mobility])
    ArticlePageFactory(title="Kein Projekt", partner="olfen", topics=[mobility])
    collection = CollectionPage(
        title="Laufende Mobilitätsprojekte",
        slug="mobil",
        page_types=["project"],
        statuses=["betrieb"],
    )
    publish_under(library_page, collection)
    collection.topics.set([mobility])
    collection.save_revision().publish()
    entries = [entry.title for entry in client.get(collection.url).context["entries"]]
    assert entries == ["Passt"]


def test_a_collection_hides_members_only_pages_from_visitors(client, library):
    library_page, _index, _sections = library
    secret = ArticlePageFactory(title="Intern")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    collection = publish_under(library_page, CollectionPage(title="Alles", slug="alles"))
    assert client.get(collection.url).context["entries"] == []


def test_a_collection_limits_the_number_of_entries(client, library):
    library_page, _index, _sections = library
    for _ in range(3):
        ArticlePageFactory()
    collection = publish_under(library_page, CollectionPage(title="Zwei", slug="zwei", limit=2))
    assert len(client.get(collection.url).context["entries"]) == 2


def test_a_topic_has_its_own_listing(client, library, mobility):
    ArticlePageFactory(title="Bürgerbus", topics=[mobility])
    ArticlePageFactory(title="Anderes")
    with translation.override("de"):
        url = reverse("kb:topic", kwargs={"slug": "mobilitaet"})
    response = client.get(url)
    assert [entry.title for entry in response.context["library"].page.object_list] == ["Bürgerbus"]


def test_an_unknown_topic_is_not_found(client, library):
    with translation.override("de"):
        assert client.get(reverse("kb:topic", kwargs={"slug": "gibt-es-nicht"})).status_code == 404


def test_an_article_page_renders_with_a_fixed_number_of_queries(client, library, mobility):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    page = ArticlePageFactory(topics=[mobility], tags=["a", "b"])
    ArticlePageFactory(topics=[mobility], title="Erster verwandter Beitrag")

    def count():
        client.get(page.url)
        with CaptureQueriesContext(connection) as queries:
            client.get(page.url)
        return len(queries)

    few = count()
    for number in range(8):
        ArticlePageFactory(topics=[mobility], tags=["a"], title=f"Verwandt {number}")
    assert count() == few


def test_a_partner_page_renders_with_a_fixed_number_of_queries(client, library, mobility):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ArticlePageFactory(partner="olfen", topics=[mobility])
    ProjectPageFactory(partner="olfen", topics=[mobility])
    url = partner_page("olfen").url

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    few = count()
    for _ in range(12):
        ArticlePageFactory(partner="olfen", topics=[mobility])
        ProjectPageFactory(partner="olfen", topics=[mobility])
    assert count() == few


def test_a_partner_page_links_to_all_its_entries_in_the_library(client, library):
    for _ in range(11):
        ArticlePageFactory(partner="olfen")
    content = client.get(partner_page("olfen").url).content.decode()
    assert "partner=olfen&amp;type=article" in content


def test_a_preview_shows_unsaved_changes_not_the_cached_page(client, library):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    article = ArticlePageFactory(tags=["Alt"])
    client.get(article.url)  # the shared part of the page is now cached
    article.tags.set(["Neu"])
    request = RequestFactory().get(article.url)
    request.user = AnonymousUser()
    request.is_preview = True
    assert [tag.name for tag in article.get_context(request)["tags"]] == ["Neu"]
