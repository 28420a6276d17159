"""The home page, the legal pages German public bodies must have, and site-wide settings."""

from django.conf import settings
from django.db import models
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import EntryPointBlock
from .slugs import TransliteratedSlugMixin

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HomePage(TransliteratedSlugMixin, Page):
    """The front door: what the network is, and the ways into it."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES)
    entry_points = StreamField(
        [("entry_point", EntryPointBlock())],
        verbose_name=_("entry points"),
        blank=True,
    )
    about = RichTextField(_("about the strategy"), features=RICH_TEXT_FEATURES, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("entry_points"),
        FieldPanel("about"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("about")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["theme.StandardPage", "theme.AccessibilityStatementPage"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(TransliteratedSlugMixin, Page):
    """A plain page of text: Impressum, Datenschutz, Leichte Sprache, help pages."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)
    body = RichTextField(_("text"), features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["theme.HomePage", "theme.StandardPage"]
    subpage_types = ["theme.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class AccessibilityStatementPage(TransliteratedSlugMixin, Page):
    """The BITV 2.0 accessibility statement with the feedback form BGG NRW § 10b requires."""

    body = RichTextField(_("statement"), features=RICH_TEXT_FEATURES)
    feedback_intro = RichTextField(
        _("introduction to the feedback form"), features=RICH_TEXT_FEATURES, blank=True
    )

    content_panels = [*Page.content_panels, FieldPanel("body"), FieldPanel("feedback_intro")]

    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["theme.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def serve(self, request, *args, **kwargs):
        from .feedback import FeedbackForm, receive_feedback  # feedback imports these models

        form = FeedbackForm(request.POST or None)
        if request.method == "POST" and form.is_valid() and receive_feedback(request, form):
            return HttpResponseRedirect(f"{self.url}?sent=1#feedback")
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        context["feedback_sent"] = request.GET.get("sent") == "1"
        return TemplateResponse(request, self.get_template(request), context)


class AccessibilityFeedback(models.Model):
    """A message about a barrier on the site, kept so that it can be followed up."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"))
    page_url = models.CharField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")

    def __str__(self):
        received = formats.date_format(timezone.localtime(self.created_at), "SHORT_DATE_FORMAT")
        return f"{self.email} ({received})"


def page_link(verbose_name) -> models.ForeignKey:
    """An optional link to a page that survives the page's deletion as an empty setting."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Where the footer's legal links point, and where messages to the operator go."""

    contact_email = models.EmailField(
        _("contact address"),
        blank=True,
        help_text=_("Receives accessibility feedback. Empty: the CONTACT_EMAIL setting."),
    )
    imprint_page = page_link(_("legal notice (Impressum)"))
    privacy_page = page_link(_("privacy policy (Datenschutz)"))
    accessibility_page = page_link(_("accessibility statement"))
    easy_language_page = page_link(_("easy-to-read page (Leichte Sprache)"))

    panels = [
        FieldPanel("contact_email"),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("easy_language_page"),
            ],
            heading=_("Pages linked from every page"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")

    def get_contact_email(self) -> str:
        return self.contact_email or settings.CONTACT_EMAIL

    def legal_pages(self) -> list[Page]:
        return [
            page
            for page in (self.imprint_page, self.privacy_page, self.accessibility_page)
            if page is not None
        ]
