"""Who may see which knowledge-base pages: the one rule every listing, feed and box uses.

A page is visible when it is live and no view restriction on it or an ancestor keeps the
reader out: visitors see only unrestricted pages; members also pages restricted to logged-in
users and to groups they belong to. Password-protected sections are never listed (the
password is asked on the page itself). Wagtail's own serve() enforces the same restrictions
on the page.
"""

from django.db.models import Q
from wagtail.models import PageViewRestriction

from theme.page_cache import cached_fragment


def restrictions_excluding(user):
    """The view restrictions that keep ``user`` out."""
    restrictions = PageViewRestriction.objects.select_related("page")
    if not user.is_authenticated:
        return restrictions
    hiding = restrictions.exclude(restriction_type=PageViewRestriction.LOGIN)
    if user.is_superuser:
        return hiding.filter(restriction_type=PageViewRestriction.PASSWORD)
    return hiding.exclude(restriction_type=PageViewRestriction.GROUPS, groups__in=user.groups.all())


def hidden_q(user) -> Q:
    """Matches pages in a section ``user`` may not see (nothing when there is none).

    The sections are looked up once per audience until a restriction or page changes.
    """
    paths = cached_fragment(
        f"hidden-sections:{audience_key(user)}",
        lambda: [restriction.page.path for restriction in restrictions_excluding(user)],
    )
    q = Q()
    for path in paths:
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def visible_to(queryset, user):
    """The live pages of ``queryset`` that ``user`` may read."""
    return queryset.live().exclude(hidden_q(user))


def is_visible_to(page, user) -> bool:
    return visible_to(type(page).objects.filter(pk=page.pk), user).exists()


def audience_key(user) -> str:
    """Readers who see exactly the same pages share this key (for caching what they see)."""
    if not user.is_authenticated:
        return "visitor"
    if user.is_superuser:
        return "superuser"
    group_ids = sorted(user.groups.values_list("pk", flat=True))
    return "member:" + ",".join(map(str, group_ids))
