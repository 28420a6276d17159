"""Forms for discussing a library page and for taking a thread into the library."""

from django import forms
from django.conf import settings
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from kb.models import PartnerPage, Topic
from search.extraction import html_text

from .forms import SOURCE_HELP
from .knowledge import credit
from .posting import MAX_SOURCE_LENGTH


class DiscussForm(forms.Form):
    source = forms.CharField(
        label=_("First post"),
        max_length=MAX_SOURCE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=SOURCE_HELP,
    )


class SectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.partner.name


class RepliesWidget(forms.CheckboxSelectMultiple):
    """Checkboxes in which the accepted solution is ticked and cannot be unticked."""

    def __init__(self, *args, locked=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.locked = {str(value) for value in locked}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.locked:
            option["selected"] = True
            option["attrs"].update(checked=True, disabled=True)
        return option


class PromoteForm(forms.Form):
    """Where the article goes and what it takes along. The question and the accepted
    solution always go along; ``replies`` offers the other visible replies."""

    section = SectionChoiceField(
        label=_("Partner"),
        queryset=PartnerPage.objects.none(),
        empty_label=_("Please choose"),
        help_text=_("The article is created as a draft in this partner's section."),
        error_messages={"required": _("Please choose the partner whose section gets the article.")},
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    replies = forms.MultipleChoiceField(
        label=_("Replies to include"),
        required=False,
        error_messages={
            "invalid_choice": _(
                "Only visible replies of this thread can be taken along; %(value)s is not one."
            )
        },
    )

    def __init__(self, *args, replies, solution=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = (
            PartnerPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .select_related("partner")
            .order_by("partner__name")
        )
        self.fields["topics"].queryset = Topic.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE
        )
        self._replies = {str(post.pk): post for post in replies}
        self._solution = solution
        field = self.fields["replies"]
        field.choices = [(pk, _reply_label(post)) for pk, post in self._replies.items()]
        field.widget = RepliesWidget(locked=[solution.pk] if solution else ())
        field.widget.choices = field.choices
        if solution is not None:
            field.initial = [str(solution.pk)]
            field.help_text = _("The accepted solution is always included.")

    def clean_replies(self):
        """The chosen replies as posts, the accepted solution always among them."""
        chosen = [self._replies[pk] for pk in self.cleaned_data["replies"]]
        if self._solution is not None and self._solution not in chosen:
            chosen.append(self._solution)
        return chosen


def _reply_label(post) -> str:
    excerpt = Truncator(" ".join(html_text(post.html).split())).chars(120)
    return f"#{post.number} {credit(post)}: {excerpt}"
