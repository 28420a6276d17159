from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import attachments, groups, knowledge, moderation, notifications, threads

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
    path(_("post/<int:pk>/"), threads.permalink, name="post"),
    path(_("post/<int:pk>/react/"), threads.react, name="react"),
    path(_("post/<int:pk>/solution/"), threads.solution, name="solution"),
    path(_("thread/<int:pk>/unread/"), threads.first_unread, name="first_unread"),
    path(_("unread/"), threads.unread, name="unread"),
    path(_("tag/<slug:slug>/"), threads.tag, name="tag"),
    # Working groups
    path(_("groups/"), groups.group_list, name="groups"),
    path(_("groups/<slug:slug>/"), groups.group_detail, name="group"),
    path(_("groups/<slug:slug>/join/"), groups.join, name="group_join"),
    path(_("groups/<slug:slug>/leave/"), groups.leave, name="group_leave"),
    path(_("groups/<slug:slug>/requests/<int:pk>/"), groups.decide, name="group_decide"),
    # -- notifications and watching (forum/views/notifications.py)
    path(_("notifications/"), notifications.notification_list, name="notifications"),
    path(_("notifications/read/"), notifications.mark_all_read, name="notifications_read"),
    path(_("notifications/<int:pk>/"), notifications.open_notification, name="notification"),
    path(_("thread/<int:pk>/watch/"), notifications.watch_thread, name="watch_thread"),
    path(_("category/<slug:slug>/watch/"), notifications.watch_category, name="watch_category"),
    path(_("tag/<slug:slug>/watch/"), notifications.watch_tag, name="watch_tag"),
    path(_("settings/"), notifications.settings, name="settings"),
    path(_("unsubscribe/<str:token>/"), notifications.unsubscribe, name="unsubscribe"),
    # -- moderation (forum/views/moderation.py)
    path(_("post/<int:pk>/flag/"), moderation.flag, name="flag_post"),
    path(_("post/<int:pk>/moderate/"), moderation.moderate_post, name="moderate_post"),
    path(_("post/<int:pk>/history/"), moderation.history, name="post_history"),
    path(_("thread/<int:pk>/moderate/"), moderation.moderate_thread, name="moderate_thread"),
    path(_("thread/<int:pk>/move/"), moderation.move, name="move_thread"),
    path(_("thread/<int:pk>/split/"), moderation.split, name="split_thread"),
    path(_("moderation/"), moderation.queue, name="moderation_queue"),
    path(_("moderation/log/"), moderation.log, name="moderation_log"),
    path(_("moderation/member/<int:pk>/"), moderation.member, name="moderate_member"),
    # -- attachments (forum/views/attachments.py)
    path(_("attachment/<int:pk>/<str:filename>/"), attachments.download, name="attachment"),
    # -- from discussion to knowledge (forum/views/knowledge.py)
    path(_("discuss/<int:page_id>/"), knowledge.discuss, name="discuss"),
    path(_("thread/<int:pk>/promote/"), knowledge.promote, name="promote"),
]
