"""Threads and posts. Counters on threads and categories are denormalised and kept exact by
F() updates inside the transaction that changes them (forum.posting)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from ..markdown import plain_text, shorten


class ThreadTag(TaggedItemBase):
    content_object = ParentalKey(
        "forum.Thread", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        """Threads readers of their category see: not hidden by moderators (hiding the
        first post hides its thread)."""
        return self.filter(hidden=False)


def visible_post_q(prefix: str = "") -> Q:
    """The rule for a visible post as a filter: not hidden by moderators, not deleted by
    its author, not awaiting approval. ``prefix`` ("post__") applies it across a relation;
    ``Post.is_visible`` is the same rule for a loaded post."""
    return Q(
        **{f"{prefix}hidden": False, f"{prefix}deleted": False, f"{prefix}awaiting_approval": False}
    )


def shown_post_q(prefix: str = "") -> Q:
    """Posts a thread shows every reader: the visible ones and, as a notice in their place,
    those their author deleted (hidden and unapproved ones only moderators see)."""
    return Q(**{f"{prefix}hidden": False, f"{prefix}awaiting_approval": False})


class PostQuerySet(models.QuerySet):
    def visible(self):
        """Posts readers of their thread see and counters count (``visible_post_q``)."""
        return self.filter(visible_post_q())

    def shown(self):
        """Posts a thread shows every reader, deleted ones included (``shown_post_q``)."""
        return self.filter(shown_post_q())


class Thread(ClusterableModel):
    """A discussion: a first post and its replies, in one category."""

    category = models.ForeignKey(
        "forum.Category",
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="threads",
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,  # a deleted account leaves its threads as "former member"
        related_name="forum_threads",
    )
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=ThreadTag, blank=True)
    is_question = models.BooleanField(_("question"), default=False)
    solution = models.ForeignKey(
        "forum.Post",
        verbose_name=_("solution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    discussed_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("discusses"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The knowledge-base page this thread discusses."),
    )
    promoted_to = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("taken into the library as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True, db_index=True)
    # Exact counts of visible posts, kept with F() in the posting transaction.
    post_count = models.PositiveIntegerField(default=0, editable=False)
    # The highest post number handed out; numbers are never reused.
    last_number = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(_("last activity"), null=True, db_index=True)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When an unanswered question was last brought back to experts and moderators.
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(
                fields=["category", "-pinned", "-last_activity_at"], name="forum_thread_activity"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("forum:thread", kwargs={"pk": self.pk})

    @property
    def reply_count(self) -> int:
        return max(self.post_count - 1, 0)


class Post(models.Model):
    """One contribution. ``number`` counts from 1 within the thread and never changes; the
    first post of a thread is never hidden alone (hiding it hides the thread)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    number = models.PositiveIntegerField(_("number"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    source = models.TextField(_("text"), max_length=50_000)
    html = models.TextField(editable=False)
    reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden = models.BooleanField(_("hidden by moderators"), default=False)
    deleted = models.BooleanField(_("deleted by its author"), default=False)
    awaiting_approval = models.BooleanField(_("awaiting approval"), default=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["thread", "number"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "number"], name="forum_post_number_per_thread"
            )
        ]

    def __str__(self):
        return f"{self.thread} #{self.number}"

    @property
    def is_visible(self) -> bool:
        """``visible_post_q`` for a loaded post."""
        return not (self.hidden or self.deleted or self.awaiting_approval)

    @property
    def is_shown(self) -> bool:
        """``shown_post_q`` for a loaded post."""
        return not (self.hidden or self.awaiting_approval)

    def excerpt(self, length: int = 300) -> str:
        """The start of the text as readers see it, without Markdown syntax."""
        return shorten(plain_text(self.source), length)


class PostRevision(models.Model):
    """The text a post had before an edit; moderators read the history."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    source = models.TextField()
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self):
        moment = formats.date_format(timezone.localtime(self.created_at), "SHORT_DATETIME_FORMAT")
        return f"{self.post} ({moment})"
