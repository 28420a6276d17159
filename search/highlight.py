"""Snippets with the query's words marked: cut from the stored original text, HTML-safe.

Matching works on the analysed terms, so a snippet marks ``Dülmen`` for ``Duelmen`` and
``Digitalisierungsstrategie`` for ``Strategie``. A cheap regular expression finds candidate
words (a stem with its umlaut spellings, anywhere in a word); each candidate is confirmed
by analysing it, so long bodies cost little.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import word_terms
from .registry import split_segments

SNIPPET_LENGTH = 240
# Text is searched lower-cased and with accents dropped character by character, so offsets
# stay those of the original; terms are stems, so "ue" may stand where the stem has "u"
# (Duelmen, stem "dulm") and "ß" became one "s" where the stem has "ss".
_PLAIN = dict(zip("äàáâãåöòóôõüùúûéèêëíìîïßçñ", "aaaaaaooooouuuueeeeiiiiscn", strict=True))
# str.translate looks every character up; a regular expression visits only the rare ones.
_ACCENTED = re.compile("[" + "".join(_PLAIN) + "]")


def _plain(text: str) -> str:
    return _ACCENTED.sub(lambda m: _PLAIN[m.group()], text)


@dataclass(frozen=True)
class Snippet:
    html: SafeString
    anchor: str = ""


def _spelling_pattern(term: str) -> str:
    parts, i = [], 0
    while i < len(term):
        if term.startswith("ss", i):
            parts.append("ss?")
            i += 2
            continue
        parts.append(term[i] + "e?" if term[i] in "aou" else re.escape(term[i]))
        i += 1
    return "".join(parts)


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern | None:
    # Plain alternatives that begin with a letter let the regular expression engine skip
    # ahead to where a term can start; widening each find to its whole word is left to
    # _matches (a pattern that did it would retry from every letter of a long law text).
    patterns = sorted((_spelling_pattern(term) for term in terms if term), key=len, reverse=True)
    return re.compile("|".join(patterns)) if patterns else None


def _matches(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of each word in ``text`` that one of ``terms`` matches."""
    pattern = _candidates(terms)
    if pattern is None:
        return []
    lowered = text.lower()
    if len(lowered) != len(text):
        # A character whose lower case is longer (İ) would shift every offset after it.
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    plain = _plain(lowered)
    found, word_end = [], -1
    for match in pattern.finditer(plain):
        start, end = match.span()
        if start < word_end:
            continue
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        word_end = end
        hit = terms.intersection(word_terms(text[start:end]))
        if hit:
            found.append((start, end, min(hit)))
    return found


def mark(text: str, terms: frozenset[str]) -> SafeString:
    """``text`` escaped, with the words ``terms`` match wrapped in <mark>."""
    return _render(text, 0, len(text), _matches(text, terms))


def _render(text, start, end, matches) -> SafeString:
    parts, position = [], start
    for m_start, m_end, _ in matches:
        if m_start < start or m_end > end:
            continue
        parts.append(escape(text[position:m_start]))
        parts.append(f"<mark>{escape(text[m_start:m_end])}</mark>")
        position = m_end
    parts.append(escape(text[position:end]))
    return mark_safe("".join(parts))  # noqa: S308  (every piece of text is escaped above)


def _best_window(matches) -> tuple[int, int]:
    """The stretch of at most SNIPPET_LENGTH characters with the most different terms."""
    best, best_score = (matches[0][0], matches[0][0]), -1
    for i, (start, _, _) in enumerate(matches):
        inside = [m for m in matches[i:] if m[1] - start <= SNIPPET_LENGTH]
        score = len({m[2] for m in inside}) * 1000 + len(inside)
        if score > best_score:
            best, best_score = (start, inside[-1][1]), score
    return best


def _cut(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to about SNIPPET_LENGTH characters on word boundaries."""
    spare = max(SNIPPET_LENGTH - (end - start), 0)
    start = max(0, start - spare // 3)
    end = min(len(text), end + spare - (spare // 3))
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space > 0 else end
    return start, end


def snippet(body: str, summary: str, terms: frozenset[str]) -> Snippet:
    """The best passage of ``body`` (or else ``summary``) for ``terms``, marked."""
    best = None
    for segment in split_segments(body):
        matches = _matches(segment.text, terms)
        if matches:
            score = len({m[2] for m in matches})
            if best is None or score > best[0]:
                best = (score, segment, matches)
    if best is None:
        summary_matches = _matches(summary, terms)
        if summary or not body:
            return Snippet(_render(summary, 0, len(summary), summary_matches))
        first = split_segments(body)[0]
        start, end = _cut(first.text, 0, 0)
        return Snippet(_ellipsis(first.text, start, end, []), first.anchor)
    _, segment, matches = best
    start, end = _cut(segment.text, *_best_window(matches))
    return Snippet(_ellipsis(segment.text, start, end, matches), segment.anchor)


def _ellipsis(text, start, end, matches) -> SafeString:
    html = _render(text, start, end, matches)
    before = "… " if start > 0 else ""
    after = " …" if end < len(text) else ""
    return mark_safe(f"{before}{html}{after}")  # noqa: S308  (_render escaped the text)
