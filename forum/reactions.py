"""Reactions: a small fixed set, one per kind per member; clicking again takes it back."""

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from .choices import ReactionKind
from .errors import PostingError
from .models import Reaction, visible_post_q
from .permissions import can_react, ensure_may_write


def toggle_reaction(post, user, kind: str) -> bool:
    """Add ``user``'s reaction of ``kind`` or take it back; True if it is now set."""
    ensure_may_write(user)
    if kind not in ReactionKind.values:
        raise PostingError(_("This reaction does not exist."))
    if not can_react(user, post):
        raise PostingError(_("You cannot react to this post."))
    removed, _details = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if removed:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user, kind=kind)
    except IntegrityError:
        pass  # a double click got there first: the reaction is set either way
    return True


def reaction_summary(posts, user) -> None:
    """Give each post ``reactions_shown``: every kind with its count and whether ``user`` set
    it. Two queries for the whole page."""
    posts = list(posts)
    ids = [post.pk for post in posts]
    counts = {
        (row["post_id"], row["kind"]): row["n"]
        for row in Reaction.objects.filter(post_id__in=ids)
        .values("post_id", "kind")
        .annotate(n=Count("pk"))
    }
    mine = set()
    if user.is_authenticated:
        mine = set(
            Reaction.objects.filter(post_id__in=ids, user=user).values_list("post_id", "kind")
        )
    for post in posts:
        post.reactions_shown = [
            {
                "kind": kind,
                "label": kind.label,
                "count": counts.get((post.pk, kind.value), 0),
                "mine": (post.pk, kind.value) in mine,
            }
            for kind in ReactionKind
        ]


def helpful_count(user) -> int:
    """How often others found this member's posts helpful."""
    return Reaction.objects.filter(
        visible_post_q("post__"), post__author=user, kind=ReactionKind.HELPFUL
    ).count()
