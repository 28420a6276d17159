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
_SPELLINGS = {
    "a": "(?:ae|a|ä|à|á|â)",
    "o": "(?:oe|o|ö|ó|ô)",
    "u": "(?:ue|u|ü|ú|û)",
    "s": "(?:ss|s|ß)",
}


@dataclass(frozen=True)
class Snippet:
    html: SafeString
    anchor: str = ""


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern | None:
    patterns = sorted(
        ("".join(_SPELLINGS.get(ch, re.escape(ch)) for ch in term) for term in terms if term),
        key=len,
        reverse=True,
    )
    if not patterns:
        return None
    return re.compile(r"[^\W_]*(?:" + "|".join(patterns) + r")[^\W_]*", re.IGNORECASE)


def _matches(text: str, terms: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, term) of each word in ``text`` that one of ``terms`` matches."""
    pattern = _candidates(terms)
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        hit = terms.intersection(word_terms(match.group()))
        if hit:
            found.append((match.start(), match.end(), min(hit)))
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
