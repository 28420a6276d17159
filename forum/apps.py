from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumConfig(AppConfig):
    name = "forum"
    verbose_name = _("Forum")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from theme import sections

        from . import mail, notifications  # noqa: F401  (notification and mail receivers)

        sections.register("forum", "forum:index", _("Forum"), in_menu=True)

        from kb.activity import register_activity

        from .activity import partner_threads

        register_activity(partner_threads)

        # A forum suspension binds every app (profile, reuse): partners holds the rule.
        from partners.standing import register_suspension

        from .limits import suspended_until

        register_suspension(suspended_until)

        # Attachment file clean-up and the forum's parts of a member's data export.
        from . import attachments, exports, page_cache, search  # noqa: F401

        search.connect()
        page_cache.connect()
