"""The search engine over a real socket: the headers each distribution gets, how fast a search
comes back when the engine is down or silent, which errors fall back and which are bugs, the
circuit breaker, and index writes that outlive an outage or a rebuild.

The first part needs no engine: it talks to small servers on loopback ports. The second
runs against ELASTICSEARCH_URL (``make test-search-engine``) and is skipped without it.
"""

import contextlib
import io
import json
import logging
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils.translation import override
from elasticsearch.exceptions import BadRequestError

from kb.models import ArticlePage
from search import indexing, pending
from search.analysis import parse_query
from search.backends import elasticsearch as es
from search.backends import engine as engine_module
from search.backends import get_backend
from search.backends.base import SearchRequest, SearchResponse
from search.backends.engine import EngineUnavailable, make_client
from search.indexing_all import all_documents
from search.models import PendingIndexUpdate
from tests.factories import ArticlePageFactory

from .conftest import ENGINE, search_backend

# The bound: a search answers from the fallback well before a reader gives up.
PROMPT = 5.0
FALLBACK = SearchResponse(total=1, hits=[], facets={"kind": {"article": 1}})


def request() -> SearchRequest:
    return SearchRequest(
        query=parse_query("Strategie"),
        audiences=("public",),
        language="de",
        default_language="de",
    )


class FakeDatabase:
    def search(self, request):
        return FALLBACK


@pytest.fixture
def database(monkeypatch):
    monkeypatch.setattr(es, "database_backend", FakeDatabase)


def engine_at(url) -> es.ElasticsearchBackend:
    with override_settings(ELASTICSEARCH_URL=url):
        return es.ElasticsearchBackend(client=make_client(url), alias=f"test-{os.getpid()}")


def elapsed(call) -> tuple[float, object]:
    started = time.monotonic()
    result = call()
    return time.monotonic() - started, result


@pytest.fixture
def dead_url():
    """A loopback port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class Silent:
    """A server that accepts connections and never answers; counts what it accepted."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.accepted = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        with contextlib.suppress(OSError):
            while True:
                self.accepted.append(self.listener.accept()[0])

    @property
    def url(self):
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}"

    def close(self):
        for connection in self.accepted:
            connection.close()
        self.listener.close()


@pytest.fixture
def silent():
    server = Silent()
    yield server
    server.close()


class Scripted(BaseHTTPRequestHandler):
    """Answers ``GET /`` with ``server.root`` and anything else with ``server.answer``;
    records each request's method, path and headers."""

    def _respond(self):
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        length = int(self.headers.get("content-length") or 0)
        self.rfile.read(length)
        status, body, headers = self.server.root if self.path == "/" else self.server.answer
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_HEAD = _respond

    def log_message(self, *args):
        """Quiet: the tests read ``server.requests``."""


OPENSEARCH_ROOT = (200, {"version": {"distribution": "opensearch", "number": "2.19.1"}}, {})
ELASTIC = {"x-elastic-product": "Elasticsearch"}
EMPTY_ANSWER = {"hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}


@contextlib.contextmanager
def scripted(root=OPENSEARCH_ROOT, answer=(200, EMPTY_ANSWER, {})):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Scripted)
    server.root, server.answer, server.requests = root, answer, []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def searches(server):
    return [r for r in server.requests if r[1].endswith("/_search")]


# --- dialects ------------------------------------------------------------------------------


def test_opensearch_is_asked_for_plain_json_and_its_answers_are_accepted(database):
    with scripted() as (server, url):
        response = engine_at(url).search(request())

    ((_, _, headers),) = searches(server)
    assert headers["accept"] == "application/json"
    assert response.total == 0


def test_an_elasticsearch_one_major_below_the_client_gets_its_own_compatibility_header(
    database,
):
    root = (200, {"version": {"number": "8.15.0"}}, ELASTIC)
    with scripted(root=root, answer=(200, EMPTY_ANSWER, ELASTIC)) as (server, url):
        engine_at(url).search(request())

    ((_, _, headers),) = searches(server)
    assert headers["accept"] == "application/vnd.elasticsearch+json; compatible-with=8"


def test_a_configured_distribution_saves_asking_the_engine_what_it_is(database, settings):
    settings.ELASTICSEARCH_DISTRIBUTION = "opensearch"
    with scripted() as (server, url):
        engine_at(url).search(request())

    assert [path for _, path, _ in server.requests] == [f"/test-{os.getpid()}/_search"]


# --- an engine that is away ----------------------------------------------------------------


