"""How German text becomes search terms — the same way for what is indexed and what is asked.

Every backend receives terms analysed here, so they agree on what matches:

- words are Unicode letter/digit runs, case-folded with accents removed (``ß`` → ``ss``,
  ``ü`` → ``u``); the German Snowball stemmer then folds ``ue``/``ü`` alike, so ``Duelmen``,
  ``Dülmen`` and ``Dülmener`` meet;
- stop words (German and English) are dropped;
- long words are split into their parts by CharSplit, and the parts are indexed right after
  the whole word, so ``Strategie`` finds ``Digitalisierungsstrategie``.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer
from compound_split import char_split
from stop_words import get_stop_words

# Letters and digits; the underscore separates (titles such as "Super_Bowl_50").
WORD = re.compile(r"[^\W_]+")
# Words shorter than this are never compounds worth splitting.
MIN_COMPOUND_LENGTH = 10
MIN_PART_LENGTH = 4
# CharSplit scores a split from about -2 (nonsense) to 1 (certain); below this it guesses.
COMPOUND_THRESHOLD = -0.6
MAX_TERM_LENGTH = 60

_stemmer = Stemmer.Stemmer("german")


def fold(word: str) -> str:
    """Case-folded, without accents; umlauts lose their dots here and meet ``ue`` in stem()."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


STOP_WORDS = frozenset(fold(word) for lang in ("de", "en") for word in get_stop_words(lang))


@lru_cache(maxsize=500_000)
def stem(folded: str) -> str:
    return _stemmer.stemWord(folded)[:MAX_TERM_LENGTH]


@lru_cache(maxsize=200_000)
def compound_parts(folded: str) -> tuple[str, ...]:
    """The stems of a compound's parts, head first (empty when it is not a compound)."""
    if len(folded) < MIN_COMPOUND_LENGTH or not folded.isalpha():
        return ()
    score, head, tail = char_split.split_compound(folded)[0]
    head, tail = head.lower(), tail.lower()
    if score < COMPOUND_THRESHOLD or min(len(head), len(tail)) < MIN_PART_LENGTH:
        return ()
    return (stem(head), *(compound_parts(tail) or (stem(tail),)))


def words(text: str) -> list[str]:
    """The words of ``text`` as written."""
    return WORD.findall(text)


@lru_cache(maxsize=500_000)
def word_terms(word: str) -> tuple[str, ...]:
    """What one word contributes to the index: its stem, then its parts' stems."""
    folded = fold(word)
    if folded in STOP_WORDS:
        return ()
    whole = stem(folded)
    parts = tuple(part for part in compound_parts(folded) if part != whole)
    return (whole, *parts)


def index_terms(text: str) -> list[str]:
    """The terms of ``text`` in order, for the engines' full-text tables."""
    terms: list[str] = []
    for word in words(text):
        terms.extend(word_terms(word))
    return terms


def analysed(text: str) -> str:
    return " ".join(index_terms(text))


def phrase_terms(text: str) -> tuple[str, ...]:
    """The stems of a phrase, without compound parts (a phrase matches words in order)."""
    return tuple(stem(f) for f in map(fold, words(text)) if f not in STOP_WORDS)


# --- queries -------------------------------------------------------------------------------

# A quoted phrase (closed or not), or a run of non-space characters, each maybe negated.
_CHUNK = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass(frozen=True)
class Clause:
    """Ways to say one thing: each alternative is a sequence of terms that must stand in order."""

    alternatives: tuple[tuple[str, ...], ...]
    text: str = ""


@dataclass(frozen=True)
class ParsedQuery:
    """A query as every backend understands it.

    ``should`` clauses rank (any of them matches); ``must`` clauses (quoted phrases) are
    required; ``must_not`` alternatives exclude. ``words`` are the user's words as typed,
    for spelling suggestions and highlighting.
    """

    should: tuple[Clause, ...] = ()
    must: tuple[Clause, ...] = ()
    must_not: tuple[tuple[str, ...], ...] = ()
    words: tuple[str, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not (self.should or self.must)

    def highlight_terms(self) -> frozenset[str]:
        """Every term that should be marked in a snippet."""
        return frozenset(
            term
            for clause in (*self.should, *self.must)
            for alternative in clause.alternatives
            for term in alternative
        )


def _word_clause(word: str, synonyms) -> Clause | None:
    terms = word_terms(word)
    if not terms:
        return None
    alternatives = [(terms[0],)]
    # The parts as a phrase, all of them: when the stem swallows the head ("ursprünglich" →
    # "ursprung" + "lich"), the leftover part alone would match nearly every entry.
    if len(parts := compound_parts(fold(word))) > 1:
        alternatives.append(parts)
    alternatives.extend(synonyms.get((terms[0],), ()))
    return Clause(tuple(dict.fromkeys(alternatives)), word)


def _phrase_clause(text: str, synonyms) -> Clause | None:
    terms = phrase_terms(text)
    if not terms:
        return None
    if len(terms) == 1:
        return _word_clause(words(text)[0], synonyms) if len(words(text)) == 1 else None
    alternatives = [terms, *synonyms.get(terms, ())]
    return Clause(tuple(dict.fromkeys(alternatives)), text)


def parse_query(text: str, synonyms: dict | None = None) -> ParsedQuery:
    """Parse what a user typed: words rank, ``"quoted phrases"`` are required, ``-word``
    excludes. Any text parses; what carries no searchable word is dropped.

    ``synonyms`` maps an analysed term sequence to its equivalents (``search.synonyms``).
    """
    synonyms = synonyms or {}
    should: list[Clause] = []
    must: list[Clause] = []
    must_not: list[tuple[str, ...]] = []
    typed: list[str] = []
    for match in _CHUNK.finditer(text):
        phrase_negated, phrase, word_negated, chunk = match.groups()
        if phrase is not None:
            if phrase_negated:
                if terms := phrase_terms(phrase):
                    must_not.append(terms)
            elif clause := _phrase_clause(phrase, synonyms):
                must.append(clause)
                typed.extend(words(phrase))
            continue
        chunk_words = words(chunk)
        if word_negated:
            must_not.extend(alt for w in chunk_words if (alt := phrase_terms(w)))
            continue
        typed.extend(chunk_words)
        if len(chunk_words) > 1 and (terms := phrase_terms(chunk)) in synonyms:
            # "Kfz-Zulassung": a hyphenated word that the synonym list knows as a whole.
            should.append(Clause((terms, *synonyms[terms]), chunk))
            continue
        should.extend(c for w in chunk_words if (c := _word_clause(w, synonyms)))
    return ParsedQuery(
        should=tuple(should),
        must=tuple(must),
        must_not=tuple(dict.fromkeys(must_not)),
        words=tuple(typed),
    )
