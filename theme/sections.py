"""Parts of the site that are views rather than pages (search, forum, …).

Editors link to them from the home page by name; the URL is reversed in the reader's
language. Apps add theirs in ``AppConfig.ready()`` with :func:`register`.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

_sections: dict[str, tuple[str, str]] = {
    "search": ("search:search", _("Search")),
    "signup": ("account_signup", _("Sign up")),
}


def register(key: str, url_name: str, label) -> None:
    _sections[key] = (url_name, label)


def choices() -> list[tuple[str, str]]:
    return [(key, label) for key, (_url_name, label) in _sections.items()]


def url_for(key: str) -> str | None:
    """The section's URL in the active language, or None for a section that no longer exists."""
    if key not in _sections:
        return None
    try:
        return reverse(_sections[key][0])
    except NoReverseMatch:
        return None
