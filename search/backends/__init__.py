"""Search engines behind one interface. ``get_backend()`` returns the configured one; nothing
outside ``search`` knows which runs."""

import logging
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Hit, SearchBackend, SearchRequest, SearchResponse

logger = logging.getLogger(__name__)

__all__ = [
    "Hit",
    "SearchBackend",
    "SearchRequest",
    "SearchResponse",
    "get_backend",
    "database_backend",
]


@cache
def get_backend() -> SearchBackend:
    """The backend the settings choose (``SEARCH_BACKEND``, a dotted class path)."""
    from .database import DatabaseBackend

    backend_class = import_string(settings.SEARCH_BACKEND)
    return database_backend() if backend_class is DatabaseBackend else backend_class()


@cache
def database_backend() -> SearchBackend:
    """The database's own engine: the default, and the fallback when another one fails."""
    from .database import DatabaseBackend

    return DatabaseBackend()
