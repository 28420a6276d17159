from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class SiteSitemap(Sitemap):
    """Every live, unrestricted page of the site in every language (Wagtail's lists one)."""

    def items(self):
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        in_site = Q(pk__in=[])
        for root in roots:
            in_site |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(in_site)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
