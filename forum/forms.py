from django import forms
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagField

from .attachments import AttachmentsField
from .posting import MAX_SOURCE_LENGTH

SOURCE_HELP = _(
    "Markdown works: **bold**, *italic*, lists, > quotes, [links](https://…). "
    "Mention colleagues with @name or a whole partner with @partner, e.g. @duelmen."
)


def quote_text(post) -> str:
    """The start of a reply quoting ``post``: who wrote it, then its text as a block quote."""
    name = post.author.profile.name if post.author else _("Former member")
    handle = f"@{post.author.username}" if post.author else name
    quoted = "\n".join(f"> {line}" if line else ">" for line in post.source.splitlines())
    return f"{handle} ({_('post %(number)s') % {'number': post.number}}):\n{quoted}\n\n"


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
    attachments = AttachmentsField(label=_("Attachments"), required=False)

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
    attachments = AttachmentsField(label=_("Attachments"), required=False)
    reply_to = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, with_attachments=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_attachments:
            del self.fields["attachments"]
