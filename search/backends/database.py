"""The database's own full-text engine: SQLite FTS5 or PostgreSQL tsvector, behind one class.

Both get terms analysed by ``search.analysis``, so they match alike; they differ only in how
the terms are stored and ranked:

- SQLite: an FTS5 table (``search_fts``, ascii tokenizer over the analysed terms) ranked
  with bm25, title weighted above summary above body;
- PostgreSQL: a weighted tsvector per entry (``search_pg``, GIN index) ranked with the same
  BM25 formula: ts_rank_cd without normalisation counts a clause's weighted occurrences, and
  ``search_pg.length`` with the index's average length does the length normalisation.

``Entry`` rows hold what a hit shows; ``EntryFacet`` rows the facet values; ``Term`` rows the
written words per audience for spelling suggestions.
"""

import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F

from ..analysis import HYPHENATED, ParsedQuery, fold, index_terms, is_stop_word, stem, words
from ..models import Entry, EntryFacet, Term
from ..registry import SearchDocument
from .base import SearchBackend, SearchRequest, SearchResponse
from .hits import hit_from_row

WEIGHTS = {"title": 4.0, "summary": 2.0, "body": 1.0}
# PostgreSQL's ts_rank_cd takes weights up to 1, in the order of the labels D, C, B, A: body,
# (unused), summary, title. Scaled by PG_RANK_SCALE they are WEIGHTS again.
PG_RANK_SCALE = max(WEIGHTS.values())
PG_RANK_WEIGHTS = (
    "{"
    + ", ".join(str(WEIGHTS[f] / PG_RANK_SCALE) for f in ("body", "body", "summary", "title"))
    + "}"
)
MAX_POSITIONS = 16_000
SPELLING_MIN, SPELLING_MAX = 4, 30
HIT_COLUMNS = (
    "e.key, e.kind, e.title, e.url, e.summary, e.body, e.partner, e.partner_name, e.topics, "
    "e.date, e.solved, e.review_due_on"
)
# A word in more than this share of entries (a number, "Recht" in a law library) only ranks
# what rarer words of the query matched; matching it too would hand the engine most of the
# index to score. Measured by bench/search.py: p95 about halved, MRR@10 within 0.005.
COMMON_SHARE = 0.05
# BM25's term-frequency saturation and length normalisation, as FTS5's bm25() has them.
BM25_K1, BM25_B = 1.2, 0.75
STATISTICS_CACHE_KEY = "search:statistics"
AUDIENCES_CACHE_KEY = "search:audiences"


def facet_rows(document: SearchDocument) -> list[tuple[str, str, str]]:
    """(name, value, label) of every facet value ``document`` counts under."""
    rows = [("kind", str(document.kind), "")]
    if document.partner:
        rows.append(("partner", document.partner, document.partner_name))
    rows.extend(("topic", slug, label) for slug, label in document.topics)
    if document.date:
        rows.append(("year", str(document.date.year), ""))
    if document.solved is not None:
        rows.append(("solved", "yes" if document.solved else "no", ""))
    return rows


def vocabulary(*texts: str) -> set[str]:
    """The written words worth suggesting: lower-case as written, alphabetic, not stop words;
    hyphenated ones whole as well, so that "eakte" is told of "e-akte"."""
    found = set()
    for text in texts:
        for word in (*words(text), *HYPHENATED.findall(text)):
            lowered = word.lower()
            if (
                SPELLING_MIN <= len(lowered) <= SPELLING_MAX
                and all(w.isalpha() for w in lowered.split("-"))
                and not is_stop_word(word)
            ):
                found.add(lowered)
    return found


def _bigrams(word: str) -> set[str]:
    return {word[i : i + 2] for i in range(len(word) - 1)}


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance with transpositions, giving up beyond ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current.append(value)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _index_changed() -> None:
    """Forget what was remembered about the index as a whole."""
    cache.delete_many([STATISTICS_CACHE_KEY, AUDIENCES_CACHE_KEY])


class IndexStatistics(NamedTuple):
    """What BM25 needs to know about the whole index."""

    count: int
    average_length: float


