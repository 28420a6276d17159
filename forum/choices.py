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


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("Reply to your post")
    WATCHED = "watched", _("New post in a thread you watch")
    NEW_THREAD = "new_thread", _("New thread in a category or tag you watch")
    MENTION = "mention", _("You were mentioned")
    GROUP_MENTION = "group_mention", _("Your partner was mentioned")
    SOLUTION = "solution", _("Your answer was marked as the solution")
    EXPERT_QUESTION = "expert", _("A question about your expertise")
    UNANSWERED = "unanswered", _("A question is still without an answer")
    MODERATION = "moderation", _("Moderation decision about your post")
    JOIN_REQUEST = "join_request", _("Someone asks to join your working group")
    JOINED = "joined", _("You were accepted into a working group")
    FLAG = "flag", _("A post was flagged for the moderators")


class FlagReason(models.TextChoices):
    OFF_TOPIC = "off_topic", _("Off topic")
    INAPPROPRIATE = "inappropriate", _("Inappropriate or offensive")
    SPAM = "spam", _("Spam or advertising")
    PERSONAL_DATA = "personal_data", _("Contains personal data")
    OTHER = "other", _("Something else")


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Hidden")
    RESTORE = "restore", _("Restored")
    EDIT = "edit", _("Edited")
    APPROVE = "approve", _("Approved")
    LOCK = "lock", _("Locked")
    UNLOCK = "unlock", _("Unlocked")
    PIN = "pin", _("Pinned")
    UNPIN = "unpin", _("Unpinned")
    MOVE = "move", _("Moved")
    SPLIT = "split", _("Split off")
    DISMISS_FLAGS = "dismiss", _("Flags dismissed")
    WARN = "warn", _("Warned")
    SUSPEND = "suspend", _("Suspended")
    UNSUSPEND = "unsuspend", _("Suspension lifted")
    PROMOTE = "promote", _("Taken into the library")


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")
