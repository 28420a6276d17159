"""What makes cached pages stale, as far as this app and Wagtail's core know."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import SiteSettings
from .page_cache import invalidate

for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(invalidate, dispatch_uid=f"theme_page_cache_{id(signal)}")
post_delete.connect(invalidate, sender=Page, dispatch_uid="theme_page_cache_page_deleted")
# A new or lifted view restriction changes who sees which page and listing.
post_save.connect(invalidate, sender=PageViewRestriction, dispatch_uid="theme_cache_restriction")
post_delete.connect(
    invalidate, sender=PageViewRestriction, dispatch_uid="theme_cache_restriction_deleted"
)
# Wagtail's privacy form saves a restriction's groups after the restriction itself.
m2m_changed.connect(
    invalidate, sender=PageViewRestriction.groups.through, dispatch_uid="theme_cache_groups"
)


def settings_changed(sender, instance, created, **kwargs):
    # Wagtail creates empty settings on first use; that changes no page.
    if not created:
        invalidate()


post_save.connect(settings_changed, sender=SiteSettings, dispatch_uid="theme_page_cache_settings")
