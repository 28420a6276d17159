"""The small public registry through which apps make their content searchable.

Search imports neither the knowledge base nor the forum. Each app registers an ``Adapter``
(in its ``AppConfig.ready``) that turns its objects into ``SearchDocument``s — with who may
see them — and names the keys to refresh when something changes (``search.indexing``).
"""

import datetime
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from .models import EntryKind


@dataclass(frozen=True)
class Segment:
    """A part of a document's text with its own address (a post in a thread)."""

    text: str
    anchor: str = ""


@dataclass(frozen=True)
class SearchDocument:
    """One searchable thing, as an adapter describes it to every backend.

    ``key`` is "<adapter>:<id>"; ``audience`` the canonical token string (``search.audience``);
    ``segments`` the body, split where a snippet should link somewhere else (posts).
    """

    key: str
    kind: EntryKind
    title: str
    url: str
    audience: str
    language: str = ""
    translated_into: tuple[str, ...] = ()
    summary: str = ""
    segments: tuple[Segment, ...] = ()
    partner: str = ""
    partner_name: str = ""
    topics: tuple[tuple[str, str], ...] = ()
    date: datetime.datetime | None = None
    solved: bool | None = None
    review_due_on: datetime.date | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def body(self) -> str:
        return SEGMENT_SEPARATOR.join(
            f"{s.anchor}{ANCHOR_END}{s.text}" if s.anchor else s.text for s in self.segments
        )

    def checksum(self) -> str:
        """Changes whenever anything the index holds about the document changes."""
        payload = asdict(self)
        payload.pop("extra")
        encoded = json.dumps(payload, default=str, sort_keys=True).encode()
        return hashlib.md5(encoded, usedforsecurity=False).hexdigest()


# Control characters cannot come from users (search and forms drop them), so they can mark
# where one post ends and which anchor the next one has.
SEGMENT_SEPARATOR = "\x1e"
ANCHOR_END = "\x1f"


def split_segments(body: str) -> list[Segment]:
    """The segments of a stored body again."""
    segments = []
    for part in body.split(SEGMENT_SEPARATOR):
        anchor, found, text = part.partition(ANCHOR_END)
        segments.append(Segment(text, anchor) if found else Segment(part))
    return segments


class Adapter:
    """How one app's objects become search documents. Subclasses set ``name`` and implement
    ``document`` and ``all_ids``; ``document`` returns None for what must not be found."""

    name: str = ""

    def document(self, object_id: str) -> SearchDocument | None:
        raise NotImplementedError

    def all_ids(self) -> Iterable[str]:
        raise NotImplementedError

    def documents(self, object_ids: Iterable[str]) -> Iterator[tuple[str, SearchDocument | None]]:
        """(key, document or None) for each id; adapters override this to batch queries."""
        for object_id in object_ids:
            yield self.key(object_id), self.document(object_id)

    def key(self, object_id) -> str:
        return f"{self.name}:{object_id}"


_adapters: dict[str, Adapter] = {}


def register(adapter: Adapter) -> Adapter:
    """Make ``adapter``'s documents searchable."""
    _adapters[adapter.name] = adapter
    return adapter


def adapters() -> list[Adapter]:
    return list(_adapters.values())


def adapter_for(key: str) -> tuple[Adapter | None, str]:
    name, _, object_id = key.partition(":")
    return _adapters.get(name), object_id
