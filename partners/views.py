import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, UpdateView

from .adapters import home_url
from .deletion import (
    ADMINISTRATOR_REFUSAL,
    AccountDeletionForm,
    delete_account,
    may_delete_own_account,
)
from .exports import export_for
from .forms import ProfileForm
from .models import Profile
from .standing import MemberMayWriteMixin


class ProfileDetailView(DetailView):
    """A person's profile; hidden (404) from whoever may not see it."""

    template_name = "partners/profile_detail.html"
    context_object_name = "profile"

    def get_object(self, queryset=None):
        profiles = Profile.objects.visible_to(self.request.user).select_related("user", "partner")
        return get_object_or_404(profiles, user__username=self.kwargs["username"])


class ProfileUpdateView(MemberMayWriteMixin, LoginRequiredMixin, UpdateView):
    """The member's public profile: name, department, expertise, visibility."""

    form_class = ProfileForm
    template_name = "partners/profile_form.html"

    def get_object(self, queryset=None):
        return self.request.user.profile

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("partners:profile", kwargs={"username": self.request.user.username})


@login_required
def data_export(request):
    """The page that explains the export and offers the download."""
    return TemplateResponse(request, "partners/data_export.html")


@login_required
def data_export_download(request):
    """The member's data as one JSON file to keep."""
    document = json.dumps(
        export_for(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(document, content_type="application/json; charset=utf-8")
    filename = f"wissensnetz-{request.user.username}-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
def account_delete(request):
    """Ask for the password and a confirmation, then delete the account and log out."""
    allowed = may_delete_own_account(request.user)
    form = AccountDeletionForm(request.POST or None, request=request)
    if request.method == "POST":
        if not allowed:
            messages.error(request, ADMINISTRATOR_REFUSAL)
            return HttpResponseRedirect(reverse("partners:account_delete"))
        if form.is_valid():
            user = request.user
            delete_account(user)
            logout(request)
            messages.success(request, _("Your account has been deleted. Goodbye!"))
            return HttpResponseRedirect(home_url())
    return TemplateResponse(
        request,
        "partners/account_delete.html",
        {"form": form, "allowed": allowed},
        status=400 if form.is_bound and form.errors else 200,
    )
