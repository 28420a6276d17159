"""Elasticsearch behind the search interface, for when the site outgrows the database's engine.

Matching agrees with the database backend because both get their terms from
``search.analysis``: every entry carries ``analysed_title``, ``analysed_summary`` and
``analysed_body`` — the already-stemmed and decompounded terms, separated by spaces and split
only on whitespace — and every alternative of a ``ParsedQuery`` becomes a ``match_phrase`` on
them. The ordinary German text fields (``title``, ``summary``, ``body``) add a little score on
top and are what the highlighter marks.

The index behind the alias ``settings.ELASTICSEARCH_INDEX`` is replaced without downtime: a
rebuild fills a new concrete index and moves the alias in one step. Reads that fail because
the cluster cannot answer fall back to the database backend, which is always kept up to date
as well; writes log the failure and raise, so the indexing task retries and ``search_check``
reports.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import islice

from compound_split import char_split
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError, NotFoundError, TransportError
from elasticsearch.helpers import BulkIndexError, bulk, scan
from elasticsearch_dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    MetaField,
    Text,
)

from ..analysis import (
    COMPOUND_THRESHOLD,
    MIN_COMPOUND_LENGTH,
    MIN_PART_LENGTH,
    WORD,
    ParsedQuery,
    index_terms,
    words,
)
from ..registry import SearchDocument
from . import database_backend
from .base import Hit, SearchBackend, SearchRequest, SearchResponse

logger = logging.getLogger(__name__)

# Everything a cluster that cannot answer raises: no connection or a timeout (``ConnectionError``
# and ``ConnectionTimeout`` are elastic_transport's ``TransportError``s) or an HTTP error status
# (a missing index, a red cluster).
UNAVAILABLE = (TransportError, ApiError)

GERMAN = "german_text"
AUTOCOMPLETE = "autocomplete"
WHITESPACE = "whitespace"
# Completion contexts are OR-ed across context names, so separate "audience" and "language"
# contexts would suggest a members-only entry to a visitor asking in its language. One context
# holding "<audience>|<language>" makes both conditions hold at once.
VISIBILITY = "visibility"
WEIGHTS = {"title": 4, "summary": 2, "body": 1}
CHUNK_SIZE = 500
READ_TIMEOUT = 2
WRITE_TIMEOUT = 60
# A title yields one completion input per word it contains, so that any word can be typed.
MAX_SUGGEST_INPUTS = 30
MAX_COMPOUND_PARTS = 5000
# How many of the most frequent database words the compound parts are taken from.
VOCABULARY_SAMPLE = 50_000
# Facet name → (field aggregated, at most how many values).
FACET_AGGREGATIONS = {
    "kind": ("kind", 20),
    "topic": ("topic_facets", 500),
    "partner": ("partner_facet", 500),
    "year": ("year", 200),
    "solved": ("solved", 2),
}
# The slug and label of a topic or partner, kept together so that one aggregation gives both.
LABEL_SEPARATOR = "|"
HIT_SOURCE = [
    "key",
    "kind",
    "title",
    "url",
    "summary",
    "body",
    "partner",
    "partner_name",
    "topic_labels",
    "date",
    "solved",
    "review_due_on",
]
# Common parts of the compounds the network writes about, for an index built before the
# database has a vocabulary to derive them from.
DEFAULT_COMPOUND_PARTS = (
    "antrag",
    "beteiligung",
    "bildung",
    "burger",
    "daten",
    "dienst",
    "digitalisierung",
    "gemeinde",
    "gesetz",
    "kommune",
    "konzept",
    "leistung",
    "mobilitat",
    "netz",
    "online",
    "plattform",
    "portal",
    "projekt",
    "schule",
    "service",
    "stadt",
    "strategie",
    "verwaltung",
    "zugang",
)
# Suffixes after which a compound's head ends in a linking "s" ("Digitalisierungs|strategie").
LINKING_S_AFTER = ("ung", "heit", "keit", "schaft", "ion", "tat", "ing", "tum")


class SearchEntryDocument(Document):
    """One entry as Elasticsearch stores it; only its mapping and serialisation are used."""

    key = Keyword()
    kind = Keyword()
    language = Keyword()
    audience = Keyword()
    translated_into = Keyword(multi=True)
    title = Text(analyzer=GERMAN, index_options="offsets")
    summary = Text(analyzer=GERMAN, index_options="offsets")
    body = Text(analyzer=GERMAN, index_options="offsets")
    analysed_title = Text(analyzer=WHITESPACE)
    analysed_summary = Text(analyzer=WHITESPACE)
    analysed_body = Text(analyzer=WHITESPACE)
    suggest = Completion(analyzer=AUTOCOMPLETE, contexts=[{"name": VISIBILITY, "type": "category"}])
    partner = Keyword()
    partner_name = Keyword(index=False)
    partner_facet = Keyword()
    topics = Keyword(multi=True)
    topic_labels = Keyword(multi=True, index=False)
    topic_facets = Keyword(multi=True)
    year = Integer()
    solved = Boolean()
    date = Date()
    review_due_on = Date()
    checksum = Keyword()
    url = Keyword(index=False, doc_values=False)

    class Meta:
        # A field written by mistake fails loudly instead of growing the mapping.
        dynamic = MetaField("strict")


def mapping() -> dict:
    """The mapping of ``SearchEntryDocument`` as the index-creation request carries it."""
    return SearchEntryDocument._doc_type.mapping.to_dict()


def german_normalised(word: str) -> str:
    """``word`` as Lucene's ``german_normalization`` filter leaves it (after lowercasing).

    ``ß`` becomes ``ss``, umlauts lose their dots, ``ae``/``oe`` become ``a``/``o`` and ``ue``
    becomes ``u`` unless a vowel or ``q`` precedes it. The decompounder runs after this
    filter, so its word list has to be written the same way to match anything.
    """
    ordinary, after_vowel, umlaut = 0, 1, 2
    state = ordinary
    out = []
    for ch in word.lower():
        if ch in "ao":
            state = umlaut
        elif ch == "u":
            state = umlaut if state == ordinary else after_vowel
        elif ch == "e":
            if state == umlaut:
                state = after_vowel
                continue
            state = after_vowel
        elif ch in "iqy":
            state = after_vowel
        elif ch in "äöü":
            ch = {"ä": "a", "ö": "o", "ü": "u"}[ch]
            state = after_vowel
        elif ch == "ß":
            ch = "ss"
            state = ordinary
        else:
            state = ordinary
        out.append(ch)
    return "".join(out)


def _split(word: str, known: set[str]) -> list[str]:
    """The parts of a compound as written, head first, by the thresholds of ``analysis``.

    A head's linking "s" ("Digitalisierungs|strategie", "Zugangs|gesetz") is dropped when
    the head is a known word without it or ends like a noun that takes one, so the part
    matches the word on its own; "Kreis|verwaltung" keeps its "s".
    """
    if len(word) < MIN_COMPOUND_LENGTH or not word.isalpha():
        return []
    score, head, tail = char_split.split_compound(word)[0]
    head, tail = head.lower(), tail.lower()
    if score < COMPOUND_THRESHOLD or min(len(head), len(tail)) < MIN_PART_LENGTH:
        return []
    if head.endswith("s") and (head[:-1] in known or head[:-1].endswith(LINKING_S_AFTER)):
        head = head[:-1]
    return [head, *(_split(tail, known) or [tail])]


def compound_word_list(vocabulary: Iterable[str], limit: int = MAX_COMPOUND_PARTS) -> list[str]:
    """The parts the ``vocabulary``'s compounds are made of, the ``limit`` most common,
    normalised for the decompounder (``german_normalised``)."""
    known = {word.lower() for word in vocabulary}
    counts: Counter = Counter()
    for word in known:
        counts.update(_split(word, known))
    return sorted({german_normalised(part) for part, _ in counts.most_common(limit)} - {""})


def index_settings(compound_words: Iterable[str] | None = None) -> dict:
    """Settings for a new index: one shard and the analyzers the mapping names.

    ``german_text`` (title, summary, body) needs no plugin: the standard tokenizer,
    ``lowercase``, ``german_normalization`` (ß, umlauts and their ae/oe/ue spellings), a
    ``dictionary_decompounder`` and ``german_light_stem``. The decompounder is the dictionary
    kind because ``hyphenation_decompounder`` needs a hyphenation grammar file on every node;
    its word list holds ``compound_words`` — the parts of the compounds in the vocabulary
    (``compound_word_list``), or a small default list — keeping only the longest match at
    each position. Synonyms are left out: ``search.analysis`` expands them at query time,
    into the terms the ``analysed_*`` fields are matched with.

    ``autocomplete`` folds case, umlauts and accents alike, so "dulm", "dülm" and "duelm"
    complete "Dülmen".
    """
    word_list = sorted({german_normalised(w) for w in compound_words or ()} - {""}) or list(
        DEFAULT_COMPOUND_PARTS
    )
    return {
        # A few ten thousand entries fit one shard, and with one shard the term statistics
        # that rank hits do not depend on which shard an entry landed on.
        "number_of_shards": 1,
        "analysis": {
            "filter": {
                "german_decompounder": {
                    "type": "dictionary_decompounder",
                    "word_list": word_list,
                    "only_longest_match": True,
                    "min_word_size": MIN_COMPOUND_LENGTH,
                    "min_subword_size": MIN_PART_LENGTH,
                    "max_subword_size": 30,
                },
                "german_light_stem": {"type": "stemmer", "language": "light_german"},
            },
            "analyzer": {
                GERMAN: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "german_normalization",
                        "german_decompounder",
                        "german_light_stem",
                    ],
                },
                AUTOCOMPLETE: {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "german_normalization", "asciifolding"],
                },
            },
        },
    }


def suggest_inputs(title: str) -> list[str]:
    """The title from each of its words on: completion matches an input's start only."""
    return [title[m.start() :] for m in islice(WORD.finditer(title), MAX_SUGGEST_INPUTS)]


