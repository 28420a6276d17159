"""The Elasticsearch backend without a cluster: the requests it builds, how it reads answers,
how it falls back, and the order of its index operations (against a recording fake client)."""

import datetime
import logging

import pytest
from elasticsearch.exceptions import ConnectionError as EsConnectionError

from search.analysis import parse_query
from search.backends import elasticsearch as es
from search.backends.base import SearchRequest, SearchResponse
from search.backends.engine import EngineUnavailable
from search.models import Term
from search.registry import SearchDocument, Segment

AUDIENCES = ("members", "public")


def request(text="Strategie", **kwargs) -> SearchRequest:
    values = {
        "query": parse_query(text),
        "audiences": AUDIENCES,
        "language": "de",
        "default_language": "de",
    }
    values.update(kwargs)
    return SearchRequest(**values)


def document(key="kb:1", title="Digitalisierungsstrategie für Dülmen") -> SearchDocument:
    return SearchDocument(
        key=key,
        kind="article",
        title=title,
        url=f"/{key}/",
        audience="public",
        summary="Wie Dülmen digital wird",
        segments=(Segment("Die Strategie der Stadt"), Segment("Antwort", "post-2")),
        partner="duelmen",
        partner_name="Dülmen",
        topics=(("mobilitaet", "Mobilität"),),
        date=datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC),
    )


def bool_query(body: dict) -> dict:
    return body["query"]["bool"]


def phrases(query: dict) -> list[tuple[str, str]]:
    """Every (field, text) of the match_phrase clauses inside ``query``."""
    found = []
    if isinstance(query, dict):
        for key, value in query.items():
            if key == "match_phrase":
                found.extend((field, spec["query"]) for field, spec in value.items())
            else:
                found.extend(phrases(value))
    elif isinstance(query, list):
        for item in query:
            found.extend(phrases(item))
    return found


class FakeIndices:
    """Records index operations; ``behind`` are the concrete indexes the alias points to."""

    def __init__(self, log, behind=()):
        self.log = log
        self.behind = list(behind)

    def create(self, index, settings, mappings, aliases=None):
        self.log.append(("create", index, aliases))

    def refresh(self, index):
        self.log.append(("refresh", index))

    def exists(self, index):
        return bool(self.behind)

    def exists_alias(self, name):
        return bool(self.behind)

    def get_alias(self, name):
        return {index: {"aliases": {name: {}}} for index in self.behind}

    def update_aliases(self, actions):
        self.log.append(("update_aliases", actions))

    def delete(self, index):
        self.log.append(("delete", index))


class FakeClient:
    def __init__(self, behind=(), answer=None, error=None):
        self.log = []
        self.indices = FakeIndices(self.log, behind)
        self.answer = answer
        self.error = error

    def options(self, **kwargs):
        return self

    def search(self, index, body):
        self.log.append(("search", index, body))
        if self.error:
            raise self.error
        return self.answer


class FakeDatabase:
    def __init__(self):
        self.response = SearchResponse(total=1, hits=[], facets={"kind": {"article": 1}})

    def search(self, request):
        return self.response

    def autocomplete(self, prefix, audiences, language, limit=8):
        return [("Aus der Datenbank", "/db/")]

    def spelling(self, word, audiences):
        return "strategie"


@pytest.fixture
def recorded_bulk(monkeypatch):
    """Replaces the bulk helper; returns the list of (client, actions) it was called with."""
    calls = []

    def fake_bulk(client, actions, **kwargs):
        actions = list(actions)
        calls.append(actions)
        client.log.append(("bulk", len(actions)))
        return len(actions), []

    monkeypatch.setattr(es, "bulk", fake_bulk)
    return calls


@pytest.fixture
def database(monkeypatch):
    fake = FakeDatabase()
    monkeypatch.setattr(es, "database_backend", lambda: fake)
    return fake


def backend(client) -> es.ElasticsearchBackend:
    return es.ElasticsearchBackend(client=client, alias="wissensnetz", compound_words=["teil"])


# --- mapping and settings ------------------------------------------------------------------


def test_the_mapping_uses_the_german_analyzer_on_title_summary_and_body():
    properties = es.mapping()["properties"]

    assert {properties[f]["analyzer"] for f in ("title", "summary", "body")} == {es.GERMAN}


