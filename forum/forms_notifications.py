from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import WatchLevel
from .models import ForumSettings


class WatchForm(forms.Form):
    level = forms.ChoiceField(label=_("Notifications"), choices=WatchLevel.choices)


class ForumSettingsForm(forms.ModelForm):
    class Meta:
        model = ForumSettings
        fields = ["email_mode", "group_mentions", "expert_questions"]
        widgets = {"email_mode": forms.RadioSelect}
