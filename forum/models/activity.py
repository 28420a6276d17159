"""What members do around posts: react, read, watch, get notified, and their forum settings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from ..choices import EmailMode, NotificationKind, ReactionKind, WatchLevel


class Reaction(models.Model):
    """One member's reaction of one kind to a post; a second click takes it back."""

    post = models.ForeignKey("forum.Post", on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_reactions"
    )
    kind = models.CharField(_("reaction"), max_length=20, choices=ReactionKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "user", "kind"], name="forum_one_reaction_per_kind"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.post}"


class ReadMarker(models.Model):
    """How far a member has read a thread: the highest post number seen."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(
        "forum.Thread", on_delete=models.CASCADE, related_name="read_markers"
    )
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("read marker")
        verbose_name_plural = _("read markers")
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="forum_one_marker_per_thread")
        ]

    def __str__(self):
        return f"{self.user} read {self.thread} to #{self.last_read_number}"


class Watch(models.Model):
    """A member's watch level for exactly one thread, category or tag (Discourse's levels)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_watches"
    )
    level = models.CharField(_("level"), max_length=20, choices=WatchLevel.choices)
    thread = models.ForeignKey(
        "forum.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    category = models.ForeignKey(
        "forum.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="watches"
    )
    tag = models.ForeignKey(
        Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="forum_watches"
    )

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(thread__isnull=False, category__isnull=True, tag__isnull=True)
                    | Q(thread__isnull=True, category__isnull=False, tag__isnull=True)
                    | Q(thread__isnull=True, category__isnull=True, tag__isnull=False)
                ),
                name="forum_watch_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="forum_one_watch_per_thread",
            ),
            models.UniqueConstraint(
                fields=["user", "category"],
                condition=Q(category__isnull=False),
                name="forum_one_watch_per_category",
            ),
            models.UniqueConstraint(
                fields=["user", "tag"],
                condition=Q(tag__isnull=False),
                name="forum_one_watch_per_tag",
            ),
        ]

    def __str__(self):
        return f"{self.user}: {self.level} {self.thread or self.category or self.tag}"


class Notification(models.Model):
    """Something a member should know about; shown under the bell, maybe mailed."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_notifications"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    thread = models.ForeignKey(
        "forum.Thread", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(
        "forum.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Moderation decisions carry the moderator's reason.
    note = models.TextField(_("note"), blank=True, max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when an immediate mail or a digest carried it, so nothing is mailed twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="forum_notification_unread"),
        ]

    def __str__(self):
        return f"{self.recipient}: {self.kind}"


class ForumSettings(models.Model):
    """A member's forum preferences and standing: mail, visits, suspension."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_settings"
    )
    email_mode = models.CharField(
        _("email notifications"),
        max_length=20,
        choices=EmailMode.choices,
        default=EmailMode.IMMEDIATE,
    )
    group_mentions = models.BooleanField(
        _("notify me when my partner is mentioned"),
        default=True,
        help_text=_("For example @coesfeld notifies everyone at Coesfeld who allows it."),
    )
    expert_questions = models.BooleanField(
        _("notify me of questions about my expertise"), default=True
    )
    # The start of the visit before the current one: "new since your last visit" counts from it.
    previous_visit_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum settings")
        verbose_name_plural = _("forum settings")

    def __str__(self):
        return str(self.user)