def visibility(audience: str, language: str) -> str:
    """The completion context value of an entry with this audience and language."""
    return f"{audience}|{language}"


def document_source(document: SearchDocument) -> dict:
    """The stored fields of ``document``, empty values kept (the filters match on "")."""
    body_text = " ".join(s.text for s in document.segments)
    entry = SearchEntryDocument(
        key=document.key,
        kind=str(document.kind),
        language=document.language,
        audience=document.audience,
        translated_into=list(document.translated_into),
        title=document.title,
        summary=document.summary,
        body=document.body,
        analysed_title=" ".join(index_terms(document.title)),
        analysed_summary=" ".join(index_terms(document.summary)),
        analysed_body=" ".join(index_terms(body_text)),
        suggest={
            "input": suggest_inputs(document.title),
            "contexts": {VISIBILITY: [visibility(document.audience, document.language)]},
        },
        partner=document.partner,
        partner_name=document.partner_name,
        partner_facet=(
            f"{document.partner}{LABEL_SEPARATOR}{document.partner_name}"
            if document.partner
            else ""
        ),
        topics=[slug for slug, _ in document.topics],
        topic_labels=[label for _, label in document.topics],
        topic_facets=[f"{slug}{LABEL_SEPARATOR}{label}" for slug, label in document.topics],
        year=document.date.year if document.date else None,
        solved=document.solved,
        date=document.date,
        review_due_on=document.review_due_on,
        checksum=document.checksum(),
        url=document.url,
    )
    return entry.to_dict(skip_empty=False)


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _phrase(terms: tuple[str, ...]) -> dict:
    """Analysed terms standing in this order in title, summary or body (weighted)."""
    text = " ".join(terms)
    return {
        "bool": {
            "should": [
                {"match_phrase": {f"analysed_{field}": {"query": text, "boost": weight}}}
                for field, weight in WEIGHTS.items()
            ],
            "minimum_should_match": 1,
        }
    }


