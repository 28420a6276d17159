"""Admin wiring: categories (translatable snippets) and working groups with their members."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category, GroupMembership, WorkingGroup


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "visibility", "working_group", "thread_count"]
    list_filter = ["visibility"]
    search_fields = ["name"]
    search_backend_name = None


class WorkingGroupViewSet(ModelViewSet):
    model = WorkingGroup
    icon = "group"
    menu_label = _("Working groups")
    form_fields = ["name", "slug", "description"]
    list_display = ["name", "slug"]
    copy_view_enabled = False


class MembershipViewSet(ModelViewSet):
    model = GroupMembership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "group", "role", "status"]
    list_filter = ["group", "status", "role"]
    panels = [FieldPanel("group"), FieldPanel("user"), FieldPanel("role"), FieldPanel("status")]
    form_fields = ["group", "user", "role", "status"]
    copy_view_enabled = False


class ForumGroup(ModelViewSetGroup):
    menu_label = _("Forum")
    menu_icon = "comment"
    menu_order = 230
    items = (CategoryViewSet, WorkingGroupViewSet, MembershipViewSet)


@hooks.register("register_admin_viewset")
def register_forum_viewsets():
    return ForumGroup()
