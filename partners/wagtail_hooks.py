"""Admin wiring: partners as snippets, people and identity providers as model views."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .identity_providers import discover, normalise_issuer
from .models import IdentityProvider, Partner, Profile


class PartnerViewSet(SnippetViewSet):
    model = Partner
    icon = "group"
    menu_label = _("Partners")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["name"]


class ProfileViewSet(ModelViewSet):
    model = Profile
    icon = "user"
    menu_label = _("People")
    list_display = ["display_name", "partner", "department", "is_public"]
    list_filter = ["partner", "is_public"]
    search_fields = ["display_name", "department", "user__email"]
    search_backend_name = None
    form_fields = ["display_name", "partner", "department", "expertise", "is_public"]
    copy_view_enabled = False


class IdentityProviderForm(WagtailAdminModelForm):
    """A partner's OpenID Connect provider, checked against the issuer's discovery document."""

    issuer = forms.URLField(
        label=IdentityProvider._meta.get_field("issuer").verbose_name,
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
        max_length=500,
        assume_scheme="https",
    )
    secret = forms.CharField(
        label=_("client secret"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the stored secret."),
    )

    class Meta:
        model = IdentityProvider
        fields = ["partner", "name", "issuer", "client_id", "secret"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new provider needs its secret; an existing one keeps it when the box is empty.
        self.fields["secret"].required = not self.instance.secret

    def clean_issuer(self):
        return normalise_issuer(self.cleaned_data["issuer"])

    def clean_secret(self):
        return self.cleaned_data["secret"] or self.instance.secret

    def clean(self):
        cleaned_data = super().clean()
        issuer = cleaned_data.get("issuer")
        if issuer:
            try:
                document = discover(issuer)
            except ValidationError as error:
                self.add_error("issuer", error)
            else:
                self.instance.authorization_endpoint = document["authorization_endpoint"]
        return cleaned_data


class IdentityProviderViewSet(ModelViewSet):
    model = IdentityProvider
    icon = "key"
    menu_label = _("Identity providers")
    list_display = ["name", "partner", "issuer"]
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return IdentityProviderForm


class PeopleGroup(ModelViewSetGroup):
    menu_label = _("People & sign-in")
    menu_icon = "user"
    menu_order = 220
    items = (ProfileViewSet, IdentityProviderViewSet)


@hooks.register("register_admin_viewset")
def register_partner_viewset():
    return PartnerViewSet()


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleGroup()
