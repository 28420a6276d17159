"""Turning a stored row into a Hit, shared by the database backends."""

from django.utils.dateparse import parse_date, parse_datetime

from .base import Hit


def hit_from_row(row) -> Hit:
    """A Hit from (key, kind, title, url, summary, body, partner, partner_name, topics, date,
    solved, review_due_on, score), the order ``HIT_COLUMNS`` selects."""
    (
        key,
        kind,
        title,
        url,
        summary,
        body,
        partner,
        partner_name,
        topics,
        date,
        solved,
        due,
        score,
    ) = row
    # SQLite hands raw dates back as text; PostgreSQL as dates.
    if isinstance(date, str):
        date = parse_datetime(date)
    if isinstance(due, str):
        due = parse_date(due)
    return Hit(
        key=key,
        kind=kind,
        title=title,
        url=url,
        summary=summary,
        body=body,
        partner=partner,
        partner_name=partner_name,
        topics=topics,
        date=date,
        solved=None if solved is None else bool(solved),
        review_due_on=due,
        score=float(score or 0),
    )
