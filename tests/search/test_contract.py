"""The contract every backend keeps: the same tests run against each (see conftest)."""

import pytest
from django.utils import translation
from wagtail.models import Page

from forum.choices import Visibility
from forum.posting import start_thread
from search import services
from search.models import Synonym
from tests.factories import ArticlePageFactory, ProjectPageFactory, TopicFactory
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def titles(query, user, **kwargs):
    results = services.search(query, user, **kwargs)
    return [str(hit.title).replace("<mark>", "").replace("</mark>", "") for hit in results.page]


@pytest.fixture
def library(sections, reindex):
    ArticlePageFactory(
        title="Digitalisierungsstrategie für Schulen",
        summary="Wie die Schulen in Dülmen ihre Strategie fanden.",
        partner="duelmen",
    )
    ArticlePageFactory(
        title="Glasfaserausbau an der Straße",
        summary="Leerrohre entlang der Kreisstraße.",
        partner="olfen",
    )
    ProjectPageFactory(
        title="Onlinezugangsgesetz umsetzen",
        summary="Anträge online stellen.",
        partner="nottuln",
    )
    reindex()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Schule", "Digitalisierungsstrategie für Schulen"),
        ("Duelmen", "Digitalisierungsstrategie für Schulen"),
        ("Strasse", "Glasfaserausbau an der Straße"),
        ("Strategie", "Digitalisierungsstrategie für Schulen"),
        ("Glasfaser", "Glasfaserausbau an der Straße"),
    ],
)
def test_german_word_forms_find_each_other(library, visitor, query, expected):
    assert expected in titles(query, visitor)


def test_a_synonym_finds_the_other_word(library, visitor, backend):
    Synonym.objects.create(terms="OZG, Onlinezugangsgesetz")
    assert titles("OZG", visitor) == ["Onlinezugangsgesetz umsetzen"]


def test_a_phrase_must_appear_in_order(library, visitor):
    assert titles('"Schulen in Dülmen"', visitor) == ["Digitalisierungsstrategie für Schulen"]
    assert titles('"Dülmen Schulen"', visitor) == []


def test_a_minus_leaves_out_what_contains_the_word(library, visitor):
    assert titles("Schulen Glasfaser -Straße", visitor) == ["Digitalisierungsstrategie für Schulen"]


def test_matching_words_are_marked_in_title_and_snippet(library, visitor):
    hit = services.search("Strategie", visitor).page[0]
    assert "<mark>Digitalisierungsstrategie</mark>" in str(hit.title)
    assert "<mark>Strategie</mark>" in str(hit.snippet.html)


def test_snippets_escape_html(sections, reindex, visitor):
    ArticlePageFactory(title="Sicherheit", summary="Vorsicht <script>alert(1)</script> Sicherheit")
    reindex()
    snippet = str(services.search("Sicherheit", visitor).page[0].snippet.html)
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet


def test_facets_count_what_the_query_finds(library, visitor):
    facets = services.search("Schulen Glasfaser", visitor).facets
    assert {o.value: o.count for o in facets["partner"]} == {"duelmen": 1, "olfen": 1}
    assert {o.value: o.count for o in facets["kind"]} == {"article": 2}


def test_filters_combine(library, visitor):
    results = services.search(
        "Schulen Glasfaser Onlinezugangsgesetz",
        visitor,
        filters={"kind": "article", "partner": "olfen"},
    )
    assert [hit.url.rstrip("/").rsplit("/", 1)[-1] for hit in results.page] == [
        Page.objects.get(title="Glasfaserausbau an der Straße").slug
    ]


def test_topic_facet_carries_the_topic_name(sections, reindex, visitor):
    topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    ArticlePageFactory(title="Bürgerbus", summary="Ein Bus für alle.", topics=[topic])
    reindex()
    options = services.search("Bus", visitor).facets["topic"]
    assert [(o.value, o.label, o.count) for o in options] == [("mobilitaet", "Mobilität", 1)]


def test_an_unknown_facet_value_gives_no_results_and_no_error(library, visitor):
    assert services.search("Schulen", visitor, filters={"topic": "gibt-es-nicht"}).total == 0