def test_a_search_answers_from_the_database_at_once_when_nothing_listens(database, dead_url):
    seconds, response = elapsed(lambda: engine_at(dead_url).search(request()))

    assert (response, seconds < PROMPT) == (FALLBACK, True)


def test_a_search_answers_from_the_database_in_time_when_the_engine_never_answers(database, silent):
    seconds, response = elapsed(lambda: engine_at(silent.url).search(request()))

    assert (response, seconds < PROMPT) == (FALLBACK, True)


def test_after_a_timeout_the_next_search_skips_the_engine(database, silent):
    backend = engine_at(silent.url)
    backend.search(request())
    connections = len(silent.accepted)

    seconds, response = elapsed(lambda: backend.search(request()))

    assert (response, len(silent.accepted), seconds < 0.5) == (FALLBACK, connections, True)


def test_the_engine_is_asked_again_once_the_breaker_closes(database, dead_url, settings):
    settings.ELASTICSEARCH_BREAKER_SECONDS = 0
    backend = engine_at(dead_url)
    backend.search(request())

    assert backend.breaker.allows()


def test_a_write_while_the_breaker_is_open_is_refused_without_connecting(silent):
    backend = engine_at(silent.url)
    backend.breaker.trip()

    with pytest.raises(EngineUnavailable):
        backend.delete(["page:1"])
    assert silent.accepted == []


def test_a_server_error_falls_back_to_the_database(database):
    with scripted(answer=(503, {"error": "unavailable"}, {})) as (_, url):
        response = engine_at(url).search(request())

    assert response is FALLBACK


def test_an_engine_still_starting_up_is_answered_for_by_the_database(database):
    with scripted(root=(503, {"error": "starting"}, {})) as (_, url):
        response = engine_at(url).search(request())

    assert response is FALLBACK


def test_a_refused_request_is_a_bug_that_raises(database):
    refused = (400, {"error": {"type": "parsing_exception", "reason": "unknown query"}}, {})
    with scripted(answer=refused) as (_, url), pytest.raises(BadRequestError):
        engine_at(url).search(request())


def test_a_refused_request_is_logged_with_the_request_it_refused(database, caplog):
    refused = (400, {"error": {"type": "parsing_exception", "reason": "unknown query"}}, {})
    with (
        scripted(answer=refused) as (_, url),
        caplog.at_level(logging.ERROR, logger=es.logger.name),
        contextlib.suppress(BadRequestError),
    ):
        engine_at(url).search(request())

    (record,) = caplog.records
    assert "analysed_title" in record.getMessage()


def test_a_refused_request_leaves_the_breaker_closed(database):
    refused = (400, {"error": {"type": "parsing_exception", "reason": "unknown query"}}, {})
    with scripted(answer=refused) as (_, url):
        backend = engine_at(url)
        with contextlib.suppress(BadRequestError):
            backend.search(request())

    assert backend.breaker.allows()


# --- health (/healthz) ---------------------------------------------------------------------


def test_an_engine_that_answers_is_healthy():
    with scripted() as (_, url):
        assert engine_at(url).healthy()


def test_an_engine_where_nothing_listens_is_unhealthy_at_once(dead_url):
    seconds, healthy = elapsed(lambda: engine_at(dead_url).healthy())
    assert (healthy, seconds < 1) == (False, True)


def test_an_engine_that_never_answers_is_unhealthy_within_the_timeout_and_then_skipped(silent):
    backend = engine_at(silent.url)
    seconds, healthy = elapsed(backend.healthy)
    assert (healthy, seconds < 5, backend.breaker.allows()) == (False, True, False)


# --- against the engine (ELASTICSEARCH_URL) -----------------------------------------------

needs_engine = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"), reason="needs ELASTICSEARCH_URL"
)


@pytest.fixture
def engine(db):
    with override("de"), search_backend(ENGINE) as backend:
        yield backend


@needs_engine
def test_the_engine_under_test_is_healthy(engine):
    assert engine.healthy()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """A block whose on-commit callbacks (the index refresh) run (see test_indexing)."""
    from django.db import connection

    @contextlib.contextmanager
    def committed():
        connection.run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True):
            yield
        connection.run_on_commit.clear()

    return committed


def check() -> bool:
    try:
        call_command("search_check", stdout=io.StringIO())
    except CommandError:
        return False
    return True


@pytest.fixture
def article(sections, engine):
    page = ArticlePageFactory(title="Leitfaden Quendrix", slug="quendrix")
    indexing.rebuild(engine, all_documents())
    indexing.rebuild(indexing.database_backend(), all_documents())
    return page


