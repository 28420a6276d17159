"""The interface every search backend implements, and the values it exchanges."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..analysis import ParsedQuery
from ..registry import SearchDocument

FACETS = ("kind", "topic", "partner", "year", "solved")


@dataclass(frozen=True)
class SearchRequest:
    """One search: the parsed query, what the reader may see, filters, order and page.

    ``audiences`` are the stored audience strings the reader may see (``search.audience``);
    a backend returns nothing else. ``language`` is the reader's language: entries in it,
    language-neutral ones, and originals not translated into it are searched.
    """

    query: ParsedQuery
    audiences: tuple[str, ...]
    language: str
    default_language: str
    filters: tuple[tuple[str, str], ...] = ()
    sort: str = "relevance"
    offset: int = 0
    limit: int = 10


@dataclass
class Hit:
    """One result, with the stored text the snippet is cut from."""

    key: str
    kind: str
    title: str
    url: str
    summary: str
    body: str
    partner: str
    partner_name: str
    topics: str
    date: datetime.datetime | None
    solved: bool | None
    review_due_on: datetime.date | None
    score: float = 0.0
    # The passage the engine marked itself (``search.highlight.Snippet``), when it made one;
    # then ``body`` stays empty instead of carrying the whole text to cut it from.
    snippet: object | None = None


@dataclass
class SearchResponse:
    """One page of hits, the total, and facet counts {name: {value: count}} over all matches
    with the labels of values that have one {(name, value): label}."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    labels: dict[tuple[str, str], str] = field(default_factory=dict)


class SearchBackend:
    """What search needs from an engine. All methods take analysed input from ``search``."""

    name = "base"

    def healthy(self) -> bool:
        """Whether the engine answers now (for /healthz); an embedded engine always does."""
        return True

    def index(self, documents: Iterable[SearchDocument]) -> None:
        """Add or replace these documents."""
        raise NotImplementedError

    def delete(self, keys: Iterable[str]) -> None:
        """Remove these keys (unknown keys are ignored)."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def search(self, request: SearchRequest) -> SearchResponse:
        raise NotImplementedError

    def autocomplete(
        self, prefix: str, audiences: tuple[str, ...], language: str, limit: int = 8
    ) -> list[tuple[str, str]]:
        """(title, url) of visible entries whose title has a word starting with ``prefix``."""
        raise NotImplementedError

    def spelling(self, word: str, audiences: tuple[str, ...]) -> str | None:
        """The closest word of the visible entries to a misspelt ``word``, if any."""
        raise NotImplementedError

    def checksums(self) -> dict[str, str]:
        """Every stored key with the checksum of the document it was built from."""
        raise NotImplementedError

    def rebuild(self, documents: Iterable[SearchDocument], progress=None) -> int:
        """Replace the whole index with ``documents``; returns how many were written."""
        raise NotImplementedError
