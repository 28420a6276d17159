"""Page forms of the admin that offer only what belongs to the page's language."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import TranslatableMixin


class LocaleFilteredPageForm(WagtailAdminPageForm):
    """Choices of translatable objects (topics) come from the page's locale only.

    Without this a German page offered "Mobility" beside "Mobilität", and an editor could
    tag a German page with an English topic that no German listing filters by. A new page
    takes its parent's locale, as Wagtail gives it on saving.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self.page_locale()
        if locale is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if (
                isinstance(field, forms.ModelChoiceField)
                and queryset is not None
                and issubclass(queryset.model, TranslatableMixin)
            ):
                field.queryset = queryset.filter(locale=locale)

    def page_locale(self):
        """The locale the page has or will get; None where neither page nor parent tells."""
        if self.instance.locale_id:
            return self.instance.locale
        if self.parent_page is not None:
            return self.parent_page.locale
        return None