def _clause(alternatives: tuple[tuple[str, ...], ...]) -> dict:
    if len(alternatives) == 1:
        return _phrase(alternatives[0])
    return {"bool": {"should": [_phrase(a) for a in alternatives], "minimum_should_match": 1}}


def _facet_filter(name: str, value: str) -> dict:
    """The filter of one facet value; a value no entry can have matches nothing, as in the
    database backend (a malformed year must not become a query error)."""
    if name == "kind":
        return {"term": {"kind": value}}
    if name == "topic":
        return {"term": {"topics": value}}
    if name == "partner":
        return {"term": {"partner": value}}
    if name == "year" and value.isdigit():
        return {"term": {"year": int(value)}}
    if name == "solved" and value in ("yes", "no"):
        return {"term": {"solved": value == "yes"}}
    return {"match_none": {}}


def _language_filter(language: str, default_language: str) -> dict:
    """Entries in ``language``, language-neutral ones, and originals not translated into it."""
    own = {"terms": {"language": ["", language]}}
    if language == default_language:
        return own
    untranslated = {
        "bool": {
            "filter": [{"term": {"language": default_language}}],
            "must_not": [{"term": {"translated_into": language}}],
        }
    }
    return {"bool": {"should": [own, untranslated], "minimum_should_match": 1}}