def test_the_mapping_keeps_offsets_of_the_german_fields_for_highlighting():
    properties = es.mapping()["properties"]

    assert {properties[f]["index_options"] for f in ("title", "summary", "body")} == {"offsets"}


def test_the_mapping_splits_the_analysed_fields_on_whitespace_only():
    properties = es.mapping()["properties"]

    assert {properties[f"analysed_{f}"]["analyzer"] for f in ("title", "summary", "body")} == {
        "whitespace"
    }


def test_index_settings_drop_stop_words_normalise_decompound_then_light_stem():
    settings = es.index_settings(["strategie"])
    analysis = settings["analysis"]
    chain = analysis["analyzer"][es.GERMAN]["filter"]
    kinds = [analysis["filter"].get(name, {}).get("type", name) for name in chain]

    assert kinds == [
        "lowercase",
        "stop",
        "german_normalization",
        "dictionary_decompounder",
        "stemmer",
    ]
    assert analysis["filter"]["german_stop"]["stopwords"] == "_german_"
    assert analysis["filter"]["german_light_stem"]["language"] == "light_german"


def test_the_decompounder_keeps_only_the_longest_match():
    decompounder = es.index_settings(["strategie"])["analysis"]["filter"]["german_decompounder"]

    assert decompounder["only_longest_match"] is True


def test_the_decompounder_word_list_is_written_as_german_normalization_leaves_tokens():
    decompounder = es.index_settings(["Bürger", "Straße"])["analysis"]["filter"][
        "german_decompounder"
    ]

    assert decompounder["word_list"] == ["burger", "strasse"]


def test_without_a_vocabulary_the_decompounder_gets_the_default_parts():
    decompounder = es.index_settings()["analysis"]["filter"]["german_decompounder"]

    assert decompounder["word_list"] == list(es.DEFAULT_COMPOUND_PARTS)


def test_compound_parts_lose_their_linking_s():
    parts = es.compound_word_list(["digitalisierungsstrategie", "zugang", "onlinezugangsgesetz"])

    assert {"digitalisierung", "strategie", "zugang", "gesetz"} <= set(parts)


@pytest.mark.django_db
def test_the_decompounder_word_list_comes_from_the_database_vocabulary():
    Term.objects.create(word="verwaltungsportal", audience="public", frequency=3)

    words = es.ElasticsearchBackend(alias="wissensnetz").compound_words()

    assert {"verwaltung", "portal"} <= set(words)


# --- documents -----------------------------------------------------------------------------


def test_a_document_carries_the_terms_search_analysis_made():
    source = es.document_source(document())

    assert source["analysed_title"] == "digitalisierungsstrategi digitalisier strategi dulm"


def test_a_language_neutral_document_stores_an_empty_language_for_the_filter():
    assert es.document_source(document())["language"] == ""


def test_every_title_word_starts_a_completion_input():
    source = es.document_source(document(title="Neue Strategie"))

    assert source["suggest"]["input"] == ["Neue Strategie", "Strategie"]


def test_a_documents_completion_context_joins_audience_and_language():
    source = es.document_source(document())

    assert source["suggest"]["contexts"] == {es.VISIBILITY: ["public|"]}


# --- query bodies --------------------------------------------------------------------------


def test_a_query_body_filters_by_the_given_audiences():
    body = es.query_body(request())

    assert {"terms": {"audience": list(AUDIENCES)}} in bool_query(body)["filter"]


def test_a_visitors_query_body_keeps_the_audience_filter_beside_facet_filters():
    body = es.query_body(
        request(audiences=("public",), filters=(("kind", "article"), ("topic", "mobilitaet")))
    )

    filters = bool_query(body)["filter"]
    assert {"terms": {"audience": ["public"]}} in filters
    assert {"term": {"kind": "article"}} in filters
    assert {"term": {"topics": "mobilitaet"}} in filters


