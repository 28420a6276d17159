import contextlib
import os

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

from search.backends import database_backend, get_backend
from search.indexing import backends
from search.indexing_all import all_documents
from tests.factories import library_structure

BACKENDS = ["search.backends.database.DatabaseBackend"]
if os.environ.get("ELASTICSEARCH_URL"):
    BACKENDS.append("search.backends.elasticsearch.ElasticsearchBackend")


@contextlib.contextmanager
def search_backend(path):
    """The backend at ``path`` for the duration of the block, its cached instances forgotten."""
    overrides = {"SEARCH_BACKEND": path}
    if "elasticsearch" in path:
        overrides.update(
            ELASTICSEARCH_URL=os.environ["ELASTICSEARCH_URL"],
            ELASTICSEARCH_INDEX="wissensnetz-test",
        )
    with override_settings(**overrides):
        get_backend.cache_clear()
        database_backend.cache_clear()
        try:
            yield get_backend()
        finally:
            get_backend.cache_clear()
            database_backend.cache_clear()


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
