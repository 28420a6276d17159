"""One validating layer for what listings read from the query string.

Whatever a URL carries (any text, NUL bytes, numbers past every column's range, a parameter
repeated), a listing reads it through a form of bounded fields and gets either a value it
can use or the field's default: nothing unchecked reaches a query. PostgreSQL refuses NUL
bytes in text and integers beyond its columns, and Python's dates end at the years 1 and
9999, so each of these would otherwise answer with a server error.
"""

import datetime

from django import forms

MAX_TEXT = 100
# Far beyond any listing's length, and within every integer column.
MAX_PAGE = 100_000
# A year lookup turns the year into local midnights and converts them to UTC: a day's margin
# inside Python's range keeps that conversion from overflowing in any time zone.
MIN_YEAR = datetime.MINYEAR + 1
MAX_YEAR = datetime.MAXYEAR - 1
# PostgreSQL's integer column (a post's number, for instance).
MAX_INTEGER = 2**31 - 1


class TextParam(forms.CharField):
    """A short text value such as a slug; NUL bytes and overlong values are refused."""

    def __init__(self, *, max_length: int = MAX_TEXT, **kwargs):
        super().__init__(max_length=max_length, required=False, initial="", **kwargs)


class FreeTextParam(forms.CharField):
    """What the reader typed into a search box: cleaned rather than refused, so that a NUL
    byte costs only itself, not the words around it."""

    def __init__(self, **kwargs):
        super().__init__(required=False, strip=False, initial="", **kwargs)

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class YearParam(forms.IntegerField):
    """A calendar year a date lookup can take."""

    def __init__(self, **kwargs):
        super().__init__(min_value=MIN_YEAR, max_value=MAX_YEAR, required=False, **kwargs)


class PageParam(forms.IntegerField):
    """A page number: a number past ``last`` asks for ``last`` (the paginators then show their
    last page), anything below 1 or not a number is refused, which means the first page."""

    def __init__(self, *, last: int = MAX_PAGE, **kwargs):
        self.last = last
        super().__init__(min_value=1, required=False, initial=1, **kwargs)

    def to_python(self, value):
        number = super().to_python(value)
        return None if number is None else min(number, self.last)


class ChoiceParam(forms.ChoiceField):
    """One of fixed values; ``initial`` stands in for a missing or unknown one."""

    def __init__(self, *, choices, initial="", **kwargs):
        super().__init__(choices=choices, required=False, initial=initial, **kwargs)


class QueryForm(forms.Form):
    """A listing's query-string parameters, checked once on creation; never raises.

    ``value(name)`` is the cleaned value, or the field's ``initial`` when the parameter is
    missing, empty or refused; ``refused`` names the parameters whose values were refused.
    """

    def __init__(self, query):
        super().__init__(query)
        self.full_clean()

    def value(self, name: str):
        field = self.fields[name]
        if name in self.errors or self.cleaned_data.get(name) in field.empty_values:
            return field.initial
        return self.cleaned_data[name]

    @property
    def refused(self) -> list[str]:
        return list(self.errors)

    def raw(self, name: str) -> str:
        """What the URL said for ``name``, bounded and printable, to show back to the reader."""
        text = str(self.data.get(name, ""))
        return "".join(ch for ch in text if ch.isprintable()).strip()[:MAX_TEXT]


def read(query, name: str, field: forms.Field):
    """``field``'s cleaned value for ``name`` in ``query``; its ``initial`` when the parameter
    is missing, empty or refused. For a view that reads one or two parameters."""
    try:
        value = field.clean(query.get(name))
    except forms.ValidationError:
        return field.initial
    return field.initial if value in field.empty_values else value


def page_number(query, name: str = "page") -> int:
    """The page number ``query`` asks for under ``name`` (see PageParam)."""
    return read(query, name, PageParam())
