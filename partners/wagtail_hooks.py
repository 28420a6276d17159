"""Admin wiring: partners as snippets, people and identity providers as model views."""

from allauth.socialaccount.models import SocialApp
from django import forms
from django.contrib.sites.models import Site
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Partner, Profile


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


class IdentityProviderForm(forms.ModelForm):
    """An OpenID Connect provider of a partner; bound to this site on save."""

    class Meta:
        model = SocialApp
        fields = ["provider", "provider_id", "name", "client_id", "secret", "settings"]
        help_texts = {
            "provider": _('Choose "OpenID Connect".'),
            "provider_id": _("A short identifier used in the callback URL, e.g. duelmen."),
            "name": _('Shown on the login page, e.g. "Login mit dem Dienstkonto Dülmen".'),
            "settings": _(
                'JSON with the issuer, e.g. {"server_url": "https://idp.duelmen.de/realms/staff"}.'
            ),
        }

    def save(self, commit=True):
        app = super().save(commit=commit)
        if commit:
            app.sites.add(Site.objects.get_current())
        return app


class IdentityProviderViewSet(ModelViewSet):
    model = SocialApp
    icon = "key"
    menu_label = _("Identity providers")
    form_class = IdentityProviderForm
    list_display = ["name", "provider", "provider_id"]
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
