from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "partners"

urlpatterns = [
    path(_("people/<str:username>/"), views.ProfileDetailView.as_view(), name="profile"),
    path(_("account/profile/"), views.ProfileUpdateView.as_view(), name="profile_edit"),
    path(_("account/data/"), views.data_export, name="data_export"),
    path(_("account/data/download/"), views.data_export_download, name="data_export_download"),
    path(_("account/delete/"), views.account_delete, name="account_delete"),
]
