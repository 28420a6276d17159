"""The wire to Elasticsearch or OpenSearch: one client for both, which failures mean "the
engine is away" (fall back, retry later) and which mean "we sent something wrong" (a bug),
and a circuit breaker that stops asking an engine that just failed.

Elasticsearch 8 and 9 and OpenSearch 2 and 3 speak the same REST API for what search uses,
but not the same headers: the ``elasticsearch`` client asks for
``application/vnd.elasticsearch+json; compatible-with=<client major>``, which OpenSearch
refuses and an Elasticsearch one major below the client refuses too, and it rejects every
answer without ``X-Elastic-Product: Elasticsearch``, which OpenSearch never sends.
``EngineTransport`` learns the distribution and major version from ``GET /`` (or takes the
distribution from ``ELASTICSEARCH_DISTRIBUTION``) and writes the headers that engine wants.
"""

import logging
import re
import threading
import time
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from elastic_transport import HttpHeaders, Transport, TransportApiResponse
from elastic_transport import TransportError as WireError
from elastic_transport.client_utils import DEFAULT
from elasticsearch import Elasticsearch
from elasticsearch.exceptions import ApiError
from elasticsearch.helpers import BulkIndexError

from .errors import EngineUnavailable

logger = logging.getLogger(__name__)

OPENSEARCH = "opensearch"
ELASTICSEARCH = "elasticsearch"
DEFAULT_TIMEOUT = 2.5
DEFAULT_BREAKER_SECONDS = 30.0
# Statuses that say the engine is overloaded or down rather than that the request was wrong.
UNAVAILABLE_STATUSES = frozenset({429}) | frozenset(range(500, 600))
_COMPAT = re.compile(r"application/vnd\.elasticsearch\+([\w-]+);\s*compatible-with=\d+")


def is_unavailable(error: BaseException) -> bool:
    """True for failures that a later attempt may not have: no connection, a timeout, a 5xx
    or 429 answer. Everything else (a 4xx, a malformed request) is a bug to be fixed."""
    if isinstance(error, EngineUnavailable):
        return True
    if isinstance(error, ApiError):
        return error.meta.status in UNAVAILABLE_STATUSES
    if isinstance(error, BulkIndexError):
        statuses = [_item_status(item) for item in error.errors]
        return bool(statuses) and all(s in UNAVAILABLE_STATUSES for s in statuses)
    return isinstance(error, WireError)


def _item_status(item: dict) -> int:
    (result,) = item.values()
    return int(result.get("status", 0))


class EngineTransport(Transport):
    """A transport that speaks each distribution's dialect (see the module docstring)."""

    distribution: str = ""
    major: int | None = None

    def perform_request(self, method, target, *, headers=DEFAULT, **kwargs) -> TransportApiResponse:
        if not self.distribution:
            self._identify(headers, kwargs.get("request_timeout"))
        response = super().perform_request(method, target, headers=self._dialect(headers), **kwargs)
        if self.distribution == OPENSEARCH:
            # The client refuses answers that lack Elasticsearch's product header.
            answered = HttpHeaders(response.meta.headers)
            answered["x-elastic-product"] = "Elasticsearch"
            response.meta.headers = answered
        return response

    def _identify(self, headers, request_timeout) -> None:
        configured = getattr(settings, "ELASTICSEARCH_DISTRIBUTION", "")
        if configured:
            self._check_distribution(configured)
            self.distribution = configured
            return
        # The request's own headers carry the credentials; only the dialect is not known yet.
        asking = {
            name: value
            for name, value in (dict(headers) if isinstance(headers, Mapping) else {}).items()
            if name.lower() not in ("accept", "content-type")
        }
        asking["accept"] = "application/json"
        meta, body = super().perform_request(
            "GET", "/", headers=asking, request_timeout=request_timeout
        )
        if meta.status in UNAVAILABLE_STATUSES:
            raise EngineUnavailable(f"GET / answered {meta.status}")
        if meta.status != 200 or not isinstance(body, dict):
            raise ImproperlyConfigured(
                f"{settings.ELASTICSEARCH_URL} did not say what it is (GET / → {meta.status})."
            )
        version = body.get("version", {})
        self.distribution = version.get("distribution") or ELASTICSEARCH
        number = str(version.get("number", ""))
        self.major = int(number.split(".")[0]) if number[:1].isdigit() else None
        logger.info("Search engine at %s: %s %s.", self._url(), self.distribution, number)

    @staticmethod
    def _check_distribution(value: str) -> None:
        if value not in (ELASTICSEARCH, OPENSEARCH):
            raise ImproperlyConfigured(
                "ELASTICSEARCH_DISTRIBUTION is 'elasticsearch', 'opensearch' or empty (ask)."
            )

    def _dialect(self, headers):
        if not isinstance(headers, Mapping):
            return headers
        rewritten = {}
        for name, value in dict(headers).items():
            if name.lower() in ("accept", "content-type") and isinstance(value, str):
                if self.distribution == OPENSEARCH:
                    value = _COMPAT.sub(r"application/\1", value)
                elif self.major:
                    value = _COMPAT.sub(
                        rf"application/vnd.elasticsearch+\1; compatible-with={self.major}", value
                    )
            rewritten[name] = value
        return rewritten

    def _url(self) -> str:
        return settings.ELASTICSEARCH_URL


