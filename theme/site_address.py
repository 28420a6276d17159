"""The site's public address and name: SITE_BASE_URL and SITE_NAME, nothing else.

Every link that leaves the site — in mails, feeds, the sitemap, robots.txt and the OpenSearch
description — is built here, never from the request: a mail is written by a background
task without one, and behind a reverse proxy the request names the internal host. The
records that other libraries read the address from (Django's sites framework for allauth
and the syndication feeds, Wagtail's Site for ``Page.full_url``) are kept in step by
``keep_site_records_in_step``.
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings


def base_url() -> str:
    """The public base address without a trailing slash, e.g. ``https://wissensnetz.de``."""
    return settings.SITE_BASE_URL.rstrip("/")


def site_name() -> str:
    """The site's name, e.g. ``Wissensnetz Kreis Coesfeld``."""
    return settings.SITE_NAME


def site_short_name() -> str:
    """The name where space is scarce (mail subjects, OpenSearch), e.g. ``Wissensnetz``."""
    return settings.SITE_SHORT_NAME


def absolute_url(location: str) -> str:
    """``location`` (a path, or a URL some library built from a request) on the public base
    address: only its path, query and fragment are kept."""
    parts = urlsplit(location)
    path = parts.path if parts.path.startswith("/") else "/" + parts.path
    return base_url() + urlunsplit(("", "", path, parts.query, parts.fragment))


def page_url(page, request=None) -> str | None:
    """A Wagtail page's public address, or None when the page is not routable."""
    url = page.get_url(request)
    return absolute_url(url) if url else None


def public_site():
    """An unsaved sites-framework Site naming the public address, for code that reads
    ``domain`` and ``name`` from one (allauth's mails)."""
    from django.contrib.sites.models import Site

    return Site(pk=settings.SITE_ID, domain=urlsplit(base_url()).netloc, name=site_name())


def _host_and_port() -> tuple[str, int]:
    parts = urlsplit(base_url())
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def keep_site_records_in_step(using: str = "default") -> None:
    """Write the address and name into Django's Site (SITE_ID) and Wagtail's default Site.

    Idempotent; run after every migration and by ``load_demo``.
    """
    from django.contrib.sites.models import Site as DjangoSite
    from wagtail.models import Site as WagtailSite

    host, port = _host_and_port()
    public = public_site()
    DjangoSite.objects.using(using).update_or_create(
        pk=public.pk, defaults={"domain": public.domain, "name": public.name}
    )
    site = WagtailSite.objects.using(using).filter(is_default_site=True).first()
    if site is not None and (site.hostname, site.port, site.site_name) != (
        host,
        port,
        site_name(),
    ):
        site.hostname, site.port, site.site_name = host, port, site_name()
        # save() rather than update(): Wagtail's cache of site root paths is cleared on save.
        site.save(using=using)
