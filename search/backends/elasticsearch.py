"""Elasticsearch or OpenSearch behind the search interface, for when the site outgrows the
database's engine (docs/search-engine.md has the whole picture).

Which entries match agrees with the database backend because both get their terms from
``search.analysis``: every entry carries ``analysed_title``, ``analysed_summary`` and
``analysed_body`` — the already-stemmed and decompounded terms, split only on whitespace —
and every alternative of a ``ParsedQuery`` becomes a ``match_phrase`` on them, so a reader
finds the same entries whether the engine or its database fallback answers. The German text
fields (``title``, ``summary``, ``body``, ``posts``) are analysed by the engine itself —
stop words, ``german_normalization``, a ``dictionary_decompounder`` over a word list built
from the database's vocabulary, ``light_german`` stemming — add their BM25 score on top, and
are what the engine's highlighter cuts the snippets from; bodies never travel back.

The index behind the alias ``settings.ELASTICSEARCH_INDEX`` is replaced without downtime: a
rebuild fills a new concrete index and moves the alias in one step. Only an engine that
cannot answer (no connection, a timeout, a 5xx) makes a read fall back to the database and
opens the circuit breaker (``engine``); any other error is a bug, logged with the request and
raised. Writes raise ``EngineUnavailable`` when the engine is away, and the pending record
(``search.pending``) keeps them until they are delivered.
"""

import html
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import islice

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from elasticsearch import Elasticsearch
from elasticsearch.dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    Integer,
    Keyword,
    MetaField,
    Text,
)
from elasticsearch.exceptions import BadRequestError, NotFoundError
from elasticsearch.helpers import bulk, scan

from ..analysis import (
    COMPOUND_THRESHOLD,
    MIN_COMPOUND_LENGTH,
    MIN_PART_LENGTH,
    WORD,
    ParsedQuery,
    index_terms,
    word_terms,
    words,
)
from ..charsplit import best_split
from ..highlight import SNIPPET_LENGTH, Snippet, _best_window, _cut, _render
from ..registry import ANCHOR_END, SearchDocument
from . import database_backend
from .base import Hit, SearchBackend, SearchRequest, SearchResponse
from .engine import (
    EngineUnavailable,
    breaker_for,
    is_unavailable,
    make_client,
)

logger = logging.getLogger(__name__)