def connection_options() -> dict:
    """Authentication and certificates from the settings, only those that are set."""
    options: dict = {}
    if api_key := getattr(settings, "ELASTICSEARCH_API_KEY", ""):
        options["api_key"] = api_key
    username = getattr(settings, "ELASTICSEARCH_USERNAME", "")
    if username:
        options["basic_auth"] = (username, getattr(settings, "ELASTICSEARCH_PASSWORD", ""))
    if ca_certs := getattr(settings, "ELASTICSEARCH_CA_CERTS", ""):
        options["ca_certs"] = ca_certs
    return options


def timeout() -> float:
    """Seconds one request may take, connecting and answering each (``ELASTICSEARCH_TIMEOUT``)."""
    return float(getattr(settings, "ELASTICSEARCH_TIMEOUT", DEFAULT_TIMEOUT))


def make_client(url: str | None = None) -> Elasticsearch:
    """A client that tries once and gives up after ``timeout()`` seconds.

    The client's defaults (three retries, ten seconds each, with back-off between them) let
    one search wait forty seconds and more for an engine that is down; here a failure is
    answered by the database at once and the circuit breaker keeps the next searches away.
    """
    url = url or settings.ELASTICSEARCH_URL
    if not url:
        raise ImproperlyConfigured("The search engine backend needs ELASTICSEARCH_URL.")
    return Elasticsearch(
        hosts=[url],
        request_timeout=timeout(),
        max_retries=0,
        retry_on_timeout=False,
        retry_on_status=(),
        transport_class=EngineTransport,
        **connection_options(),
    )


class CircuitBreaker:
    """After a failure the engine is skipped for ``ELASTICSEARCH_BREAKER_SECONDS``.

    Its state lives in this process only, on purpose: it decides nothing but whether to spend
    a timeout on an engine that just failed. Each worker learns an outage once on its own, and
    a write skipped while the breaker is open stays pending (``PendingIndexUpdate``) until a
    later attempt delivers it.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._open_until = 0.0

    @property
    def seconds(self) -> float:
        return float(getattr(settings, "ELASTICSEARCH_BREAKER_SECONDS", DEFAULT_BREAKER_SECONDS))

    def allows(self) -> bool:
        return time.monotonic() >= self._open_until

    def trip(self) -> None:
        with self._lock:
            self._open_until = time.monotonic() + self.seconds

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0


_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(url: str) -> CircuitBreaker:
    """The process's breaker for the engine at ``url``, shared by every backend instance."""
    with _breakers_lock:
        return _breakers.setdefault(url, CircuitBreaker())
