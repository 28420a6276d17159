"""Where discussions happen: categories, and the working groups (Arbeitskreise) that own some."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from ..choices import MembershipRole, MembershipStatus, Visibility


class WorkingGroup(models.Model):
    """An Arbeitskreis: its members alone read and post in its categories."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=1000)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        through="forum.GroupMembership",
        related_name="working_groups",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:group", kwargs={"slug": self.slug})


class GroupMembership(models.Model):
    """A person in a working group, or asking to be; the group's moderators accept."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.REQUESTED,
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="forum_one_membership_per_group")
        ]

    def __str__(self):
        return f"{self.user} – {self.group}"


class CategoryQuerySet(models.QuerySet):
    def originals(self):
        """Categories in the default language: threads always belong to these."""
        return self.filter(locale__language_code=settings.LANGUAGE_CODE)


class Category(TranslatableMixin, models.Model):
    """A forum category. Threads belong to the default-language version; translations carry
    the name and description readers of other languages see."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=500)
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="categories",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # Kept exact with F() updates in the transaction that adds or hides a post.
    thread_count = models.PositiveIntegerField(default=0, editable=False)
    post_count = models.PositiveIntegerField(default=0, editable=False)
    last_activity_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CategoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("visibility"),
        FieldPanel("working_group"),
        FieldPanel("position"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="forum_category_slug_per_locale"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("forum:category", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if (self.visibility == Visibility.GROUP) != (self.working_group_id is not None):
            raise ValidationError(
                {"working_group": _("Choose a working group exactly when the category is for one.")}
            )
