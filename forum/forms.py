from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from .posting import MAX_SOURCE_LENGTH

SOURCE_HELP = _("Markdown works: **bold**, *italic*, lists, > quotes, [links](https://…).")


class ThreadForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    source = forms.CharField(
        label=_("Your post"),
        max_length=MAX_SOURCE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=SOURCE_HELP,
    )
    tags = TagField(label=_("Tags"), required=False, help_text=_("Separated by commas."))
    is_question = forms.BooleanField(
        label=_("This is a question (an answer can be marked as the solution)"), required=False
    )

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class ReplyForm(forms.Form):
    source = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_SOURCE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=SOURCE_HELP,
    )
