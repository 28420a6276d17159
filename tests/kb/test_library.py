import pytest
from wagtail.models import PageViewRestriction

from kb.models import Reuse
from partners.models import Partner
from tests.factories import ArticlePageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


def listing(client, library, **params):
    page, _index, _sections = library
    response = client.get(page.url, params)
    assert response.status_code == 200
    return response


def titles(response) -> list[str]:
    return [entry.title for entry in response.context["library"].page.object_list]


def facet(response, name) -> dict:
    found = next(f for f in response.context["library"].facets if f.name == name)
    return {value.value: value.count for value in found.values}


def test_the_library_lists_articles_and_projects_of_every_partner(client, library):
    ArticlePageFactory(title="E-Akte", partner="duelmen")
    ProjectPageFactory(title="Bürgerbus-App", partner="olfen")
    assert set(titles(listing(client, library))) == {"E-Akte", "Bürgerbus-App"}


def test_filtering_by_topic_shows_only_that_topic(client, library, mobility, schools):
    ArticlePageFactory(title="Radzählung", topics=[mobility])
    ArticlePageFactory(title="Tablets", topics=[schools])
    assert titles(listing(client, library, topic="mobilitaet")) == ["Radzählung"]


def test_filtering_by_partner_type_status_and_tag_combines(client, library):
    ProjectPageFactory(title="Treffer", partner="olfen", status="betrieb", tags=["LoRaWAN"])
    ProjectPageFactory(title="Anderer Stand", partner="olfen", status="idee", tags=["LoRaWAN"])
    ProjectPageFactory(
        title="Anderer Partner", partner="senden", status="betrieb", tags=["LoRaWAN"]
    )
    ArticlePageFactory(title="Beitrag", partner="olfen", tags=["LoRaWAN"])
    response = listing(
        client, library, partner="olfen", type="project", status="betrieb", tag="lorawan"
    )
    assert titles(response) == ["Treffer"]


def test_facet_counts_follow_the_other_filters(client, library):
    ProjectPageFactory(partner="olfen", status="betrieb")
    ProjectPageFactory(partner="olfen", status="idee")
    ProjectPageFactory(partner="senden", status="idee")
    response = listing(client, library, partner="olfen")
    assert facet(response, "status") == {"betrieb": 1, "idee": 1}
    assert facet(response, "partner") == {"olfen": 2, "senden": 1}


def test_the_year_filter_uses_the_first_publication(client, library):
    ArticlePageFactory(title="Neu")
    assert titles(listing(client, library, year="1999")) == []


def test_reused_solutions_can_be_listed(client, library):
    reused = ProjectPageFactory(title="Nachgenutzt", partner="duelmen")
    ProjectPageFactory(title="Allein", partner="duelmen")
    Reuse.objects.create(page=reused, partner=Partner.objects.get(slug="olfen"), stage="geplant")
    assert titles(listing(client, library, reused="1")) == ["Nachgenutzt"]


def test_unknown_filter_values_give_an_empty_listing_not_an_error(client, library):
    ArticlePageFactory()
    response = listing(client, library, topic="xyz", page="-1", status="<script>")
    assert titles(response) == []
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_a_page_number_beyond_the_end_shows_the_last_page(client, library):
    ArticlePageFactory()
    assert len(titles(listing(client, library, page="999"))) == 1


def test_sorting_by_title(client, library):
    for title in ("Zebrastreifen", "Amtsblatt", "Melderegister"):
        ArticlePageFactory(title=title)
    assert titles(listing(client, library, sort="title")) == [
        "Amtsblatt",
        "Melderegister",
        "Zebrastreifen",
    ]


def test_an_unknown_sort_order_falls_back_to_newest(client, library):
    ArticlePageFactory()
    assert listing(client, library, sort="drop table").context["library"].filters.sort == "newest"


def test_members_only_pages_are_hidden_from_visitors(client, library):
    page = ArticlePageFactory(title="Intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = listing(client, library)
    assert titles(response) == []
    assert facet(response, "type") == {}


def test_members_see_members_only_pages(member_client, library):
    page = ArticlePageFactory(title="Intern")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert titles(listing(member_client, library)) == ["Intern"]


def test_pages_in_a_restricted_section_are_hidden_from_visitors(client, library):
    _library, _index, sections = library
    ArticlePageFactory(title="Im geschützten Bereich", partner="olfen")
    PageViewRestriction.objects.create(
        page=sections["olfen"], restriction_type=PageViewRestriction.LOGIN
    )
    assert titles(listing(client, library)) == []


def test_unpublished_pages_are_never_listed(member_client, library):
    ArticlePageFactory(title="Entwurf").unpublish()
    assert titles(listing(member_client, library)) == []


def test_filters_are_links_that_keep_the_other_filters(client, library, mobility):
    ArticlePageFactory(partner="olfen", topics=[mobility])
    response = listing(client, library, partner="olfen")
    topic_link = (
        next(f for f in response.context["library"].facets if f.name == "topic").values[0].url
    )
    assert "partner=olfen" in topic_link and "topic=mobilitaet" in topic_link


def test_the_library_renders_with_a_fixed_number_of_queries(client, library, mobility):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        listing(client, library, sort="title")  # warm Wagtail's site and root-path caches
        with CaptureQueriesContext(connection) as queries:
            listing(client, library, sort="title")
        return len(queries)

    for number in range(3):
        ArticlePageFactory(topics=[mobility], tags=[f"tag{number}"])
    few = count()
    for number in range(12):
        ProjectPageFactory(topics=[mobility], tags=[f"tag{number}"], partner="olfen")
    assert count() == few
