"""The library: every partner's articles and projects in one filterable listing, and
collections (saved queries an editor defines, as Plone's collections)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from theme.slugs import TransliteratedSlugMixin

from ..admin_forms import LocaleFilteredPageForm
from ..blocks import RICH_TEXT_FEATURES
from ..choices import KnowledgeType, LibrarySort, ProjectStatus


class LibraryIndexPage(TransliteratedSlugMixin, Page):
    """ "Wissensbibliothek": the articles and project profiles of all partners, filterable."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["theme.HomePage"]
    subpage_types = ["kb.CollectionPage"]

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")

    def get_context(self, request, *args, **kwargs):
        from ..listings import library_listing

        context = super().get_context(request, *args, **kwargs)
        context["library"] = library_listing(request)
        return context


class CollectionPageForm(LocaleFilteredPageForm):
    """Multiple choices kept as a JSON list on the page; topics of the page's locale only."""

    page_types = forms.MultipleChoiceField(
        label=_("Page types"),
        choices=KnowledgeType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: both."),
    )
    statuses = forms.MultipleChoiceField(
        label=_("Project status"),
        choices=ProjectStatus.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: any. Only project profiles have a status."),
    )


class CollectionPage(TransliteratedSlugMixin, Page):
    """A saved query rendered as a live listing, e.g. "Alle Projekte zur Mobilität"."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    topics = ParentalManyToManyField(
        "kb.Topic", verbose_name=_("topics"), blank=True, related_name="+"
    )
    partners = ParentalManyToManyField(
        "partners.Partner", verbose_name=_("partners"), blank=True, related_name="+"
    )
    page_types = models.JSONField(_("page types"), default=list, blank=True)
    statuses = models.JSONField(_("project status"), default=list, blank=True)
    tags = models.CharField(
        _("tags"),
        max_length=300,
        blank=True,
        help_text=_("Any of these tags, separated by commas."),
    )
    order = models.CharField(
        _("order"), max_length=20, choices=LibrarySort.choices, default=LibrarySort.NEWEST
    )
    limit = models.PositiveSmallIntegerField(
        _("number of entries"),
        default=20,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )

    base_form_class = CollectionPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                FieldPanel("page_types"),
                FieldPanel("statuses"),
                FieldPanel("tags"),
                FieldPanel("order"),
                FieldPanel("limit"),
            ],
            heading=_("What the collection shows"),
        ),
    ]

    parent_page_types = ["kb.LibraryIndexPage", "theme.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("collection")
        verbose_name_plural = _("collections")

    def clean(self):
        super().clean()
        unknown = set(self.statuses) - set(ProjectStatus.values)
        if unknown or set(self.page_types) - set(KnowledgeType.values):
            raise ValidationError(_("Choose only from the listed values."))

    @property
    def tag_names(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    def get_context(self, request, *args, **kwargs):
        from ..listings import collection_entries

        context = super().get_context(request, *args, **kwargs)
        context["entries"] = collection_entries(self, request)
        return context