class DatabaseBackend(SearchBackend):
    """Full-text search in the database the site already runs on."""

    def __init__(self):
        self.dialect = PostgresDialect() if connection.vendor == "postgresql" else SqliteDialect()
        self.name = self.dialect.name
        self._frequency_cache: dict[str, int] = {}
        self._frequency_generation = None

    # --- writing ---------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> None:
        documents = {d.key: d for d in documents}
        if not documents:
            return
        with transaction.atomic():
            old = {
                e.key: e
                for e in Entry.objects.filter(key__in=documents).only(
                    "id", "key", "audience", "title", "summary", "body"
                )
            }
            self._forget(old.values())
            self._write_entries(documents.values())
            self._count_words(
                [(d.audience, vocabulary(d.title, d.summary, d.body)) for d in documents.values()]
            )
        _index_changed()

    def delete(self, keys: Iterable[str]) -> None:
        with transaction.atomic():
            old = list(
                Entry.objects.filter(key__in=list(keys)).only(
                    "id", "audience", "title", "summary", "body"
                )
            )
            self._forget(old)
        _index_changed()

    def clear(self) -> None:
        with transaction.atomic():
            self.dialect.clear()
            EntryFacet.objects.all().delete()
            Entry.objects.all().delete()
            Term.objects.all().delete()
        _index_changed()

    def rebuild(self, documents: Iterable[SearchDocument], progress=None) -> int:
        self.clear()
        written = 0
        vocab: dict[str, Counter] = defaultdict(Counter)
        batch: list[SearchDocument] = []

        def flush():
            nonlocal written
            with transaction.atomic():
                self._write_entries(batch)
            for d in batch:
                vocab[d.audience].update(vocabulary(d.title, d.summary, d.body))
            written += len(batch)
            if progress:
                progress(len(batch))
            batch.clear()

        for document in documents:
            batch.append(document)
            if len(batch) >= 500:
                flush()
        if batch:
            flush()
        Term.objects.bulk_create(
            (
                Term(word=word, audience=audience, frequency=n)
                for audience, counter in vocab.items()
                for word, n in counter.items()
            ),
            batch_size=5000,
        )
        self.dialect.optimise()
        _index_changed()
        return written

    def _write_entries(self, documents: Iterable[SearchDocument]) -> list[Entry]:
        documents = list(documents)
        entries = Entry.objects.bulk_create(
            [
                Entry(
                    key=d.key,
                    kind=d.kind,
                    language=d.language,
                    translated_into="".join(f" {lang} " for lang in d.translated_into),
                    audience=d.audience,
                    title=d.title[:300],
                    url=d.url,
                    summary=d.summary,
                    body=d.body,
                    partner=d.partner,
                    partner_name=d.partner_name,
                    topics=", ".join(label for _, label in d.topics),
                    date=d.date,
                    solved=d.solved,
                    review_due_on=d.review_due_on,
                    checksum=d.checksum(),
                )
                for d in documents
            ]
        )
        EntryFacet.objects.bulk_create(
            EntryFacet(entry=entry, name=name, value=value[:100], label=label[:200])
            for entry, d in zip(entries, documents, strict=True)
            for name, value, label in facet_rows(d)
        )
        self.dialect.write(
            [
                (
                    entry.pk,
                    index_terms(d.title),
                    index_terms(d.summary),
                    index_terms(" ".join(s.text for s in d.segments)),
                )
                for entry, d in zip(entries, documents, strict=True)
            ]
        )
        return entries

    def _forget(self, entries) -> None:
        entries = list(entries)
        if not entries:
            return
        ids = [e.pk for e in entries]
        self._count_words(
            [(e.audience, vocabulary(e.title, e.summary, e.body)) for e in entries], sign=-1
        )
        self.dialect.remove(ids)
        EntryFacet.objects.filter(entry_id__in=ids).delete()
        Entry.objects.filter(pk__in=ids).delete()

    def _count_words(self, word_sets: list[tuple[str, set[str]]], sign: int = 1) -> None:
        changes: Counter = Counter()
        for audience, found in word_sets:
            for word in found:
                changes[(word, audience)] += sign
        changes = +changes if sign > 0 else -changes
        if not changes:
            return
        by_audience = defaultdict(dict)
        for (word, audience), n in changes.items():
            by_audience[audience][word] = n
        for audience, counts in by_audience.items():
            if sign > 0:
                existing = set(
                    Term.objects.filter(audience=audience, word__in=counts).values_list(
                        "word", flat=True
                    )
                )
                Term.objects.bulk_create(
                    Term(word=w, audience=audience, frequency=n)
                    for w, n in counts.items()
                    if w not in existing
                )
                for word in existing:
                    self.dialect.add_frequency(audience, word, counts[word])
            else:
                for word, n in counts.items():
                    self.dialect.add_frequency(audience, word, -n)
                Term.objects.filter(audience=audience, frequency__lte=0).delete()

    # --- reading ---------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        if request.query.is_empty or not request.audiences:
            return SearchResponse(total=0, hits=[], facets={})
        where, params = self._filters(request)
        statistics = self._statistics()
        frequencies = self._frequencies(
            {a[0] for c in (*request.query.should, *request.query.must) for a in c.alternatives},
            statistics.count,
        )
        required = self._rare_clauses(request.query.should, frequencies, statistics.count)
        match_sql, match_params = self.dialect.match(request.query, required)
        score_sql, score_params = self.dialect.score(request.query, statistics, frequencies)
        # One statement: the engine matches and scores once; the page of hits and the facet
        # counts are both read from that one materialised set of matches.
        sql = (
            f"WITH matches AS {self.dialect.materialized} ("
            f"  SELECT e.id AS id, e.date AS date, {score_sql} AS score"
            f"  FROM {self.dialect.matching_from} WHERE {match_sql} AND {where}"
            f"), facet_counts AS ("
            f"  SELECT f.name AS name, f.value AS value, max(f.label) AS label, count(*) AS n"
            f"  FROM matches JOIN search_entryfacet f ON f.entry_id = matches.id"
            f"  GROUP BY f.name, f.value"
            f"), ranked AS ("
            f"  SELECT id, score, date FROM matches"
            f"  ORDER BY {self.dialect.order(request.sort, 'matches')} LIMIT %s OFFSET %s"
            f") SELECT facets.counts, {HIT_COLUMNS}, ranked.score"
            f" FROM (SELECT {self.dialect.json_rows} AS counts FROM facet_counts) facets"
            f" LEFT JOIN (ranked JOIN search_entry e ON e.id = ranked.id) ON 1 = 1"
            f" ORDER BY {self.dialect.order(request.sort, 'ranked')}"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                sql, [*score_params, *match_params, *params, request.limit, request.offset]
            )
            rows = cursor.fetchall()
        counts = rows[0][0] if rows else None
        if isinstance(counts, str):
            counts = json.loads(counts)
        facets: dict[str, dict[str, int]] = defaultdict(dict)
        labels: dict[tuple[str, str], str] = {}
        for name, value, label, n in counts or ():
            facets[name][value] = n
            if label:
                labels[(name, value)] = label
        return SearchResponse(
            total=sum(facets.get("kind", {}).values()),
            hits=[hit_from_row(row[1:]) for row in rows if row[1] is not None],
            facets=dict(facets),
            labels=labels,
        )

    @staticmethod
    def _rare_clauses(should, frequencies, count):
        """The should-clauses that decide what matches: the rare ones when the query has
        common ones too, else None (all of them)."""
        limit = COMMON_SHARE * count

        def common(clause):
            return frequencies.get(clause.alternatives[0][0], 0) > limit

        rare = tuple(c for c in should if not common(c))
        return rare if rare and len(rare) < len(should) else None

    def _frequencies(self, terms: set[str], generation: int) -> dict[str, int]:
        """How many entries hold each term; remembered until the index changes size
        (``generation``, the number of entries)."""
        if self._frequency_generation != generation or len(self._frequency_cache) > 100_000:
            self._frequency_cache, self._frequency_generation = {}, generation
        missing = terms - self._frequency_cache.keys()
        if missing:
            self._frequency_cache.update(self.dialect.document_frequencies(missing))
        return {term: self._frequency_cache.get(term, 0) for term in terms}

    def _filters(self, request: SearchRequest) -> tuple[str, list]:
        placeholders = ", ".join(["%s"] * len(request.audiences))
        clauses = [f"e.audience IN ({placeholders})"]
        params: list = list(request.audiences)
        if request.language == request.default_language:
            clauses.append("e.language IN ('', %s)")
            params.append(request.language)
        else:
            clauses.append(
                "(e.language IN ('', %s) OR (e.language = %s AND e.translated_into NOT LIKE %s))"
            )
            params += [request.language, request.default_language, f"% {request.language} %"]
        for name, value in request.filters:
            clauses.append(
                "EXISTS (SELECT 1 FROM search_entryfacet f WHERE f.entry_id = e.id "
                "AND f.name = %s AND f.value = %s)"
            )
            params += [name, value]
        return " AND ".join(clauses), params

    def _statistics(self) -> IndexStatistics:
        statistics = cache.get(STATISTICS_CACHE_KEY)
        if statistics is None:
            statistics = IndexStatistics(*self.dialect.statistics())
            cache.set(STATISTICS_CACHE_KEY, statistics, 300)
        return statistics

    def autocomplete(self, prefix, audiences, language, limit=8):
        typed = words(prefix)
        if not typed or not audiences:
            return []
        *complete, last = typed
        terms = [stem(fold(w)) for w in complete if not is_stop_word(w)]
        last = fold(last)
        last_stem = stem(last)
        start = last_stem if last.startswith(last_stem) else last
        return self.dialect.autocomplete(terms, start, audiences, language, limit)

    def spelling(self, word, audiences):
        folded = word.lower()
        if not (SPELLING_MIN <= len(folded) <= SPELLING_MAX) or not audiences:
            return None
        if is_stop_word(word) or (
            Term.objects.filter(word=folded, audience__in=audiences).exists()
        ):
            return None
        limit = 1 if len(folded) < 7 else 2
        grams = _bigrams(folded)
        scored = []
        for candidate, frequency in self.dialect.spelling_candidates(folded, audiences):
            # One edit changes at most three distinct bigrams (a transposition: "ab" → "ba"),
            # so words within ``limit`` edits share all others; the cheap set check spares the
            # edit distance for most of the candidates.
            other = _bigrams(candidate)
            if len(grams & other) < max(len(grams), len(other)) - 3 * limit:
                continue
            # A word that differs only by its hyphens ("eakte", "e-akte") is the same word.
            same = candidate.replace("-", "") == folded
            distance = 0 if same else edit_distance(folded, candidate, limit)
            if distance <= limit:
                scored.append((distance, -frequency, candidate))
        return min(scored)[2] if scored else None

    def checksums(self) -> dict[str, str]:
        return dict(Entry.objects.values_list("key", "checksum"))