@contextlib.contextmanager
def engine_down(backend, url):
    """The backend talks to ``url`` (where no engine answers) for the block."""
    working = backend.client
    backend.client = make_client(url)
    try:
        yield
    finally:
        backend.client = working
        backend.breaker.reset()


@needs_engine
def test_a_change_made_while_the_engine_is_down_stays_pending(article, engine, commit, dead_url):
    article.title = "Leitfaden Zarvolin"
    with engine_down(engine, dead_url), commit():
        article.save_revision().publish()

    assert list(pending.pending().values_list("key", flat=True)) == [f"page:{article.pk}"]


@needs_engine
def test_a_change_made_while_the_engine_was_down_reaches_it_with_search_catch_up(
    article, engine, commit, dead_url
):
    article.title = "Leitfaden Zarvolin"
    with engine_down(engine, dead_url), commit():
        article.save_revision().publish()

    call_command("search_catch_up", "--now", stdout=io.StringIO())

    assert (check(), pending.pending().count()) == (True, 0)


@needs_engine
def test_the_next_index_task_delivers_what_failed_before(article, engine, commit, dead_url):
    article.title = "Leitfaden Zarvolin"
    with engine_down(engine, dead_url), commit():
        article.save_revision().publish()
    PendingIndexUpdate.objects.update(retry_at=None)

    with commit():
        ArticlePageFactory(title="Leitfaden Plivoren")

    assert (check(), pending.pending().count()) == (True, 0)


@needs_engine
def test_a_failed_delivery_waits_longer_each_time(article, engine, commit, dead_url):
    article.title = "Leitfaden Zarvolin"
    with engine_down(engine, dead_url), commit():
        article.save_revision().publish()
    with engine_down(engine, dead_url), pytest.raises(CommandError):
        call_command("search_catch_up", "--now", stdout=io.StringIO())

    row = PendingIndexUpdate.objects.get(key=f"page:{article.pk}")
    assert (row.attempts, row.retry_at > row.changed_at) == (2, True)


@needs_engine
def test_a_change_made_during_a_rebuild_is_in_the_new_index(article, engine, commit):
    def change_meanwhile(_written):
        ArticlePage.objects.filter(pk=article.pk).update(title="Leitfaden Zarvolin")
        article.refresh_from_db()
        article.title = "Leitfaden Zarvolin"
        with commit():
            article.save_revision().publish()

    indexing.rebuild(engine, all_documents(), progress=change_meanwhile)

    assert check()


@needs_engine
def test_two_workers_creating_the_missing_index_at_once_both_write(article, engine):
    engine.drop()
    first, second = (es.ElasticsearchBackend(alias=engine.alias) for _ in range(2))
    first._ensure_index()

    # The second had found no index a moment before the first made it.
    second._create_index(second._initial_index_name(), with_alias=True)
    second.index(all_documents())

    assert list(engine.client.indices.get_alias(name=engine.alias)) == [
        second._initial_index_name()
    ]


def test_search_check_says_when_the_engine_cannot_be_compared(db, dead_url):
    configured = override_settings(SEARCH_BACKEND=ENGINE, ELASTICSEARCH_URL=dead_url)
    with configured, pytest.raises(CommandError, match="cannot be compared"):
        get_backend.cache_clear()
        try:
            call_command("search_check", stdout=io.StringIO())
        finally:
            get_backend.cache_clear()


# --- credentials ---------------------------------------------------------------------------


def test_an_api_key_goes_with_every_request(database, settings):
    settings.ELASTICSEARCH_API_KEY = "c2VjcmV0"
    with scripted() as (server, url):
        engine_at(url).search(request())

    assert {headers.get("authorization") for _, _, headers in server.requests} == {
        "ApiKey c2VjcmV0"
    }


def test_a_user_and_password_go_with_every_request(database, settings):
    settings.ELASTICSEARCH_USERNAME, settings.ELASTICSEARCH_PASSWORD = "wissensnetz", "geheim"
    with scripted() as (server, url):
        engine_at(url).search(request())

    assert {headers.get("authorization") for _, _, headers in server.requests} == {
        "Basic d2lzc2Vuc25ldHo6Z2VoZWlt"
    }


def test_a_ca_bundle_from_the_settings_verifies_the_engines_certificate(settings):
    settings.ELASTICSEARCH_CA_CERTS = "/etc/ssl/wissensnetz-ca.pem"

    assert engine_module.connection_options() == {"ca_certs": "/etc/ssl/wissensnetz-ca.pem"}
