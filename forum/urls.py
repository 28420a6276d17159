from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.index, name="index"),
    path(_("new/"), views.new_thread, name="new_thread"),
    path(_("category/<slug:slug>/"), views.category, name="category"),
    path(_("thread/<int:pk>/"), views.thread, name="thread"),
    path(_("thread/<int:pk>/reply/"), views.reply_to_thread, name="reply"),
]
