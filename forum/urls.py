from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import threads

app_name = "forum"

urlpatterns = [
    # Reading and writing
    path("", threads.index, name="index"),
    path(_("new/"), threads.new_thread, name="new_thread"),
    path(_("category/<slug:slug>/"), threads.category, name="category"),
    path(_("thread/<int:pk>/"), threads.thread, name="thread"),
    path(_("thread/<int:pk>/reply/"), threads.reply_to_thread, name="reply"),
    path(_("post/<int:pk>/edit/"), threads.edit, name="edit"),
    path(_("post/<int:pk>/delete/"), threads.delete, name="delete"),
    # -- notifications and watching (forum/views/notifications.py)
    # -- moderation (forum/views/moderation.py)
    # -- attachments (forum/views/attachments.py)
    # -- from discussion to knowledge (forum/views/knowledge.py)
]
