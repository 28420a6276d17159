from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from . import sections


class EntryPointBlock(blocks.StructBlock):
    """A teaser on the home page that leads into one part of the site."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=300)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    section = blocks.ChoiceBlock(
        label=_("Or a part of the site"), choices=sections.choices, required=False
    )

    class Meta:
        icon = "link"
        label = _("Entry point")
        template = "theme/blocks/entry_point.html"
        preview_value = {
            "title": "Suche",
            "text": "Durchsuchen Sie Praxisbeiträge, Projekte und das Forum.",
            "section": "search",
        }

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("section")):
            raise StructBlockValidationError(
                non_block_errors=[_("Choose either a page or a part of the site.")]
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        page = value.get("page")
        if page is not None:
            context["href"] = page.localized.specific_deferred.url
        else:
            context["href"] = sections.url_for(value.get("section"))
        return context
