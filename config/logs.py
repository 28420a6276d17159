"""Logs an operator can search: JSON lines, each tied to its request, without personal data.

Production logs through ``json_logging()``. Every record carries the id of the request it
belongs to: the reverse proxy's ``X-Request-ID`` when it sends a well-formed one (so its
access log and ours join up), else one made here; the response returns it. E-mail addresses
are masked in every message, and records never carry the request object itself (its repr
holds the query string, which may be a search for a person).
"""

import contextvars
import logging
import re
import uuid

from pythonjsonlogger.json import JsonFormatter

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")

WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
EMAIL_ADDRESS = re.compile(r"[^\s@<>()\"',;:]+@[^\s@<>()\"',;:]+\.[A-Za-z]{2,}")


class RequestIdMiddleware:
    """Give each request an id, for its log records and in its ``X-Request-ID`` header."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        value = offered if WELL_FORMED_ID.fullmatch(offered) else uuid.uuid4().hex
        token = request_id.set(value)
        try:
            response = self.get_response(request)
        finally:
            request_id.reset(token)
        response["X-Request-ID"] = value
        return response


class RequestContextFilter(logging.Filter):
    """Adds the request id and masks e-mail addresses; drops the request object."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        message = record.getMessage()
        masked = EMAIL_ADDRESS.sub("[E-Mail]", message)
        if masked != message:
            record.msg, record.args = masked, None
        if hasattr(record, "request"):
            del record.request
        return True


def json_logging(level: str = "INFO") -> dict:
    """The ``LOGGING`` setting of production: JSON lines on standard error."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": RequestContextFilter}},
        "formatters": {
            "json": {
                "()": JsonFormatter,
                "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            # Django's own record of every 4xx repeats the path; the proxy's access log has it.
            "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        },
    }
