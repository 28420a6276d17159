from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import AccessibilityFeedback


class ReceivedFeedbackPolicy(ModelPermissionPolicy):
    """Feedback arrives through the public form only; nobody creates it in the admin."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)


register_permission_policy(AccessibilityFeedback, ReceivedFeedbackPolicy(AccessibilityFeedback))


class AccessibilityFeedbackViewSet(ModelViewSet):
    """Editors read incoming feedback and mark it handled; messages are not edited."""

    model = AccessibilityFeedback
    icon = "mail"
    menu_label = _("Accessibility feedback")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["email", "page_url", "created_at", "handled"]
    list_filter = ["handled", "language"]
    search_fields = ["email", "name", "message"]
    search_backend_name = None
    form_fields = ["handled"]
    inspect_view_enabled = True
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return AccessibilityFeedbackViewSet("accessibility_feedback")
