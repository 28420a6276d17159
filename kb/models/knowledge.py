"""Best-practice articles and project profiles, and what they share (KnowledgePage)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from theme.images import check_described
from theme.slugs import TransliteratedSlugMixin

from ..admin_forms import LocaleFilteredPageForm
from ..attachments import AttachmentsPanel
from ..blocks import RICH_TEXT_FEATURES, BodyBlock
from ..choices import KnowledgeType, ProjectStatus


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise ValueError(day)


class KnowledgePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "kb.KnowledgePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class KnowledgePageForm(LocaleFilteredPageForm):
    """Publishing (or submitting for review) needs a described teaser image.

    The description is the teaser's alternative text. The check is on the form rather than
    the model so that a draft, and its autosave, can still be kept while someone describes
    the image, and a live page with an older undescribed image can still be saved by code.
    """

    def clean(self):
        cleaned_data = super().clean()
        # Wagtail defers validation only for "save draft", autosave and preview.
        if not self.is_deferred_validation and "image" in self.fields:
            try:
                check_described(cleaned_data.get("image"))
            except ValidationError as error:
                self.add_error("image", error)
        return cleaned_data


class KnowledgePage(TransliteratedSlugMixin, Page):
    """What articles and project profiles share, so the library filters both in one query.

    Never created on its own. ``partner`` is the partner whose section (PartnerPage) the page
    lives in; it is derived, not edited. ``review_due_on`` is derived from the last review
    (or the first publication) and the review interval.
    """

    summary = models.TextField(
        _("summary"), max_length=400, help_text=_("Two or three sentences; shown in listings.")
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("owning partner"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="knowledge_pages",
    )
    participating_partners = ParentalManyToManyField(
        "partners.Partner",
        verbose_name=_("participating partners"),
        blank=True,
        related_name="participations",
    )
    topics = ParentalManyToManyField("kb.Topic", verbose_name=_("topics"), related_name="pages")
    tags = ClusterTaggableManager(verbose_name=_("tags"), through=KnowledgePageTag, blank=True)
    contact = models.ForeignKey(
        "partners.Profile",
        verbose_name=_("contact person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("teaser image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its description in the image library is used as alternative text."),
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    review_interval = models.PositiveSmallIntegerField(
        _("review interval (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("How often an editor checks that the content is still right."),
    )
    review_due_on = models.DateField(_("review due on"), null=True, editable=False, db_index=True)

    base_form_class = KnowledgePageForm
    common_panels = [
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("tags"),
        FieldPanel("participating_partners", widget=forms.CheckboxSelectMultiple),
        FieldPanel("contact"),
        FieldPanel("image"),
    ]
    review_panels = [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_interval")])],
            heading=_("Review"),
        )
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("partner"),
    ]

    is_creatable = False
    parent_page_types = ["kb.PartnerPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("knowledge page")
        verbose_name_plural = _("knowledge pages")

    def save(self, *args, **kwargs):
        self.review_due_on = self.compute_review_due_on()
        if self.path and self.partner_id is None:
            self.partner_id = self.section_partner_id()
        return super().save(*args, **kwargs)

    def compute_review_due_on(self) -> datetime.date | None:
        start = self.last_reviewed or (
            timezone.localdate(self.first_published_at) if self.first_published_at else None
        )
        return add_months(start, self.review_interval) if start else None

    def section_partner_id(self) -> int | None:
        from .partners import PartnerPage

        section = PartnerPage.objects.ancestor_of(self).only("partner_id").first()
        return section.partner_id if section else None

    def get_context(self, request, *args, **kwargs):
        from theme.page_cache import cached_fragment

        from ..reuse import ReuseForm, declaring_partner
        from ..visibility import audience_key

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # A preview shows unsaved changes: nothing cached may stand in for them.
            context.update(self.shared_context(request))
        else:
            # What every reader of the same audience sees alike, kept until content changes.
            context.update(
                cached_fragment(
                    f"kb-page:{self.pk}:{get_language()}:{audience_key(request.user)}",
                    lambda: self.shared_context(request),
                )
            )
        partner = declaring_partner(request.user, self)
        if partner is not None:
            current = next(
                (row.reuse for row in context["reuse_rows"] if row.partner == partner), None
            )
            initial = {"stage": current.stage, "note": current.note} if current else None
            context["reuse_partner"] = partner
            context["reuse_form"] = ReuseForm(initial=initial)
        return context

    def shared_context(self, request) -> dict:
        """What the page shows besides its own fields: topics, partners, tags, contact,
        attachments, related content and the reuse table (for one audience)."""
        from partners.models import Profile

        from ..listings import reader_topics, related_pages
        from ..reuse import reuse_table

        topics = list(self.topics.all())
        contact = (
            Profile.objects.select_related("user", "partner").filter(pk=self.contact_id).first()
            if self.contact_id
            else None
        )
        return {
            "topics": reader_topics(topics),
            "type_label": KnowledgeType(self.knowledge_type).label,
            "lead_partner": self.partner,
            "participants": list(self.participating_partners.all()),
            "tags": list(self.tags.all()),
            "contact": contact,
            "attachments": list(self.attachments.select_related("document")),
            "related": related_pages(self, request, topics=topics),
            "reuse_rows": reuse_table(self),
        }

    @property
    def review_is_due(self) -> bool:
        return self.review_due_on is not None and self.review_due_on < timezone.localdate()

    @property
    def knowledge_type(self) -> str:
        return (
            KnowledgeType.PROJECT
            if self.content_type.model == "projectpage"
            else KnowledgeType.ARTICLE
        )


class Attachment(Orderable):
    """A document that belongs to an article or project (checklists, templates, reports)."""

    page = ParentalKey(KnowledgePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.UniqueConstraint(fields=["page", "document"], name="kb_attachment_once_per_page")
        ]


class RelatedPage(Orderable):
    """Related content an editor chose; the page adds related pages by shared topics and tags."""

    page = ParentalKey(KnowledgePage, on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("related page")
        verbose_name_plural = _("related pages")


class ArticlePage(KnowledgePage):
    """A best-practice article ("Praxisbeitrag"): what a partner did, and what others can learn."""

    starting_point = RichTextField(_("starting point"), features=RICH_TEXT_FEATURES, blank=True)
    solution = RichTextField(_("solution"), features=RICH_TEXT_FEATURES, blank=True)
    costs = RichTextField(_("costs and effort"), features=RICH_TEXT_FEATURES, blank=True)
    products = models.CharField(
        _("products and specialist procedures"),
        max_length=300,
        blank=True,
        help_text=_("Software or services used, separated by commas."),
    )
    ozg_service = models.CharField(
        _("OZG service"),
        max_length=200,
        blank=True,
        help_text=_("The service under the Online Access Act (OZG) this concerns, if any."),
    )
    data_protection = RichTextField(
        _("data protection notes"), features=RICH_TEXT_FEATURES, blank=True
    )
    lessons_learned = RichTextField(_("lessons learned"), features=RICH_TEXT_FEATURES, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        *KnowledgePage.common_panels,
        MultiFieldPanel(
            [
                FieldPanel("starting_point"),
                FieldPanel("solution"),
                FieldPanel("costs"),
                FieldPanel("products"),
                FieldPanel("ozg_service"),
                FieldPanel("data_protection"),
                FieldPanel("lessons_learned"),
            ],
            heading=_("Best-practice template"),
        ),
        FieldPanel("body"),
        AttachmentsPanel("attachments", label=_("Attachment")),
        InlinePanel("related_pages", label=_("Related page")),
        *KnowledgePage.review_panels,
    ]

    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("starting_point"),
        index.SearchField("solution"),
        index.SearchField("lessons_learned"),
        index.SearchField("products"),
        index.SearchField("ozg_service"),
        index.SearchField("body"),
    ]

    parent_page_types = ["kb.PartnerPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("best-practice article")
        verbose_name_plural = _("best-practice articles")

    def clean(self):
        super().clean()
        if not len(self.body):
            raise ValidationError({"body": _("Please add at least one block of content.")})


class ProjectPage(KnowledgePage):
    """A project profile ("Projektsteckbrief") with the fields the strategy prescribes."""

    goal = models.TextField(_("goal"), max_length=1000)
    description = RichTextField(_("description"), features=RICH_TEXT_FEATURES)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.IDEA
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.PositiveIntegerField(_("budget (euros)"), null=True, blank=True)
    funding = models.CharField(_("funding source"), max_length=300, blank=True)
    results = RichTextField(_("results"), features=RICH_TEXT_FEATURES, blank=True)
    lessons_learned = RichTextField(_("lessons learned"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        *KnowledgePage.common_panels,
        FieldPanel("goal"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("budget"), FieldPanel("funding")]),
            ],
            heading=_("Status, period and budget"),
        ),
        InlinePanel("milestones", label=_("Milestone")),
        FieldPanel("results"),
        FieldPanel("lessons_learned"),
        AttachmentsPanel("attachments", label=_("Attachment")),
        InlinePanel("related_pages", label=_("Related page")),
        *KnowledgePage.review_panels,
    ]

    search_fields = [
        *KnowledgePage.search_fields,
        index.SearchField("goal"),
        index.SearchField("description"),
        index.SearchField("results"),
        index.SearchField("lessons_learned"),
        index.FilterField("status"),
    ]

    parent_page_types = ["kb.PartnerPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project profile")
        verbose_name_plural = _("project profiles")

    def shared_context(self, request) -> dict:
        return {**super().shared_context(request), "milestones": list(self.milestones.all())}

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})


class Milestone(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    date = models.DateField(_("date"))
    done = models.BooleanField(_("done"), default=False)

    panels = [FieldRowPanel([FieldPanel("title"), FieldPanel("date"), FieldPanel("done")])]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