class SqliteDialect:
    """FTS5 over the analysed terms; bm25 ranks."""

    name = "sqlite"
    # CROSS JOIN keeps SQLite from starting at search_entry and running the full-text match
    # once per entry: the match comes first, then each match's entry by its id.
    matching_from = "search_fts CROSS JOIN search_entry e ON e.id = search_fts.rowid"
    materialized = "MATERIALIZED"
    json_rows = "json_group_array(json_array(name, value, label, n))"

    def write(self, rows) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fts (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                [(pk, " ".join(t), " ".join(s), " ".join(b)) for pk, t, s, b in rows],
            )

    def remove(self, ids) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM search_fts WHERE rowid IN ({', '.join(['%s'] * len(ids))})", ids
            )

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")

    def add_frequency(self, audience, word, n) -> None:
        Term.objects.filter(audience=audience, word=word).update(frequency=F("frequency") + n)

    @staticmethod
    def _sequence(terms: tuple[str, ...]) -> str:
        return '"' + " ".join(terms) + '"'

    def expression(self, query: ParsedQuery, required=None) -> str:
        def clause(c):
            return "(" + " OR ".join(self._sequence(a) for a in c.alternatives) + ")"

        parts = []
        if required:
            # bm25 scores every phrase of the expression: the common clauses stay in it, but
            # only beside the rare ones, which alone decide what matches.
            parts.append("(" + " OR ".join(clause(c) for c in required) + ")")
        if query.should:
            parts.append("(" + " OR ".join(clause(c) for c in query.should) + ")")
        parts.extend(clause(c) for c in query.must)
        expression = " AND ".join(parts)
        if query.must_not:
            expression += " NOT (" + " OR ".join(self._sequence(a) for a in query.must_not) + ")"
        return expression

    def match(self, query: ParsedQuery, required=None) -> tuple[str, list]:
        return "search_fts MATCH %s", [self.expression(query, required)]

    def document_frequencies(self, terms) -> dict[str, int]:
        terms = list(terms)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT term, doc FROM search_fts_terms "
                f"WHERE term IN ({', '.join(['%s'] * len(terms))})",
                terms,
            )
            return dict.fromkeys(terms, 0) | dict(cursor.fetchall())

    def statistics(self) -> tuple[int, float]:
        # FTS5's bm25() keeps its own average length.
        return Entry.objects.count(), 0.0

    def score(self, query, statistics, frequencies) -> tuple[str, list]:
        return f"bm25(search_fts, {', '.join(str(w) for w in WEIGHTS.values())})", []

    @staticmethod
    def order(sort: str, table: str) -> str:
        # bm25 is negative, best first.
        if sort == "relevance":
            return f"{table}.score, {table}.id"
        return f"{table}.date DESC, {table}.score, {table}.id"

    def autocomplete(self, terms, start, audiences, language, limit):
        expression = " AND ".join(
            [*(self._sequence((t,)) for t in terms), self._sequence((start,)) + " *"]
        )
        placeholders = ", ".join(["%s"] * len(audiences))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.title, e.url FROM {self.matching_from} "
                f"WHERE search_fts MATCH %s AND e.audience IN ({placeholders}) "
                f"AND e.language IN ('', %s) ORDER BY bm25(search_fts, 10.0, 0.0, 0.0) LIMIT %s",
                ["{title} : (" + expression + ")", *audiences, language, limit],
            )
            return cursor.fetchall()

    def spelling_candidates(self, folded, audiences):
        placeholders = ", ".join(["%s"] * len(audiences))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT word, sum(frequency) FROM search_term WHERE word >= %s AND word < %s "
                f"AND length(word) BETWEEN %s AND %s AND audience IN ({placeholders}) "
                f"GROUP BY word ORDER BY sum(frequency) DESC LIMIT 3000",
                [folded[0], folded[0] + "\uffff", len(folded) - 2, len(folded) + 2, *audiences],
            )
            return cursor.fetchall()


