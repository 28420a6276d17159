from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.cache import cache
        from django.db.models.signals import post_delete, post_save

        from .models import Synonym
        from .services import SYNONYMS_CACHE_KEY

        def forget_synonyms(**kwargs):
            cache.delete(SYNONYMS_CACHE_KEY)

        for signal in (post_save, post_delete):
            signal.connect(
                forget_synonyms, sender=Synonym, dispatch_uid=f"search_synonyms_{signal}"
            )
