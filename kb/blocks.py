"""The one StreamBlock of the knowledge base: what an article's free-form body may contain."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .choices import CalloutKind

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    """A section heading; rendered as h2 so the page outline stays correct."""

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "kb/blocks/heading.html"
        form_classname = "title"
        preview_value = "Ausgangslage"


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "kb/blocks/paragraph.html"
        preview_value = "<p>Die Stadt hat die Bauakte vollständig digitalisiert.</p>"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        label=_("Purely decorative"),
        required=False,
        help_text=_("Tick only if the image carries no information; it then needs no text."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "kb/blocks/image.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Whether alt text is needed depends on "decorative"; clean() decides.
        self.child_blocks["alt_text"].field.required = False

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image, or mark it as purely decorative.")
                    )
                }
            )
        return value


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Empty: the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "kb/blocks/document.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Source"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "kb/blocks/quote.html"
        preview_value = {
            "quote": "Seit der Umstellung dauert eine Baugenehmigung drei Wochen weniger.",
            "attribution": "Fachbereich Bauen",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=CalloutKind.choices, default=CalloutKind.TIP)
    text = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Tip or note")
        template = "kb/blocks/callout.html"
        preview_value = {"kind": "tip", "text": "<p>Binden Sie den Personalrat früh ein.</p>"}


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    items = blocks.ListBlock(blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Checklist")
        template = "kb/blocks/checklist.html"
        preview_value = {"title": "Vor dem Start", "items": ["Personalrat", "Datenschutz"]}

    def clean(self, value):
        value = super().clean(value)
        if not [item for item in value.get("items", []) if item.strip()]:
            raise StructBlockValidationError(
                block_errors={"items": ValidationError(_("Add at least one item."))}
            )
        return value


class TableBlock(blocks.StructBlock):
    """A simple data table: a header row and rows of text, with a caption for screen readers."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=250)
    header = blocks.ListBlock(blocks.CharBlock(label=_("Column heading")), label=_("Header row"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False), label=_("Row")),
        label=_("Rows"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "kb/blocks/table.html"
        preview_value = {
            "caption": "Kosten im ersten Jahr",
            "header": ["Posten", "Betrag"],
            "rows": [["Lizenzen", "12.000 €"], ["Schulung", "3.000 €"]],
        }

    def clean(self, value):
        value = super().clean(value)
        width = len(value["header"])
        if any(len(row) != width for row in value["rows"]):
            raise StructBlockValidationError(
                non_block_errors=[_("Every row needs as many cells as the header row.")]
            )
        return value


class LinkBoxBlock(blocks.StructBlock):
    """Further reading: a short list of links (no embeds: pages load nothing from elsewhere)."""

    title = blocks.CharBlock(label=_("Title"), max_length=200)
    links = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("text", blocks.CharBlock(label=_("Link text"), max_length=200)),
                ("page", blocks.PageChooserBlock(label=_("Page"), required=False)),
                ("url", blocks.URLBlock(label=_("Or an address"), required=False)),
            ],
            label=_("Link"),
        ),
        label=_("Links"),
    )

    class Meta:
        icon = "link"
        label = _("Link box")
        template = "kb/blocks/link_box.html"

    def clean(self, value):
        value = super().clean(value)
        if any(bool(link.get("page")) == bool(link.get("url")) for link in value["links"]):
            raise StructBlockValidationError(
                non_block_errors=[_("Give every link either a page or an address.")]
            )
        return value


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    table = TableBlock()
    link_box = LinkBoxBlock()

    class Meta:
        block_counts = {"heading": {"max_num": 30}}
