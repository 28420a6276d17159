"""What else a partner's people are doing, from apps the knowledge base does not know.

The forum registers a provider at start-up; the partner page asks every provider for the
partner's recent activity the reader may see. The dependency stays one-way: kb imports no
forum code, the forum imports this module.
"""

from collections.abc import Callable

# provider(partner, user, limit) -> list of {"title", "url", "date", "context"}
Provider = Callable[..., list[dict]]

_providers: list[Provider] = []


def register_activity(provider: Provider) -> None:
    """Add a source of partner activity (called from an AppConfig.ready)."""
    if provider not in _providers:
        _providers.append(provider)


def recent_activity(partner, user, limit: int = 5) -> list[dict]:
    """The newest items of every provider for ``partner``, as ``user`` may see them."""
    items = [item for provider in _providers for item in provider(partner, user, limit)]
    return sorted(items, key=lambda item: item["date"], reverse=True)[:limit]
