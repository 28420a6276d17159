"""Production logs are JSON lines tied to their request, without personal data."""

import io
import json
import logging
import logging.config

import pytest

from config.logs import json_logging


@pytest.fixture
def log_lines():
    """Production's logging set-up, writing to a buffer; yields a reader of the JSON lines."""
    buffer = io.StringIO()
    configuration = json_logging("INFO")
    configuration["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(configuration)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        from django.conf import settings

        logging.config.dictConfig(settings.LOGGING)


def test_each_response_carries_a_request_id(client):
    assert len(client.get("/robots.txt")["X-Request-ID"]) == 32


def test_the_proxys_request_id_is_kept(client):
    response = client.get("/robots.txt", headers={"X-Request-ID": "proxy-4711-abcdef"})
    assert response["X-Request-ID"] == "proxy-4711-abcdef"


def test_a_malformed_request_id_is_replaced(client):
    response = client.get("/robots.txt", headers={"X-Request-ID": "<script>"})
    assert response["X-Request-ID"] != "<script>"


def test_a_log_line_is_json_with_level_logger_and_message(log_lines):
    logging.getLogger("kb").warning("Review reminder for %s pages", 3)
    (line,) = log_lines()
    assert (line["level"], line["logger"], line["message"]) == (
        "WARNING",
        "kb",
        "Review reminder for 3 pages",
    )


def test_a_log_line_written_during_a_request_names_its_request_id(log_lines, client, monkeypatch):
    import config.health

    def logging_database():
        logging.getLogger("config.health").warning("checked")
        return "ok"

    monkeypatch.setitem(config.health.CHECKS, "database", logging_database)
    response = client.get("/healthz", headers={"X-Request-ID": "proxy-4711-abcdef"})
    assert response.status_code == 200
    assert [line["request_id"] for line in log_lines()] == ["proxy-4711-abcdef"]


def test_e_mail_addresses_are_masked_in_log_lines(log_lines):
    logging.getLogger("partners").warning("No partner for %s", "mara.muster@duelmen.de")
    (line,) = log_lines()
    assert "mara.muster@duelmen.de" not in json.dumps(line)
    assert "[E-Mail]" in line["message"]
