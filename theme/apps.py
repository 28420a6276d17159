from django.apps import AppConfig
from django.core.management import call_command
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ThemeConfig(AppConfig):
    name = "theme"
    verbose_name = _("Site and legal pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401  (registers the checks, connects the receivers)

        post_migrate.connect(create_cache_table, sender=self)
        post_migrate.connect(keep_site_records_in_step, sender=self)


def create_cache_table(sender, using, **kwargs):
    """Give a database cache (config.settings.base.caches) its table wherever it migrates."""
    call_command("createcachetable", database=using, verbosity=0)


def keep_site_records_in_step(sender, using, **kwargs):
    """Django's and Wagtail's site records follow SITE_BASE_URL and SITE_NAME (unless a
    migration back to zero took their tables away)."""
    from .site_address import keep_site_records_in_step as keep_in_step

    tables = connections[using].introspection.table_names()
    if "django_site" in tables and "wagtailcore_site" in tables:
        keep_in_step(using)
