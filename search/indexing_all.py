"""Everything the adapters say should be findable, for rebuilds and checks."""

from collections.abc import Iterator

from .registry import SearchDocument, adapters

BATCH = 200


def all_documents() -> Iterator[SearchDocument]:
    """Every document of every adapter that may be found by someone."""
    for adapter in adapters():
        ids = list(adapter.all_ids())
        for start in range(0, len(ids), BATCH):
            for _, document in adapter.documents(ids[start : start + BATCH]):
                if document is not None:
                    yield document


def expected_count() -> int:
    return sum(len(list(adapter.all_ids())) for adapter in adapters())
