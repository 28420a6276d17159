import contextlib
import os
import uuid

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from search.backends import database_backend, engine, get_backend
from search.indexing import backends
from search.indexing_all import all_documents
from tests.factories import library_structure

ENGINE = "search.backends.elasticsearch.ElasticsearchBackend"
BACKENDS = ["search.backends.database.DatabaseBackend"]
if os.environ.get("ELASTICSEARCH_URL"):
    BACKENDS.append(ENGINE)


def unique_index_name() -> str:
    """An index of its own for each use, so that processes and tests never share one."""
    return f"wissensnetz-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"


@contextlib.contextmanager
def search_backend(path):
    """The backend at ``path`` for the duration of the block, its cached instances forgotten.

    The engine gets an index of its own (deleted afterwards), writes that are searchable as
    soon as they return, and a closed circuit breaker.
    """
    overrides = {"SEARCH_BACKEND": path}
    if path == ENGINE:
        overrides.update(
            ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"],
            ELASTICSEARCH_INDEX=unique_index_name(),
            ELASTICSEARCH_REFRESH="wait_for",
        )
    with override_settings(**overrides):
        get_backend.cache_clear()
        database_backend.cache_clear()
        each = get_backend()
        if path == ENGINE:
            each.breaker.reset()
        try:
            yield each
        finally:
            if path == ENGINE:
                each.breaker.reset()
                each.drop()
            get_backend.cache_clear()
            database_backend.cache_clear()


@pytest.fixture(autouse=True)
def closed_circuit_breakers():
    """Every test starts with the engine trusted: a breaker opened by one test (they live as
    long as the process) must not send the next one to the database."""
    engine._breakers.clear()


def backend_id(path):
    return path.rsplit(".", 1)[-1]


@pytest.fixture(params=BACKENDS, ids=backend_id)
def backend(request, db):
    """Each backend in turn: the database always, Elasticsearch when ELASTICSEARCH_URL is set."""
    with search_backend(request.param) as each:
        yield each


@pytest.fixture(scope="module", params=BACKENDS, ids=backend_id)
def module_backend(request):
    """``backend`` for the worlds a whole module shares."""
    with search_backend(request.param) as each:
        yield each


def rebuild_index():
    """Rebuild every backend from the database (what ``search_rebuild`` does)."""
    for each in backends():
        each.rebuild(all_documents())


@pytest.fixture
def reindex(backend):
    """Rebuild every backend from the database (what ``search_rebuild`` does)."""
    return rebuild_index


@pytest.fixture
def sections(db):
    return library_structure()[2]


@pytest.fixture
def visitor():
    return AnonymousUser()