GERMAN = "german_text"
AUTOCOMPLETE = "autocomplete"
WHITESPACE = "whitespace"
# Completion contexts are OR-ed across context names, so separate "audience" and "language"
# contexts would suggest a members-only entry to a visitor asking in its language. One context
# holding "<audience>|<language>" makes both conditions hold at once.
VISIBILITY = "visibility"
WEIGHTS = {"title": 4, "summary": 2, "body": 1}
# The German fields that add score: a thread's posts weigh as a body does.
GERMAN_FIELDS = [f"{field}^{weight}" for field, weight in WEIGHTS.items()] + ["posts"]
CHUNK_SIZE = 500
# Bulk requests and index creation carry more than a search; they run in the background.
WRITE_TIMEOUT = 30
# An entry is findable at most this long after it was written (the refresh policy).
REFRESH_INTERVAL = "1s"
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
    # The body's text; a document whose segments have addresses (a thread's posts) keeps them
    # in ``posts`` instead, each as "<anchor>\x1f<text>", so a highlighted post names its own.
    body = Text(analyzer=GERMAN, index_options="offsets", multi=True)
    posts = Text(analyzer=GERMAN, index_options="offsets", multi=True)
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
    score, head, tail = best_split(word)
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

    ``german_text`` (title, summary, body, posts) needs no plugin: the standard tokenizer,
    ``lowercase``, German stop words, ``german_normalization`` (ß, umlauts and their ae/oe/ue
    spellings), a ``dictionary_decompounder`` and ``german_light_stem``. The decompounder is
    the dictionary kind because ``hyphenation_decompounder`` needs a hyphenation grammar file
    on every node; its word list holds ``compound_words`` — the parts of the compounds in the
    vocabulary (``compound_word_list``), or a small default list — keeping only the longest
    match at each position. Synonyms are left out: editors change them in the admin at any time, and
    ``search.analysis`` expands them at query time into the terms the ``analysed_*`` fields
    are matched with (an engine synonym filter would need the index reloaded on each change,
    and OpenSearch has no API for that).

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
        "refresh_interval": REFRESH_INTERVAL,
        "analysis": {
            "filter": {
                "german_stop": {"type": "stop", "stopwords": "_german_"},
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
                        "german_stop",
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
        body=[s.text for s in document.segments if not s.anchor],
        posts=[f"{s.anchor}{ANCHOR_END}{s.text}" for s in document.segments if s.anchor],
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
    german = {"multi_match": {"query": typed, "fields": GERMAN_FIELDS}}
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
        body["highlight"] = highlight_body(german)
    return body


def highlight_body(query: dict) -> dict:
    """The snippets the engine cuts: the best passage of a body, a whole summary, and the
    matching posts of a thread whole (each starts with its anchor, which names the post to
    link to; posts are short, bodies are not)."""
    return {
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "encoder": "html",
        "highlight_query": query,
        "fields": {
            "summary": {"number_of_fragments": 0},
            "body": {
                "fragment_size": SNIPPET_LENGTH,
                "number_of_fragments": 1,
                "no_match_size": SNIPPET_LENGTH,
            },
            "posts": {"number_of_fragments": 0},
        },
    }


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


def _hit(raw: dict, terms: frozenset[str] = frozenset()) -> Hit:
    source = raw.get("_source", {})
    date = source.get("date")
    due = source.get("review_due_on")
    return Hit(
        key=source["key"],
        kind=source.get("kind", ""),
        title=source.get("title", ""),
        url=source.get("url", ""),
        summary=source.get("summary") or "",
        body="",
        partner=source.get("partner") or "",
        partner_name=source.get("partner_name") or "",
        topics=", ".join(source.get("topic_labels") or ()),
        date=parse_datetime(date) if date else None,
        solved=source.get("solved"),
        review_due_on=parse_date(due) if due else None,
        score=float(raw.get("_score") or 0.0),
        snippet=engine_snippet(raw.get("highlight", {}), source.get("summary") or "", terms),
    )


_MARKED = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)


def _unmarked(fragment: str, terms: frozenset[str]) -> tuple[str, list[tuple[int, int, str]]]:
    """The plain text of an engine-marked, HTML-encoded fragment, and the spans it marked
    that ``search.analysis`` confirms as one of ``terms`` (start, end, term).

    Entries match by the terms ``search.analysis`` makes, so a mark is kept only where the
    same analysis agrees; the engine's analyser marks near enough the same words, and an
    engine that marks more (osmem-server marks every word) cannot mislead the reader.
    """
    text, spans, length, position = [], [], 0, 0
    for match in _MARKED.finditer(fragment):
        before = html.unescape(fragment[position : match.start()])
        word = html.unescape(match.group(1))
        text += [before, word]
        length += len(before)
        found = terms.intersection(word_terms(word))
        if found:
            spans.append((length, length + len(word), min(found)))
        length += len(word)
        position = match.end()
    text.append(html.unescape(fragment[position:]))
    return "".join(text), spans


def _distinct(spans) -> int:
    return len({term for _, _, term in spans})


def _post_snippet(posts: list[str], terms: frozenset[str]) -> Snippet | None:
    """The post with the most different query terms, cut around them, with its anchor."""
    value, spans = max((_unmarked(p, terms) for p in posts), key=lambda p: _distinct(p[1]))
    if not spans:
        return None
    anchor, found, text = value.partition(ANCHOR_END)
    if not found:
        anchor, text = "", value
    shift = len(value) - len(text)
    spans = [(start - shift, end - shift, term) for start, end, term in spans if start >= shift]
    start, end = _cut(text, *_best_window(spans)) if spans else _cut(text, 0, 0)
    return Snippet(_with_ellipses(text, start, end, spans), anchor)


def _with_ellipses(text, start, end, spans, before=False, after=False) -> SafeString:
    html_text = _render(text, start, end, spans)
    before = "… " if before or start > 0 else ""
    after = " …" if after or end < len(text) else ""
    return mark_safe(f"{before}{html_text}{after}")  # noqa: S308  (_render escaped the text)


def engine_snippet(highlight: dict, summary: str, terms: frozenset[str]) -> Snippet:
    """The snippet of one hit from the engine's highlights: a matching post, else the best
    passage of the body, else the summary, else the beginning of the body. Text and marks
    are re-rendered here (``_unmarked``), so nothing the engine sent is trusted as HTML."""
    if (posts := highlight.get("posts")) and (found := _post_snippet(posts, terms)):
        return found
    body = highlight.get("body", [])
    if body:
        text, spans = _unmarked(body[0], terms)
        if spans:
            # The engine cut the passage from a longer text: say so on both sides.
            return Snippet(_with_ellipses(text, 0, len(text), spans, before=True, after=True))
    if summary or not body:
        text, spans = _unmarked(highlight.get("summary", [escape(summary)])[0], terms)
        return Snippet(_with_ellipses(text, 0, len(text), spans))
    text, _ = _unmarked(body[0], frozenset())
    return Snippet(_with_ellipses(text, 0, len(text), [], after=True))


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
    """Search in an Elasticsearch or OpenSearch cluster, with the database as the fallback.

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
        """The cluster client (``engine.make_client``: one try, a short timeout)."""
        return make_client()

    @cached_property
    def breaker(self):
        return breaker_for(settings.ELASTICSEARCH_URL or self.alias)

    @property
    def writer(self):
        """The client with a timeout long enough for bulk requests and index creation."""
        return self.client.options(request_timeout=WRITE_TIMEOUT)

    @property
    def refresh(self):
        """When a write becomes visible: ``False`` relies on the index's refresh interval
        (``REFRESH_INTERVAL``); tests ask for ``"wait_for"`` (``ELASTICSEARCH_REFRESH``)."""
        return getattr(settings, "ELASTICSEARCH_REFRESH", False)

    # --- errors ----------------------------------------------------------------------------

    def _failed(self, error: Exception, what: str, request=None) -> Exception:
        """Log ``error`` and return what to raise: ``EngineUnavailable`` when the engine is
        away (and the breaker opens), the error itself when the request was wrong."""
        if is_unavailable(error):
            self.breaker.trip()
            logger.warning("The search engine could not %s.", what, exc_info=True)
            return error if isinstance(error, EngineUnavailable) else EngineUnavailable(what)
        logger.error(
            "The search engine refused to %s; the request was: %s", what, request, exc_info=True
        )
        return error

    def _check_breaker(self, what: str) -> None:
        if not self.breaker.allows():
            raise EngineUnavailable(f"{what}: skipped while the circuit breaker is open")

    def healthy(self) -> bool:
        """Whether the engine answers ``GET /`` within the short timeout. While the breaker
        is open it is not asked; an engine found away opens the breaker, so searches skip it
        too. A refusal (a 4xx: wrong credentials) is raised, as everywhere."""
        if not self.breaker.allows():
            return False
        try:
            self.client.info()
        except Exception as error:
            if is_unavailable(error):
                self.breaker.trip()
                return False
            raise
        self.breaker.reset()
        return True

    # --- writing ---------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> None:
        documents = list({d.key: d for d in documents}.values())
        if not documents:
            return
        self._check_breaker("index documents")
        try:
            self._ensure_index()
            for chunk in _chunks(documents, CHUNK_SIZE):
                bulk(
                    self.writer,
                    (self._index_action(self.alias, d) for d in chunk),
                    refresh=self.refresh,
                )
        except Exception as error:
            raise self._failed(error, "index documents", [d.key for d in documents]) from error
        self.breaker.reset()

    def delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        self._check_breaker("delete documents")
        try:
            if not self.client.indices.exists(index=self.alias):
                return
            for chunk in _chunks(keys, CHUNK_SIZE):
                bulk(
                    self.writer,
                    ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in chunk),
                    # Unknown keys are ignored, as the interface promises.
                    ignore_status=404,
                    refresh=self.refresh,
                )
        except Exception as error:
            raise self._failed(error, "delete documents", keys) from error
        self.breaker.reset()

    def clear(self) -> None:
        try:
            old, legacy = self._behind_alias()
            for index in [*old, *legacy]:
                self.writer.indices.delete(index=index)
            self._create_index(self._initial_index_name(), with_alias=True)
        except Exception as error:
            raise self._failed(error, "clear the index") from error

    def rebuild(self, documents: Iterable[SearchDocument], progress=None) -> int:
        """Fill a new concrete index, then point the alias at it in one atomic step.

        Searches keep reading the old index until the alias moves; a failed rebuild deletes
        its half-filled index and leaves the old one serving. Changes made while it runs
        reach the old index; ``search.pending.rebuild`` writes them again after the switch.
        """
        client = self.writer
        new = None
        try:
            new = self._create_index(self._new_index_name(), with_alias=False)
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
        except Exception as error:
            if new:
                self._drop_quietly(new)
            raise self._failed(error, "rebuild the index") from error
        self.breaker.reset()
        return written

    def _index_action(self, index: str, document: SearchDocument) -> dict:
        return {"_index": index, "_id": document.key, "_source": document_source(document)}

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _initial_index_name(self) -> str:
        """The index made when none exists: one name, so that two workers making it at once
        make one index (the second is told it exists), not two behind one alias."""
        return f"{self.alias}-initial"

    def _create_index(self, name: str, with_alias: bool) -> str:
        try:
            self.writer.indices.create(
                index=name,
                settings=index_settings(self.compound_words()),
                mappings=mapping(),
                aliases={self.alias: {}} if with_alias else None,
            )
        except BadRequestError as error:
            if error.error != "resource_already_exists_exception" or not with_alias:
                raise
        return name

    def _ensure_index(self) -> None:
        if not self.client.indices.exists(index=self.alias):
            self._create_index(self._initial_index_name(), with_alias=True)

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
        except Exception:
            logger.warning("Could not delete the unfinished index %s.", index, exc_info=True)

    def drop(self) -> None:
        """Delete the alias's indexes (tests and a deliberate reset only)."""
        old, legacy = self._behind_alias()
        for index in [*old, *legacy]:
            self.writer.indices.delete(index=index)

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

    def _ask(self, body: dict, what: str):
        """The engine's answer to a ``_search`` body, or None when it is away (the caller
        then asks the database). A refused request raises: it is a bug."""
        if not self.breaker.allows():
            return None
        try:
            raw = self.client.search(index=self.alias, body=body)
        except Exception as error:
            failure = self._failed(error, what, body)
            if isinstance(failure, EngineUnavailable):
                return None
            raise failure from error
        return getattr(raw, "body", raw)

    def search(self, request: SearchRequest) -> SearchResponse:
        if request.query.is_empty or not request.audiences:
            return SearchResponse(total=0, hits=[], facets={})
        raw = self._ask(query_body(request), "search")
        if raw is None:
            return database_backend().search(request)
        facets, labels = parse_facets(raw.get("aggregations", {}))
        hits = raw.get("hits", {})
        total = hits.get("total", {})
        return SearchResponse(
            total=total.get("value", 0) if isinstance(total, dict) else int(total),
            hits=[_hit(h, request.query.highlight_terms()) for h in hits.get("hits", ())],
            facets=facets,
            labels=labels,
        )

    def autocomplete(self, prefix, audiences, language, limit=8):
        if not words(prefix) or not audiences:
            return []
        raw = self._ask(
            autocomplete_body(prefix, tuple(audiences), language, limit), "complete a title"
        )
        if raw is None:
            return database_backend().autocomplete(prefix, audiences, language, limit)
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
        except Exception as error:
            raise self._failed(error, "list the stored checksums") from error
