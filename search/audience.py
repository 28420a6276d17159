"""Who may see an entry: access tokens, and the one rule that matches them against a user.

An entry carries the tokens of everyone who may see it; a user holds tokens. Core tokens:
``public`` (everybody) and ``members`` (every logged-in, active account). Apps that know
finer rules register a resolver for their own token prefix — the forum for working groups
("wg:3"), the knowledge base for page restrictions ("pagegroup:4"). An entry nobody may
find (a password-protected page) is simply not indexed.
"""

from collections.abc import Callable, Iterable

PUBLIC = "public"
MEMBERS = "members"

# prefix → function(user, value) -> bool
_resolvers: dict[str, Callable[[object, str], bool]] = {}


def register_resolver(prefix: str, resolver: Callable[[object, str], bool]) -> None:
    """Let ``resolver(user, value)`` decide for tokens "<prefix>:<value>"."""
    _resolvers[prefix] = resolver


def audience(tokens: Iterable[str]) -> str:
    """The canonical audience string for a set of tokens (sorted, space-separated)."""
    return " ".join(sorted(set(tokens)))


def is_member(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def holds(user, token: str) -> bool:
    """Whether ``user`` holds ``token``."""
    if token == PUBLIC:
        return True
    if not is_member(user):
        return False
    if token == MEMBERS:
        return True
    prefix, _, value = token.partition(":")
    resolver = _resolvers.get(prefix)
    return bool(resolver and resolver(user, value))


def may_see(user, audience_string: str) -> bool:
    """Whether ``user`` may see an entry with this audience."""
    return any(holds(user, token) for token in audience_string.split())


def visible_audiences(user, audiences: Iterable[str]) -> list[str]:
    """Those of ``audiences`` (as stored) that ``user`` may see; backends filter on these."""
    return sorted(a for a in set(audiences) if may_see(user, a))
