"""Forms for flagging and for the moderators' actions; the rules live in forum.moderation."""

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import FlagReason, ModerationAction
from .models import Category, Post
from .moderation import MAX_NOTE_LENGTH

MAX_SUSPENSION_DAYS = 3650


def _note_field(label=None, required=False):
    return forms.CharField(
        label=label or _("Reason (optional)"),
        required=required,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The member concerned reads it in the notification."),
    )


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why should the moderators look at this post?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the moderators (optional)"),
        required=False,
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PostActionForm(forms.Form):
    """One of the buttons under a post or in the queue, with an optional reason."""

    action = forms.ChoiceField(
        choices=[
            (ModerationAction.HIDE, ModerationAction.HIDE.label),
            (ModerationAction.RESTORE, ModerationAction.RESTORE.label),
            (ModerationAction.APPROVE, ModerationAction.APPROVE.label),
            (ModerationAction.DISMISS_FLAGS, ModerationAction.DISMISS_FLAGS.label),
        ]
    )
    note = _note_field()
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class ThreadActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            (ModerationAction.LOCK, ModerationAction.LOCK.label),
            (ModerationAction.UNLOCK, ModerationAction.UNLOCK.label),
            (ModerationAction.PIN, ModerationAction.PIN.label),
            (ModerationAction.UNPIN, ModerationAction.UNPIN.label),
        ]
    )
    note = _note_field()


class MoveForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Move to category"), queryset=None)
    note = _note_field()

    def __init__(self, *args, thread, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.originals().exclude(
            pk=thread.category_id
        )


class ReplyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, post):
        author = post.author.profile.name if post.author else _("Former member")
        return f"#{post.number} {author}: {post.excerpt(120)}"


class SplitForm(forms.Form):
    posts = ReplyChoiceField(
        label=_("Replies to move into the new thread"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They keep their order and are numbered from 1 in the new thread."),
    )
    title = forms.CharField(label=_("Title of the new thread"), max_length=200)
    category = forms.ModelChoiceField(
        label=_("Category of the new thread"), queryset=None, empty_label=None
    )
    note = _note_field()

    def __init__(self, *args, thread, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("category", thread.category_id)
        super().__init__(*args, **kwargs)
        self.fields["posts"].queryset = (
            Post.objects.filter(thread=thread, number__gt=1)
            .select_related("author__profile")
            .order_by("number")
        )
        self.fields["category"].queryset = Category.objects.originals()


class WarnForm(forms.Form):
    message = _note_field(label=_("Message to the member"), required=True)


class SuspendForm(forms.Form):
    """For a number of days, or until a date (the member may post again from that day on)."""

    days = forms.IntegerField(
        label=_("For how many days"), required=False, min_value=1, max_value=MAX_SUSPENSION_DAYS
    )
    until = forms.DateField(
        label=_("Or until this date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The member may post again from this day on."),
    )
    note = _note_field()

    def clean(self):
        cleaned = super().clean()
        days, until = cleaned.get("days"), cleaned.get("until")
        if self.errors:
            return cleaned
        if (days is None) == (until is None):
            raise forms.ValidationError(_("Please give either a number of days or a date."))
        if days is not None:
            cleaned["ends_at"] = timezone.now() + timedelta(days=days)
        else:
            cleaned["ends_at"] = timezone.make_aware(datetime.combine(until, time.min))
            if cleaned["ends_at"] <= timezone.now():
                self.add_error("until", _("Please choose a date in the future."))
        return cleaned


class LiftSuspensionForm(forms.Form):
    note = _note_field()


class LogFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *ModerationAction.choices],
    )