def test_a_page_number_out_of_range_shows_the_last_page(library, visitor):
    results = services.search("Schulen", visitor, page_number=99)
    assert results.page.number == 1
    assert results.total == 1


def test_results_can_be_sorted_by_date(sections, reindex, visitor):
    old = ArticlePageFactory(title="Alter Beitrag Radweg", summary="Radweg")
    new = ArticlePageFactory(title="Neuer Beitrag Radweg", summary="Radweg")
    type(old).objects.filter(pk=old.pk).update(last_published_at="2020-01-01T00:00:00Z")
    type(new).objects.filter(pk=new.pk).update(last_published_at="2026-01-01T00:00:00Z")
    reindex()
    assert titles("Radweg", visitor, sort="date") == [
        "Neuer Beitrag Radweg",
        "Alter Beitrag Radweg",
    ]


def paragraph(text):
    return [("paragraph", f"<p>{text}</p>")]


FILLER = "Die Verwaltung berichtet über den Stand der Arbeiten im Kreis. "


def test_a_match_in_the_title_ranks_above_a_match_in_the_body(sections, reindex, visitor):
    ArticlePageFactory(title="Bericht aus Olfen", body=paragraph("Der Breitbandatlas hilft."))
    ArticlePageFactory(title="Breitbandatlas", body=paragraph("Ein Bericht aus Olfen."))
    reindex()
    assert titles("Breitbandatlas", visitor) == ["Breitbandatlas", "Bericht aus Olfen"]


def test_a_rare_word_of_the_query_outweighs_a_common_one(sections, reindex, visitor):
    for number in range(4):
        ArticlePageFactory(title=f"Protokoll {number}", body=paragraph("Aus der Sitzung."))
    ArticlePageFactory(title="Notiz", body=paragraph("Der Funkmast am Rathaus."))
    reindex()
    assert titles("Sitzung Funkmast", visitor)[0] == "Notiz"


def test_more_occurrences_rank_higher(sections, reindex, visitor):
    ArticlePageFactory(title="Einmal", body=paragraph(f"Das Lastenrad. {FILLER}"))
    ArticlePageFactory(title="Dreimal", body=paragraph("Lastenrad, Lastenrad und Lastenrad."))
    reindex()
    assert titles("Lastenrad", visitor) == ["Dreimal", "Einmal"]


def test_a_short_text_ranks_above_a_long_one_with_the_same_matches(sections, reindex, visitor):
    ArticlePageFactory(title="Lang", body=paragraph(f"Der Dorfladen. {FILLER * 20}"))
    ArticlePageFactory(title="Kurz", body=paragraph("Der Dorfladen."))
    reindex()
    assert titles("Dorfladen", visitor) == ["Kurz", "Lang"]


def test_a_misspelt_word_gets_a_suggestion(library, visitor):
    assert services.search("Glasfaserausbua", visitor).suggestion == "glasfaserausbau"


def test_autocomplete_offers_titles_by_prefix(library, visitor):
    suggestions = services.autocomplete("Glasf", visitor)
    assert [s["title"] for s in suggestions] == ["Glasfaserausbau an der Straße"]


def test_a_thread_is_found_with_the_matching_post_as_snippet(sections, reindex, visitor, member):
    category = make_category("austausch", Visibility.PUBLIC)
    start_thread(
        category=category,
        author=member,
        title="Frage zum Bürgerbüro",
        source="Wie organisiert ihr die Terminvergabe?",
    )
    reindex()
    hit = services.search("Terminvergabe", visitor).page[0]
    assert hit.kind == "thread"
    assert "<mark>Terminvergabe</mark>" in str(hit.snippet.html)
    assert hit.url.endswith("#post-1")


def test_question_threads_can_be_filtered_by_solved(sections, reindex, visitor, member):
    category = make_category("fragen", Visibility.PUBLIC)
    start_thread(
        category=category,
        author=member,
        title="Offene Frage Drucker",
        source="Drucker?",
        is_question=True,
    )
    reindex()
    results = services.search("Drucker", visitor, filters={"solved": "no"})
    assert results.total == 1
    assert services.search("Drucker", visitor, filters={"solved": "yes"}).total == 0


def test_an_empty_query_finds_nothing(library, visitor):
    assert services.search("   ", visitor).total == 0