def query_body(request: SearchRequest) -> dict:
    """The ``_search`` body answering ``request``: matches, facet counts and highlights."""
    query: ParsedQuery = request.query
    filters = [
        {"terms": {"audience": list(request.audiences)}},
        _language_filter(request.language, request.default_language),
        *(_facet_filter(name, value) for name, value in request.filters),
    ]
    must = [_clause(c.alternatives) for c in query.must]
    if query.should:
        must.insert(
            0,
            {
                "bool": {
                    "should": [_clause(c.alternatives) for c in query.should],
                    "minimum_should_match": 1,
                }
            },
        )
    must_not = [_phrase(terms) for terms in query.must_not]
    typed = " ".join(query.words)
    german = {
        "multi_match": {
            "query": typed,
            "fields": [f"{field}^{weight}" for field, weight in WEIGHTS.items()],
        }
    }
    bool_query: dict = {"filter": filters, "must": must, "must_not": must_not}
    if typed:
        # Outside ``must``: the German fields only add score, matching stays as in the
        # database backend.
        bool_query["should"] = [german]
    if request.sort == "relevance":
        sort = [{"_score": {"order": "desc"}}]
    else:
        sort = [{"date": {"order": "desc", "missing": "_last"}}, {"_score": {"order": "desc"}}]
    # Equal sort values would otherwise come back in any order, so pages could overlap.
    sort.append({"key": {"order": "asc"}})
    body: dict = {
        "query": {"bool": bool_query},
        "from": request.offset,
        "size": request.limit,
        "sort": sort,
        "track_scores": True,
        "track_total_hits": True,
        "_source": HIT_SOURCE,
        "aggs": {
            name: {"terms": {"field": field, "size": size}}
            for name, (field, size) in FACET_AGGREGATIONS.items()
        },
    }
    if typed:
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "highlight_query": german,
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {"fragment_size": 200, "number_of_fragments": 3},
            },
        }
    return body


def autocomplete_body(prefix: str, audiences: tuple[str, ...], language: str, limit: int) -> dict:
    """The ``_search`` body of a completion suggestion, only among visible entries.

    Every title word starts an input (``suggest_inputs``), so the prefix completes a word
    anywhere in a title, as the database backend does. ``skip_duplicates`` is not set: it
    compares the matched input, and two titles ending in the same words would then hide one
    another; each entry is suggested once anyway.
    """
    return {
        "size": 0,
        "_source": ["title", "url"],
        "suggest": {
            "titles": {
                "prefix": prefix,
                "completion": {
                    "field": "suggest",
                    "size": limit,
                    "contexts": {
                        VISIBILITY: [
                            visibility(audience, lang)
                            for audience in audiences
                            for lang in dict.fromkeys(("", language))
                        ]
                    },
                },
            }
        },
    }


def _hit(raw: dict) -> Hit:
    source = raw.get("_source", {})
    date = source.get("date")
    due = source.get("review_due_on")
    return Hit(
        key=source["key"],
        kind=source.get("kind", ""),
        title=source.get("title", ""),
        url=source.get("url", ""),
        summary=source.get("summary") or "",
        body=source.get("body") or "",
        partner=source.get("partner") or "",
        partner_name=source.get("partner_name") or "",
        topics=", ".join(source.get("topic_labels") or ()),
        date=parse_datetime(date) if date else None,
        solved=source.get("solved"),
        review_due_on=parse_date(due) if due else None,
        score=float(raw.get("_score") or 0.0),
    )


def parse_facets(aggregations: dict) -> tuple[dict[str, dict[str, int]], dict]:
    """Facet counts {name: {value: count}} and labels {(name, value): label} of a response."""
    facets: dict[str, dict[str, int]] = defaultdict(dict)
    labels: dict[tuple[str, str], str] = {}
    for name in FACET_AGGREGATIONS:
        for bucket in aggregations.get(name, {}).get("buckets", ()):
            key, count = bucket["key"], bucket["doc_count"]
            if name in ("topic", "partner"):
                value, _, label = str(key).partition(LABEL_SEPARATOR)
                facets[name][value] = facets[name].get(value, 0) + count
                # A renamed label shows up under both spellings until reindexed; pick one
                # the way the database backend does (max).
                if label and label > labels.get((name, value), ""):
                    labels[(name, value)] = label
            elif name == "solved":
                value = "yes" if bucket.get("key_as_string", str(key)) in ("true", "1") else "no"
                facets[name][value] = count
            else:
                facets[name][str(key)] = count
    return dict(facets), labels