class PostgresDialect:
    """A weighted tsvector with a GIN index; BM25 from ts_rank_cd and each entry's length."""

    name = "postgresql"
    matching_from = "search_pg JOIN search_entry e ON e.id = search_pg.entry_id"
    materialized = "MATERIALIZED"
    json_rows = "json_agg(json_build_array(name, value, label, n))"

    @staticmethod
    def _quote(term: str) -> str:
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    def vector(self, title, summary, body) -> str:
        positions: dict[tuple[str, str], list[int]] = defaultdict(list)
        position = 0
        for label, terms in (("A", title), ("B", summary), ("D", body)):
            for term in terms:
                position += 1
                if position > MAX_POSITIONS:
                    break
                slot = positions[(term, label)]
                if len(slot) < 255:
                    slot.append(position)
        return " ".join(
            f"{self._quote(term)}:{','.join(f'{p}{label}' for p in places)}"
            for (term, label), places in positions.items()
        )

    def write(self, rows) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_pg (entry_id, vector, length) VALUES (%s, %s::tsvector, %s)",
                [(pk, self.vector(t, s, b), len(t) + len(s) + len(b)) for pk, t, s, b in rows],
            )

    def remove(self, ids) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_pg WHERE entry_id = ANY(%s)", [list(ids)])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_pg")

    def optimise(self) -> None:
        with connection.cursor() as cursor:
            # A bulk write leaves its rows in the GIN indexes' pending lists, which every
            # query scans linearly (measured: 190 ms instead of 3 ms for a spelling lookup).
            cursor.execute("SELECT gin_clean_pending_list('search_pg_vector')")
            cursor.execute("SELECT gin_clean_pending_list('search_term_word_trgm')")
            cursor.execute("ANALYZE search_pg")
            cursor.execute("ANALYZE search_entry")
            cursor.execute("ANALYZE search_entryfacet")

    def add_frequency(self, audience, word, n) -> None:
        Term.objects.filter(audience=audience, word=word).update(frequency=F("frequency") + n)

    def _sequence(self, terms: tuple[str, ...]) -> str:
        return "(" + " <-> ".join(self._quote(t) for t in terms) + ")"

    def expression(self, query: ParsedQuery, required=None) -> str:
        def clause(c):
            return "(" + " | ".join(self._sequence(a) for a in c.alternatives) + ")"

        parts = []
        if should := required or query.should:
            # score() ranks by every clause; only the rare ones decide what matches.
            parts.append("(" + " | ".join(clause(c) for c in should) + ")")
        parts.extend(clause(c) for c in query.must)
        parts.extend("!" + self._sequence(a) for a in query.must_not)
        return " & ".join(parts)

    def match(self, query: ParsedQuery, required=None) -> tuple[str, list]:
        return "search_pg.vector @@ %s::tsquery", [self.expression(query, required)]

    def document_frequencies(self, terms) -> dict[str, int]:
        found = dict.fromkeys(terms, 0)
        with connection.cursor() as cursor:
            for term in terms:
                cursor.execute(
                    "SELECT count(*) FROM search_pg WHERE vector @@ %s::tsquery",
                    [self._quote(term)],
                )
                found[term] = cursor.fetchone()[0]
        return found

    def statistics(self) -> tuple[int, float]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*), coalesce(avg(length), 0) FROM search_pg")
            count, average = cursor.fetchone()
        return count, float(average)

    def score(self, query, statistics, frequencies) -> tuple[str, list]:
        # BM25 as FTS5 computes it. Without normalisation, ts_rank_cd of a clause sums the
        # weights of its occurrences (each occurrence is a cover of its own): the weighted
        # term frequency tf. idf · tf · (k1 + 1) / (tf + K) is written as
        # idf · (k1 + 1) · (1 - K / (tf + K)) so that ts_rank_cd runs once per clause, and all
        # in float8: numeric arithmetic on every matching row cost more than the ranking.
        clauses = [*query.should, *query.must]
        if not clauses:
            return "0", []
        n = max(statistics.count, 1)
        # K = k1 · (1 - b + b · length / average length), as a + c · length.
        k = "(%s::float8 + %s::float8 * search_pg.length)"
        k_params = [
            BM25_K1 * (1 - BM25_B),
            BM25_K1 * BM25_B / max(statistics.average_length, 1.0),
        ]
        tf = f"{PG_RANK_SCALE} * ts_rank_cd(%s, search_pg.vector, %s::tsquery, 0)"
        parts, params = [], []
        for c in clauses:
            df = max(frequencies.get(a[0], 0) for a in c.alternatives)
            idf = max(math.log((n - df + 0.5) / (df + 0.5)), 1e-6)
            parts.append(f"%s::float8 * (1 - {k} / ({tf} + {k}))")
            params += [
                idf * (BM25_K1 + 1),
                *k_params,
                PG_RANK_WEIGHTS,
                "(" + " | ".join(self._sequence(a) for a in c.alternatives) + ")",
                *k_params,
            ]
        return "(" + " + ".join(parts) + ")", params

    @staticmethod
    def order(sort: str, table: str) -> str:
        if sort == "relevance":
            return f"{table}.score DESC, {table}.id"
        return f"{table}.date DESC NULLS LAST, {table}.score DESC, {table}.id"

    def autocomplete(self, terms, start, audiences, language, limit):
        parts = [f"{self._quote(t)}:A" for t in terms] + [f"{self._quote(start)}:*A"]
        query = " & ".join(parts)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT e.title, e.url FROM {self.matching_from} "
                f"WHERE search_pg.vector @@ %s::tsquery AND e.audience = ANY(%s) "
                f"AND e.language IN ('', %s) "
                f"ORDER BY ts_rank(search_pg.vector, %s::tsquery) DESC, e.title LIMIT %s",
                [query, list(audiences), language, query, limit],
            )
            return cursor.fetchall()

    def spelling_candidates(self, folded, audiences):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, sum(frequency) FROM search_term WHERE word %% %s "
                "AND audience = ANY(%s) GROUP BY word "
                "ORDER BY similarity(word, %s) DESC, sum(frequency) DESC LIMIT 50",
                [folded, list(audiences), folded],
            )
            return cursor.fetchall()
