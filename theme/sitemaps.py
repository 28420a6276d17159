from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from .site_address import absolute_url


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

    def _urls(self, page, protocol, domain):
        # Wagtail writes each location from its Site record; the public address is the rule.
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = absolute_url(url_info["location"])
        return urls