class ElasticsearchBackend(SearchBackend):
    """Search in an Elasticsearch cluster, with the database backend as the fallback.

    ``client`` and ``alias`` default to ``settings.ELASTICSEARCH_URL`` and
    ``settings.ELASTICSEARCH_INDEX``; the client is made on first use, so constructing the
    backend never connects. ``compound_words`` fixes the decompounder's word list; by default
    it is derived from the database's vocabulary when an index is created.
    """

    name = "elasticsearch"
    # The request bodies, pure and checkable without a cluster.
    mapping = staticmethod(mapping)
    index_settings = staticmethod(index_settings)
    query_body = staticmethod(query_body)
    autocomplete_body = staticmethod(autocomplete_body)

    def __init__(self, client=None, alias: str | None = None, compound_words=None):
        if client is not None:
            self.client = client
        self.alias = alias or settings.ELASTICSEARCH_INDEX
        self._compound_words = compound_words

    @cached_property
    def client(self) -> Elasticsearch:
        """The cluster client; reads give up after two seconds and fall back."""
        if not settings.ELASTICSEARCH_URL:
            raise ImproperlyConfigured("ElasticsearchBackend needs ELASTICSEARCH_URL.")
        return Elasticsearch(
            hosts=[settings.ELASTICSEARCH_URL],
            request_timeout=READ_TIMEOUT,
            max_retries=1,
            retry_on_timeout=False,
        )

    @property
    def writer(self):
        """The client with a timeout long enough for bulk requests and index creation."""
        return self.client.options(request_timeout=WRITE_TIMEOUT)

    # --- writing ---------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> None:
        documents = list({d.key: d for d in documents}.values())
        if not documents:
            return
        try:
            self._ensure_index()
            for chunk in _chunks(documents, CHUNK_SIZE):
                bulk(self.writer, (self._index_action(self.alias, d) for d in chunk))
        except (*UNAVAILABLE, BulkIndexError):
            logger.error("Elasticsearch could not index documents.", exc_info=True)
            raise

    def delete(self, keys: Iterable[str]) -> None:
        try:
            if not self.client.indices.exists(index=self.alias):
                return
            for chunk in _chunks(keys, CHUNK_SIZE):
                bulk(
                    self.writer,
                    ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in chunk),
                    # Unknown keys are ignored, as the interface promises.
                    ignore_status=404,
                )
        except (*UNAVAILABLE, BulkIndexError):
            logger.error("Elasticsearch could not delete documents.", exc_info=True)
            raise

    def clear(self) -> None:
        try:
            old, legacy = self._behind_alias()
            for index in [*old, *legacy]:
                self.writer.indices.delete(index=index)
            self._create_index(with_alias=True)
        except UNAVAILABLE:
            logger.error("Elasticsearch could not clear the index.", exc_info=True)
            raise

    def rebuild(self, documents: Iterable[SearchDocument], progress=None) -> int:
        """Fill a new concrete index, then point the alias at it in one atomic step.

        Searches keep reading the old index until the alias moves; a failed rebuild deletes
        its half-filled index and leaves the old one serving.
        """
        client = self.writer
        new = None
        try:
            new = self._create_index(with_alias=False)
            written = 0
            for chunk in _chunks(documents, CHUNK_SIZE):
                bulk(client, (self._index_action(new, d) for d in chunk))
                written += len(chunk)
                if progress:
                    progress(len(chunk))
            client.indices.refresh(index=new)
            old, legacy = self._behind_alias()
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            # An index that carries the alias's own name (made before aliases were used)
            # is dropped in the same step, since an alias cannot share its name.
            actions += [{"remove_index": {"index": index}} for index in legacy]
            actions.append({"add": {"index": new, "alias": self.alias}})
            client.indices.update_aliases(actions=actions)
            new = None
            for index in old:
                client.indices.delete(index=index)
        except (*UNAVAILABLE, BulkIndexError):
            logger.error("Elasticsearch could not rebuild the index.", exc_info=True)
            if new:
                self._drop_quietly(new)
            raise
        return written

    def _index_action(self, index: str, document: SearchDocument) -> dict:
        return {"_index": index, "_id": document.key, "_source": document_source(document)}

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _create_index(self, with_alias: bool) -> str:
        name = self._new_index_name()
        self.writer.indices.create(
            index=name,
            settings=index_settings(self.compound_words()),
            mappings=mapping(),
            aliases={self.alias: {}} if with_alias else None,
        )
        return name

    def _ensure_index(self) -> None:
        if not self.client.indices.exists(index=self.alias):
            self._create_index(with_alias=True)

    def _behind_alias(self) -> tuple[list[str], list[str]]:
        """The concrete indexes the alias points to, and a concrete index with its name."""
        indices = self.client.indices
        if indices.exists_alias(name=self.alias):
            return sorted(indices.get_alias(name=self.alias)), []
        if indices.exists(index=self.alias):
            return [], [self.alias]
        return [], []

    def _drop_quietly(self, index: str) -> None:
        try:
            self.writer.indices.delete(index=index)
        except UNAVAILABLE:
            logger.warning("Could not delete the unfinished index %s.", index, exc_info=True)

    def compound_words(self) -> list[str]:
        """The decompounder's word list: given, or the parts of the compounds among the
        database's most frequent words (the ``Term`` table both backends keep); the shorter
        words tell which linking "s" to drop."""
        if self._compound_words is not None:
            return list(self._compound_words)
        from django.db.models import Sum

        from ..models import Term

        rows = (
            Term.objects.values("word")
            .annotate(total=Sum("frequency"))
            .order_by("-total")[:VOCABULARY_SAMPLE]
        )
        return compound_word_list(row["word"] for row in rows)

    # --- reading ---------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        if request.query.is_empty or not request.audiences:
            response = SearchResponse(total=0, hits=[], facets={})
            response.labels = {}
            return response
        try:
            raw = self.client.search(index=self.alias, body=query_body(request))
        except UNAVAILABLE:
            logger.warning(
                "Elasticsearch did not answer a search; the database answers.", exc_info=True
            )
            return database_backend().search(request)
        raw = getattr(raw, "body", raw)
        facets, labels = parse_facets(raw.get("aggregations", {}))
        hits = raw.get("hits", {})
        total = hits.get("total", {})
        response = SearchResponse(
            total=total.get("value", 0) if isinstance(total, dict) else int(total),
            hits=[_hit(h) for h in hits.get("hits", ())],
            facets=facets,
        )
        response.labels = labels
        # The marked fragments per key, for surfaces that show Elasticsearch's own snippets.
        response.highlights = {
            h["_source"]["key"]: h["highlight"] for h in hits.get("hits", ()) if "highlight" in h
        }
        return response

    def autocomplete(self, prefix, audiences, language, limit=8):
        if not words(prefix) or not audiences:
            return []
        body = autocomplete_body(prefix, tuple(audiences), language, limit)
        try:
            raw = self.client.search(index=self.alias, body=body)
        except UNAVAILABLE:
            logger.warning(
                "Elasticsearch did not answer an autocompletion; the database answers.",
                exc_info=True,
            )
            return database_backend().autocomplete(prefix, audiences, language, limit)
        raw = getattr(raw, "body", raw)
        found: dict[tuple[str, str], None] = {}
        for suggestion in raw.get("suggest", {}).get("titles", ()):
            for option in suggestion.get("options", ()):
                source = option.get("_source", {})
                found[(source.get("title", ""), source.get("url", ""))] = None
        return list(found)[:limit]

    def spelling(self, word, audiences):
        """Delegated to the database backend: a term suggester cannot filter by audience, and
        would suggest words only hidden entries contain. The database keeps the written words
        per audience (``Term``) whichever backend searches, since it is also the fallback."""
        return database_backend().spelling(word, audiences)

    def checksums(self) -> dict[str, str]:
        try:
            return {
                hit["_source"]["key"]: hit["_source"]["checksum"]
                for hit in scan(
                    self.client,
                    index=self.alias,
                    query={"query": {"match_all": {}}, "_source": ["key", "checksum"]},
                )
            }
        except NotFoundError:
            # No index yet: nothing is stored.
            return {}
