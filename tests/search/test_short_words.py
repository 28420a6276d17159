"""Short words, acronyms and hyphenated compounds are found, on every backend."""

import pytest
from django.utils import translation

from search import services
from search.analysis import index_terms
from search.backends.database import vocabulary
from search.models import Synonym
from tests.factories import ArticlePageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def titles(query, user):
    return [
        str(hit.title).replace("<mark>", "").replace("</mark>", "")
        for hit in services.search(query, user).page
    ]


@pytest.fixture
def library(sections, reindex):
    ArticlePageFactory(title="KI-Chatbot für Bürgeranfragen", summary="Antworten rund um die Uhr.")
    ArticlePageFactory(title="IT-Sicherheit im Rathaus", summary="Notfallpläne für Ausfälle.")
    ArticlePageFactory(title="Die E-Akte kommt", summary="Papierlos arbeiten im Bauamt.")
    ProjectPageFactory(title="Anträge digital stellen", summary="Das Onlinezugangsgesetz umsetzen.")
    ArticlePageFactory(title="Schulen in Olfen", summary="Tablets für alle Klassen.")
    reindex()


@pytest.mark.parametrize("query", ["KI", "ki"])
def test_an_acronym_of_two_letters_is_found(library, visitor, query):
    assert titles(query, visitor) == ["KI-Chatbot für Bürgeranfragen"]


def test_it_in_capitals_finds_it_security(library, visitor):
    assert titles("IT", visitor) == ["IT-Sicherheit im Rathaus"]


def test_it_in_lower_case_is_an_english_stop_word():
    assert index_terms("it works") == ["work"]


@pytest.mark.parametrize("query", ["eakte", "e-akte", "E-Akte", "E Akte", '"E-Akte"'])
def test_a_hyphenated_word_is_found_with_and_without_its_hyphen(library, visitor, query):
    assert titles(query, visitor)[0] == "Die E-Akte kommt"


def test_a_joined_spelling_finds_the_hyphenated_word_alone(library, visitor):
    assert titles("eakte", visitor) == ["Die E-Akte kommt"]


def test_a_phrase_around_a_hyphenated_word_is_found(library, visitor):
    assert titles('"Die E-Akte kommt"', visitor) == ["Die E-Akte kommt"]


def test_a_shipped_synonym_finds_the_long_form(library, visitor):
    assert titles("OZG", visitor) == ["Anträge digital stellen"]


def test_the_shipped_synonyms_are_editable_synonyms():
    assert Synonym.objects.filter(terms="KI, künstliche Intelligenz").exists()


def test_a_stop_word_alone_finds_nothing(library, visitor):
    assert titles("in", visitor) == []


def test_operators_in_capitals_stay_stop_words():
    assert index_terms("Schulen AND Olfen") == index_terms("Schulen Olfen")


def test_a_hyphenated_word_is_offered_as_a_spelling_suggestion(library, visitor, backend):
    assert services.spelling_suggestion(["eakte"], services.reader_audiences(visitor)) == "e-akte"


def test_the_vocabulary_holds_hyphenated_words_whole():
    assert "e-akte" in vocabulary("Die E-Akte kommt")
