"""How German text becomes search terms — the same way for what is indexed and what is asked.

Every backend receives terms analysed here, so they agree on what matches:

- words are Unicode letter/digit runs, case-folded with accents removed (``ß`` → ``ss``,
  ``ü`` → ``u``); the German Snowball stemmer then folds ``ue``/``ü`` alike, so ``Duelmen``,
  ``Dülmen`` and ``Dülmener`` meet;
- stop words (German and English function words) are dropped, but never a word written in
  capitals: ``IT`` and ``KI`` are acronyms, ``it`` is English;
- a hyphenated word is indexed written as one before its parts, so ``eakte``, ``e-akte`` and
  ``E Akte`` all find ``E-Akte``;
- long words are split into their parts by CharSplit (``search.charsplit``, its n-gram
  tables read from disk, not held in memory), and the parts are indexed right after the
  whole word, so ``Strategie`` finds ``Digitalisierungsstrategie``.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import Stemmer
from stop_words import get_stop_words

from .charsplit import best_split

# Letters and digits; the underscore separates (titles such as "Super_Bowl_50").
WORD = re.compile(r"[^\W_]+")
# Words joined by hyphens (ASCII, Unicode and non-breaking ones): "E-Akte", "KI-Chatbot".
HYPHENATED = re.compile(r"[^\W_]+(?:[-\u2010\u2011][^\W_]+)*")
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


# English function words only: see the file's header for why not the stop-words package's list.
ENGLISH_STOP_WORDS = frozenset(
    line
    for line in (Path(__file__).parent / "english_stop_words.txt").read_text().split("\n")
    if line and not line.startswith("#")
)
STOP_WORDS = frozenset(fold(word) for word in get_stop_words("de")) | ENGLISH_STOP_WORDS


# Written in capitals by habit from other search engines, yet no acronyms.
OPERATORS = frozenset({"and", "or", "not", "und", "oder", "nicht"})


def is_stop_word(word: str) -> bool:
    """Whether ``word``, as written, is too common to search for; an acronym never is."""
    folded = fold(word)
    if folded not in STOP_WORDS:
        return False
    return not (len(word) > 1 and word.isupper()) or folded in OPERATORS


@lru_cache(maxsize=500_000)
def stem(folded: str) -> str:
    return _stemmer.stemWord(folded)[:MAX_TERM_LENGTH]


@lru_cache(maxsize=200_000)
def compound_parts(folded: str) -> tuple[str, ...]:
    """The stems of a compound's parts, head first (empty when it is not a compound)."""
    if len(folded) < MIN_COMPOUND_LENGTH or not folded.isalpha():
        return ()
    score, head, tail = best_split(folded)
    if score < COMPOUND_THRESHOLD or min(len(head), len(tail)) < MIN_PART_LENGTH:
        return ()
    return (stem(head), *(compound_parts(tail) or (stem(tail),)))


def words(text: str) -> list[str]:
    """The words of ``text`` as written."""
    return WORD.findall(text)


def hyphenated_runs(text: str) -> list[list[str]]:
    """The words of ``text`` as written, those joined by hyphens kept together."""
    return [WORD.findall(run) for run in HYPHENATED.findall(text)]


def joined_term(run: list[str]) -> str | None:
    """The stem of a hyphenated word written as one ("E-Akte" → ``eakt``), or None for a
    single word or a run of numbers ("2020-2024")."""
    if len(run) < 2 or not any(ch.isalpha() for word in run for ch in word):
        return None
    return stem(fold("".join(run)))


@lru_cache(maxsize=500_000)
def word_terms(word: str) -> tuple[str, ...]:
    """What one word contributes to the index: its stem, then its parts' stems."""
    if is_stop_word(word):
        return ()
    folded = fold(word)
    whole = stem(folded)
    parts = tuple(part for part in compound_parts(folded) if part != whole)
    return (whole, *parts)


def _word_stem(word: str) -> tuple[str, ...]:
    return () if is_stop_word(word) else (stem(fold(word)),)


def _terms(text: str, of_word) -> list[str]:
    # The joined form stands before the parts, so that the parts stay neighbours: a phrase
    # of them matches, and so does a phrase around the joined form.
    terms: list[str] = []
    for run in hyphenated_runs(text):
        if joined := joined_term(run):
            terms.append(joined)
        for word in run:
            terms.extend(of_word(word))
    return terms


def index_terms(text: str) -> list[str]:
    """The terms of ``text`` in order, for the engines' full-text tables."""
    return _terms(text, word_terms)


def analysed(text: str) -> str:
    return " ".join(index_terms(text))


def phrase_terms(text: str) -> tuple[str, ...]:
    """The terms of a phrase as they stand in the index, without compound parts (a phrase
    matches terms in order)."""
    return tuple(_terms(text, _word_stem))


def synonym_key(text: str) -> tuple[str, ...]:
    """The stems of ``text`` with each hyphenated word written as one: how the synonym list
    knows a term however it is hyphenated ("E-Akte" and "eakte" alike)."""
    key: list[str] = []
    for run in hyphenated_runs(text):
        if joined := joined_term(run):
            key.append(joined)
        else:
            key.extend(t for word in run for t in _word_stem(word))
    return tuple(key)


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


def _hyphenated_clause(run: list[str], synonyms) -> Clause:
    # Written as one or as its words in a row: "eakte", "E-Akte" and "E Akte" are one thing.
    key = (joined_term(run),)
    parts = tuple(t for word in run for t in _word_stem(word))
    # A stop word among the words ("it-sicherheit") leaves a gap the phrase would not have.
    alternatives = [key, *([parts] if len(parts) == len(run) else []), *synonyms.get(key, ())]
    return Clause(tuple(dict.fromkeys(alternatives)), "-".join(run))


def _phrase_clause(text: str, synonyms) -> Clause | None:
    terms = phrase_terms(text)
    if not terms:
        return None
    if len(terms) == 1:
        return _word_clause(words(text)[0], synonyms) if len(words(text)) == 1 else None
    key = synonym_key(text)
    alternatives = [terms, key, *synonyms.get(key, ())]
    return Clause(tuple(dict.fromkeys(alternatives)), text)


def parse_query(text: str, synonyms: dict | None = None) -> ParsedQuery:
    """Parse what a user typed: words rank, ``"quoted phrases"`` are required, ``-word``
    excludes. Any text parses; what carries no searchable word is dropped.

    ``synonyms`` maps a ``synonym_key`` to its equivalents (``search.services.synonym_map``).
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
                if terms := synonym_key(phrase):
                    must_not.append(terms)
            elif clause := _phrase_clause(phrase, synonyms):
                must.append(clause)
                typed.extend(words(phrase))
            continue
        if word_negated:
            must_not.extend((t,) for t in synonym_key(chunk))
            continue
        for run in hyphenated_runs(chunk):
            typed.extend(run)
            if len(run) == 1 or joined_term(run) is None:
                should.extend(c for w in run if (c := _word_clause(w, synonyms)))
                continue
            should.append(_hyphenated_clause(run, synonyms))
            if (joined_term(run),) not in synonyms:
                # Each word on its own too, so "IT-Sicherheit" still finds "Sicherheit der IT".
                should.extend(c for w in run if (c := _word_clause(w, synonyms)))
    return ParsedQuery(
        should=tuple(should),
        must=tuple(must),
        must_not=tuple(dict.fromkeys(must_not)),
        words=tuple(typed),
    )
