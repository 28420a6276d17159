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
_in_menu: list[str] = []


def register(key: str, url_name: str, label, *, in_menu: bool = False) -> None:
    """Make a view linkable from the home page; ``in_menu`` also puts it in the main menu."""
    _sections[key] = (url_name, label)
    if in_menu and key not in _in_menu:
        _in_menu.append(key)


def menu_sections() -> list[tuple[str, str]]:
    """(label, url) of the sections in the main menu, in the reader's language."""
    return [(str(_sections[key][1]), url_for(key)) for key in _in_menu if url_for(key)]


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
