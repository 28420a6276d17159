from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who reads a category; members of the network post wherever they may read."""

    PUBLIC = "public", _("Public: visitors read, members post")
    MEMBERS = "members", _("Members only")
    GROUP = "group", _("Working group only")


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Member")
    MODERATOR = "moderator", _("Moderator")


class MembershipStatus(models.TextChoices):
    REQUESTED = "requested", _("Asked to join")
    ACTIVE = "active", _("Member")


class ReactionKind(models.TextChoices):
    """A small fixed set, as Discourse's; "helpful" is what the helpful-count counts."""

    LIKE = "like", _("Like")
    THANKS = "thanks", _("Thanks")
    HELPFUL = "helpful", _("Helpful")


REACTION_EMOJI = {ReactionKind.LIKE: "👍", ReactionKind.THANKS: "❤️", ReactionKind.HELPFUL: "💡"}


class WatchLevel(models.TextChoices):
    """Discourse's notification levels."""

    WATCHING = "watching", _("Watching: every new post")
    TRACKING = "tracking", _("Tracking: unread count, replies and mentions")
    NORMAL = "normal", _("Normal: replies and mentions")
    MUTED = "muted", _("Muted: nothing")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Immediately")
    DAILY = "daily", _("Daily digest")
    OFF = "off", _("Never")


class ThreadSort(models.TextChoices):
    ACTIVITY = "activity", _("Latest activity")
    NEWEST = "newest", _("Newest")
    REPLIES = "replies", _("Most replies")
    UNSOLVED = "unsolved", _("Unsolved questions")
