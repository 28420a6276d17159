from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Profile


def clean_name(value: str) -> str:
    """A person's name with runs of white space collapsed; refuses a name of only spaces."""
    name = " ".join(value.split())
    if not name:
        raise forms.ValidationError(_("Please enter your name."))
    return name


class SignupForm(AllauthSignupForm):
    """allauth's sign-up with the name colleagues will see."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=100,
        help_text=_("First and last name, as colleagues know you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    field_order = ["email", "display_name", "password1", "password2"]

    def clean_display_name(self):
        return clean_name(self.cleaned_data["display_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "department", "expertise", "is_public"]
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "department": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def clean_display_name(self):
        return clean_name(self.cleaned_data["display_name"])
