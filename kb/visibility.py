"""Who may see which knowledge-base pages: the one rule that listings, feeds, boxes, search
and the forum all use.

A page is visible when it is live and every view restriction on it or an ancestor admits the
reader: a login restriction admits members (logged-in users), a group restriction members of
at least one of its groups (and superusers), a password restriction nobody, because
password-protected sections are never listed (the password is asked on the page itself).
Wagtail's own serve() enforces the same restrictions on the page.

``Access.admits`` is that rule. Listings hide the sections whose restriction does not admit
the reader (``visible_to``); search indexes a page with its ``page_access`` and asks
``admits`` again when it matches a reader; the forum derives the category a page may be
discussed in from ``page_access``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from django.db.models import Q
from wagtail.models import PageViewRestriction

from partners.roles import group_ids
from theme.page_cache import cached_fragment


@dataclass(frozen=True)
class Reader:
    """What view restrictions ask of a user: logged in, superuser, and which groups."""

    member: bool = False
    superuser: bool = False
    group_ids: frozenset[int] = frozenset()

    @property
    def key(self) -> str:
        """Readers who see exactly the same pages share this key (for caching what they see)."""
        if not self.member:
            return "visitor"
        if self.superuser:
            return "superuser"
        return "member:" + ",".join(map(str, sorted(self.group_ids)))


def reader(user) -> Reader:
    """``user`` as view restrictions see them (one query for a member's groups, shared with
    the role checks of the same request)."""
    if not user.is_authenticated:
        return Reader()
    if user.is_superuser:
        return Reader(member=True, superuser=True)
    return Reader(member=True, group_ids=group_ids(user))


class Restriction(NamedTuple):
    """A view restriction: it applies to the pages whose tree path starts with ``path``."""

    path: str
    kind: str
    group_ids: frozenset[int]


@dataclass(frozen=True)
class Access:
    """Who passes a set of view restrictions, reduced to what decides it.

    ``group_sets`` holds, per group restriction, the groups of which a reader needs one; a
    restriction whose groups include all of another's adds nothing and is left out, so equal
    rules compare equal.
    """

    listed: bool = True  # False behind a password
    members_only: bool = False  # a login or group restriction
    group_sets: tuple[frozenset[int], ...] = ()

    @property
    def is_public(self) -> bool:
        return self.listed and not self.members_only

    def admits(self, reader: Reader) -> bool:
        """The rule: every restriction admits ``reader``."""
        if not self.listed or (self.members_only and not reader.member):
            return False
        return reader.superuser or all(groups & reader.group_ids for groups in self.group_sets)


def access(restrictions: Iterable[Restriction]) -> Access:
    """Who passes all of ``restrictions`` (those on a page and on its ancestors)."""
    listed, members_only, group_sets = True, False, set()
    for restriction in restrictions:
        if restriction.kind == PageViewRestriction.PASSWORD:
            listed = False
        elif restriction.kind == PageViewRestriction.LOGIN:
            members_only = True
        elif restriction.kind == PageViewRestriction.GROUPS:
            members_only = True
            group_sets.add(restriction.group_ids)
    needed = [groups for groups in group_sets if not any(other < groups for other in group_sets)]
    return Access(listed, members_only, tuple(sorted(needed, key=sorted)))


def view_restrictions(pages=None) -> list[Restriction]:
    """The view restrictions on ``pages``, or on every page, in one query."""
    rows = PageViewRestriction.objects.order_by("pk").values_list(
        "pk", "page__path", "restriction_type", "groups"
    )
    if pages is not None:
        rows = rows.filter(page__in=pages)
    found: dict[int, tuple[str, str, set[int]]] = {}
    for pk, path, kind, group_id in rows:
        groups = found.setdefault(pk, (path, kind, set()))[2]
        if group_id is not None:
            groups.add(group_id)
    return [Restriction(path, kind, frozenset(groups)) for path, kind, groups in found.values()]


def page_access(page, restrictions: list[Restriction] | None = None) -> Access:
    """Who the view restrictions on ``page`` and its ancestors admit (whether the page is
    live aside). ``restrictions`` (from ``view_restrictions()``) saves the query when
    deciding for many pages."""
    if restrictions is None:
        restrictions = view_restrictions(page.get_ancestors(inclusive=True))
    return access(r for r in restrictions if page.path.startswith(r.path))


def hidden_q(user) -> Q:
    """Matches pages in a section ``user`` may not see (nothing when there is none).

    The sections are looked up once per audience until a restriction or page changes.
    """
    who = reader(user)
    paths = cached_fragment(
        f"hidden-sections:{who.key}",
        lambda: [r.path for r in view_restrictions() if not access([r]).admits(who)],
    )
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def visible_to(queryset, user):
    """The live pages of ``queryset`` that ``user`` may read."""
    return queryset.live().exclude(hidden_q(user))


def is_visible_to(page, user) -> bool:
    """Whether ``user`` may read ``page`` (live, and admitted by every restriction on it)."""
    return visible_to(type(page).objects.filter(pk=page.pk), user).exists()


def audience_key(user) -> str:
    """Readers who see exactly the same pages share this key (for caching what they see)."""
    return reader(user).key