def test_a_non_default_language_admits_originals_not_translated_into_it():
    body = es.query_body(request(language="en"))

    language = bool_query(body)["filter"][1]
    assert language == {
        "bool": {
            "should": [
                {"terms": {"language": ["", "en"]}},
                {
                    "bool": {
                        "filter": [{"term": {"language": "de"}}],
                        "must_not": [{"term": {"translated_into": "en"}}],
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }


def test_the_default_language_admits_itself_and_neutral_entries():
    body = es.query_body(request())

    assert bool_query(body)["filter"][1] == {"terms": {"language": ["", "de"]}}


def test_a_malformed_year_filter_matches_nothing():
    body = es.query_body(request(filters=(("year", "zwanzig"),)))

    assert {"match_none": {}} in bool_query(body)["filter"]


def test_a_quoted_phrase_becomes_a_required_match_phrase_on_the_analysed_fields():
    body = es.query_body(request('"digitale Verwaltung"'))

    assert set(phrases(bool_query(body)["must"])) == {
        ("analysed_title", "digital verwalt"),
        ("analysed_summary", "digital verwalt"),
        ("analysed_body", "digital verwalt"),
    }


def test_the_title_weighs_four_times_and_the_summary_twice_as_much_as_the_body():
    body = es.query_body(request('"digitale Verwaltung"'))

    fields = bool_query(body)["must"][0]["bool"]["should"]
    boosts = {
        field: spec["boost"] for clause in fields for field, spec in clause["match_phrase"].items()
    }
    assert boosts == {"analysed_title": 4, "analysed_summary": 2, "analysed_body": 1}


def test_a_minus_word_becomes_must_not():
    body = es.query_body(request("Strategie -Bonn"))

    assert set(phrases(bool_query(body)["must_not"])) == {
        ("analysed_title", "bonn"),
        ("analysed_summary", "bonn"),
        ("analysed_body", "bonn"),
    }


def test_at_least_one_of_the_words_has_to_match():
    body = es.query_body(request("Strategie Dülmen"))

    words = bool_query(body)["must"][0]["bool"]
    assert words["minimum_should_match"] == 1
    assert len(words["should"]) == 2


def test_a_compound_matches_as_a_whole_or_as_its_parts_in_order():
    body = es.query_body(request("Digitalisierungsstrategie"))

    texts = {text for field, text in phrases(bool_query(body)["must"]) if "title" in field}
    assert texts == {"digitalisierungsstrategi", "digitalisier strategi"}


def test_the_german_fields_only_add_score():
    body = es.query_body(request("Strategie"))

    assert bool_query(body)["should"][0]["multi_match"]["query"] == "Strategie"
    assert "minimum_should_match" not in bool_query(body)


def test_facets_become_terms_aggregations():
    aggregations = es.query_body(request())["aggs"]

    assert set(aggregations) == {"kind", "topic", "partner", "year", "solved"}
    assert all("terms" in aggregation for aggregation in aggregations.values())


def test_highlighting_marks_with_mark_tags_and_escapes_html():
    highlight = es.query_body(request())["highlight"]

    assert (highlight["pre_tags"], highlight["post_tags"]) == (["<mark>"], ["</mark>"])
    assert highlight["encoder"] == "html"
    assert set(highlight["fields"]) == {"summary", "body", "posts"}


def test_sorting_by_date_puts_the_newest_first_and_undated_entries_last():
    body = es.query_body(request(sort="date"))

    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert body["track_scores"] is True


def test_sorting_by_relevance_orders_by_score():
    body = es.query_body(request())

    assert body["sort"][0] == {"_score": {"order": "desc"}}


def test_from_and_size_come_from_offset_and_limit():
    body = es.query_body(request(offset=20, limit=10))

    assert (body["from"], body["size"]) == (20, 10)


def test_the_total_is_counted_exactly():
    assert es.query_body(request())["track_total_hits"] is True


def test_the_autocomplete_body_carries_audience_and_language_contexts():
    body = es.autocomplete_body("dig", ("members", "public"), "en", 8)

    completion = body["suggest"]["titles"]["completion"]
    assert completion["contexts"] == {
        es.VISIBILITY: ["members|", "members|en", "public|", "public|en"]
    }
    assert body["suggest"]["titles"]["prefix"] == "dig"


# --- reading answers -----------------------------------------------------------------------

ANSWER = {
    "hits": {
        "total": {"value": 1, "relation": "eq"},
        "hits": [
            {
                "_score": 3.5,
                "_source": {
                    "key": "kb:1",
                    "kind": "article",
                    "title": "Digitalisierungsstrategie",
                    "url": "/kb:1/",
                    "summary": "",
                    "body": "Die Strategie",
                    "partner": "duelmen",
                    "partner_name": "Dülmen",
                    "topic_labels": ["Mobilität", "Bildung"],
                    "date": "2024-05-01T00:00:00+00:00",
                    "solved": None,
                    "review_due_on": "2025-01-31",
                },
                "highlight": {"body": ["Die <mark>Strategie</mark>"]},
            }
        ],
    },
    "aggregations": {
        "kind": {"buckets": [{"key": "article", "doc_count": 1}]},
        "topic": {"buckets": [{"key": "mobilitaet|Mobilität", "doc_count": 1}]},
        "partner": {"buckets": [{"key": "duelmen|Dülmen", "doc_count": 1}]},
        "year": {"buckets": [{"key": 2024, "doc_count": 1}]},
        "solved": {"buckets": [{"key": 0, "key_as_string": "false", "doc_count": 1}]},
    },
}


def test_a_search_answer_becomes_hits_with_the_score_of_elasticsearch():
    response = backend(FakeClient(answer=ANSWER)).search(request())

    hit = response.hits[0]
    assert (response.total, hit.key, hit.score) == (1, "kb:1", 3.5)
    assert hit.topics == "Mobilität, Bildung"
    assert hit.date == datetime.datetime(2024, 5, 1, tzinfo=datetime.UTC)
    assert hit.review_due_on == datetime.date(2025, 1, 31)


def test_a_search_answer_counts_facets_as_the_database_backend_names_them():
    response = backend(FakeClient(answer=ANSWER)).search(request())

    assert response.facets == {
        "kind": {"article": 1},
        "topic": {"mobilitaet": 1},
        "partner": {"duelmen": 1},
        "year": {"2024": 1},
        "solved": {"no": 1},
    }


def test_a_search_answer_labels_topics_and_partners():
    response = backend(FakeClient(answer=ANSWER)).search(request())

    assert response.labels == {
        ("topic", "mobilitaet"): "Mobilität",
        ("partner", "duelmen"): "Dülmen",
    }


def test_an_empty_query_is_not_sent():
    client = FakeClient(answer=ANSWER)

    response = backend(client).search(request(""))

    assert (response.total, client.log) == (0, [])


def test_autocomplete_returns_titles_and_urls_of_the_suggestions():
    answer = {
        "suggest": {
            "titles": [{"options": [{"_source": {"title": "Digitale Stadt", "url": "/a/"}}]}]
        }
    }

    found = backend(FakeClient(answer=answer)).autocomplete("dig", ("public",), "de")

    assert found == [("Digitale Stadt", "/a/")]


# --- falling back --------------------------------------------------------------------------


def test_search_answers_from_the_database_when_elasticsearch_is_unreachable(database):
    client = FakeClient(error=EsConnectionError("connection refused"))

    assert backend(client).search(request()) is database.response


def test_search_logs_a_warning_when_it_falls_back(database, caplog):
    client = FakeClient(error=EsConnectionError("connection refused"))

    with caplog.at_level(logging.WARNING, logger=es.logger.name):
        backend(client).search(request())

    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert caplog.records[0].exc_info is not None


def test_autocomplete_answers_from_the_database_when_elasticsearch_is_unreachable(database):
    client = FakeClient(error=EsConnectionError("connection refused"))

    found = backend(client).autocomplete("dig", ("public",), "de")

    assert found == [("Aus der Datenbank", "/db/")]


def test_spelling_asks_the_database_backend(database):
    assert backend(FakeClient()).spelling("strategei", ("public",)) == "strategie"


def test_constructing_the_backend_does_not_connect(settings):
    settings.ELASTICSEARCH_URL = "http://elasticsearch.invalid:9200"

    backend = es.ElasticsearchBackend()

    assert "client" not in vars(backend)


# --- writing -------------------------------------------------------------------------------


def test_rebuild_switches_the_alias_atomically(recorded_bulk):
    client = FakeClient(behind=["wissensnetz-old"])

    backend(client).rebuild([document()])

    switches = [entry for entry in client.log if entry[0] == "update_aliases"]
    new = next(entry[1] for entry in client.log if entry[0] == "create")
    assert switches == [
        (
            "update_aliases",
            [
                {"remove": {"index": "wissensnetz-old", "alias": "wissensnetz"}},
                {"add": {"index": new, "alias": "wissensnetz"}},
            ],
        )
    ]


def test_rebuild_deletes_the_old_index_only_after_switching(recorded_bulk):
    client = FakeClient(behind=["wissensnetz-old"])

    backend(client).rebuild([document()])

    operations = [entry[0] for entry in client.log]
    assert operations == ["create", "bulk", "refresh", "update_aliases", "delete"]
    assert client.log[-1] == ("delete", "wissensnetz-old")


def test_rebuild_fills_a_new_timestamped_index_without_the_alias(recorded_bulk):
    client = FakeClient()

    backend(client).rebuild([document()])

    _, name, aliases = client.log[0]
    assert name.startswith("wissensnetz-") and name[len("wissensnetz-") :].isdigit()
    assert aliases is None
    assert recorded_bulk[0][0]["_index"] == name


def test_rebuild_reports_progress_per_chunk_of_five_hundred(recorded_bulk):
    reported = []

    written = backend(FakeClient()).rebuild(
        (document(key=f"kb:{n}") for n in range(1200)), progress=reported.append
    )

    assert (written, reported) == (1200, [500, 500, 200])


def test_a_failed_rebuild_deletes_its_new_index_and_raises(monkeypatch):
    def failing_bulk(client, actions, **kwargs):
        raise EsConnectionError("connection reset")

    monkeypatch.setattr(es, "bulk", failing_bulk)
    client = FakeClient(behind=["wissensnetz-old"])

    with pytest.raises(EngineUnavailable):
        backend(client).rebuild([document()])

    new = client.log[0][1]
    assert client.log[-1] == ("delete", new)
    assert not any(entry[0] == "update_aliases" for entry in client.log)


def test_indexing_creates_the_index_with_its_alias_when_it_is_missing(recorded_bulk):
    client = FakeClient()

    backend(client).index([document()])

    assert client.log[0][2] == {"wissensnetz": {}}
    assert recorded_bulk[0][0]["_index"] == "wissensnetz"


# --- what the emulator does not show: refresh and the engine's snippets --------------------


def test_a_new_index_makes_writes_searchable_within_a_second():
    assert es.index_settings()["refresh_interval"] == "1s"


def test_a_search_asks_for_no_bodies():
    assert "body" not in es.query_body(request())["_source"]


def test_the_engine_cuts_one_passage_of_a_body_and_whole_posts():
    fields = es.query_body(request())["highlight"]["fields"]

    assert fields["body"]["number_of_fragments"] == 1
    assert fields["posts"] == {"number_of_fragments": 0}


def terms(text):
    return parse_query(text).highlight_terms()


def test_a_snippet_keeps_the_engines_marks_that_the_query_confirms():
    marked = "Die <mark>Strategie</mark> der <mark>Stadt</mark>"

    snippet = es.engine_snippet({"body": [marked]}, "", terms("Strategie"))

    assert str(snippet.html) == "… Die <mark>Strategie</mark> der Stadt …"


def test_a_snippet_is_escaped_again_after_the_engines_encoding():
    marked = "&lt;script&gt; <mark>Strategie</mark>"

    snippet = es.engine_snippet({"summary": [marked]}, "", terms("Strategie"))

    assert str(snippet.html) == "&lt;script&gt; <mark>Strategie</mark>"


def test_a_thread_snippet_comes_from_the_post_with_the_most_query_words_and_links_to_it():
    posts = [
        "post-1\x1f<mark>Wubbeltal</mark>: wie ordnet ihr?",
        "post-2\x1f<mark>Wubbeltal</mark>: <mark>Vorkalin</mark> ordnet.",
    ]

    snippet = es.engine_snippet({"posts": posts}, "", terms("Wubbeltal Vorkalin"))

    assert snippet.anchor == "post-2"
    assert "<mark>Vorkalin</mark>" in str(snippet.html)


def test_without_a_match_in_body_or_posts_the_summary_is_the_snippet():
    unmarked_body = {"body": ["Der Anfang des Textes"]}

    snippet = es.engine_snippet(unmarked_body, "Kurz & gut", terms("Strategie"))

    assert str(snippet.html) == "Kurz &amp; gut"
