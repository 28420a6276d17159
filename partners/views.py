from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, UpdateView

from .forms import ProfileForm
from .models import Profile


class ProfileDetailView(DetailView):
    """A person's profile; hidden (404) from whoever may not see it."""

    template_name = "partners/profile_detail.html"
    context_object_name = "profile"

    def get_object(self, queryset=None):
        profiles = Profile.objects.visible_to(self.request.user).select_related("user", "partner")
        return get_object_or_404(profiles, user__username=self.kwargs["username"])


class ProfileUpdateView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "partners/profile_form.html"

    def get_object(self, queryset=None):
        return self.request.user.profile

    def form_valid(self, form):
        messages.success(self.request, _("Your profile has been saved."))
        return super().form_valid(form)

    def get_success_url(self):
        return reverse("partners:profile", kwargs={"username": self.request.user.username})
