from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ThemeConfig(AppConfig):
    name = "theme"
    verbose_name = _("Site and legal pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks, connects the receivers)

        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(sender, using, **kwargs):
    """Give a database cache (config.settings.base.caches) its table wherever it migrates."""
    call_command("createcachetable", database=using, verbosity=0)
