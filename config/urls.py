from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView, TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.health import healthz
from kb import documents
from theme.sitemaps import SiteSitemap

urlpatterns = [
    # The admin's own login would skip allauth's second factor, so it is not served.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's own document view, with cache headers that follow kb.documents' rule.
    re_path(r"^documents/(\d+)/(.*)$", documents.serve),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": SiteSitemap}}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="theme/robots.txt", content_type="text/plain"),
    ),
]

urlpatterns += i18n_patterns(
    # Wagtail's own front-end login form would skip the second factor as well.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path(_("account/"), include("allauth.urls")),
    path(_("search/"), include("search.urls")),
    path(_("library/"), include("kb.urls")),
    path(_("forum/"), include("forum.urls")),
    path("", include("partners.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
