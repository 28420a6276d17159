import os

import pytest
from django.contrib.auth.models import AnonymousUser

from search.backends import database_backend, get_backend
from search.indexing import backends
from search.indexing_all import all_documents
from tests.factories import library_structure

BACKENDS = ["search.backends.database.DatabaseBackend"]
if os.environ.get("ELASTICSEARCH_URL"):
    BACKENDS.append("search.backends.elasticsearch.ElasticsearchBackend")


@pytest.fixture(params=BACKENDS, ids=lambda path: path.rsplit(".", 1)[-1])
def backend(request, settings, db):
    """Each backend in turn: the database always, Elasticsearch when ELASTICSEARCH_URL is set."""
    settings.SEARCH_BACKEND = request.param
    if "elasticsearch" in request.param:
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        settings.ELASTICSEARCH_INDEX = "wissensnetz-test"
    get_backend.cache_clear()
    database_backend.cache_clear()
    yield get_backend()
    get_backend.cache_clear()
    database_backend.cache_clear()


@pytest.fixture
def reindex(backend):
    """Rebuild every backend from the database (what ``search_rebuild`` does)."""

    def rebuild():
        for each in backends():
            each.rebuild(all_documents())

    return rebuild


@pytest.fixture
def sections(db):
    return library_structure()[2]


@pytest.fixture
def visitor():
    return AnonymousUser()
