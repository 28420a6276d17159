"""A server-side cache of whole pages for visitors, invalidated whenever content changes.

Visitors (no session cookie) get a page from the cache when the same URL was rendered
before and nothing has been published since; members always get a fresh page. A response
is stored only if it is a plain 200 HTML page that sets no cookie (so never a page with a
CSRF token) and does not forbid caching (Wagtail marks restricted pages private).

Invalidation is a generation number in the cache: every change to content bumps it, and
keys carry it, so old entries are simply never read again. Apps call invalidate() from
their signal handlers; with several processes the cache must be shared (REDIS_URL).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_response_headers

GENERATION_KEY = "page-cache:generation"


def invalidate(*args, **kwargs) -> None:
    """Forget every cached page. Usable directly as a signal receiver."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def _generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def cached_fragment(name: str, compute, timeout: int = 3600):
    """``compute()``'s result, kept until content changes (the same generation as pages).

    For what every request shows alike, such as the menu and the footer links.
    """
    return cache.get_or_set(f"fragment:{_generation()}:{name}", compute, timeout)


def _key(request) -> str:
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page-cache:{_generation()}:{request.method}:{request.get_host()}:{url}"


def _cacheable_request(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(tuple(settings.PAGE_CACHE_EXEMPT_PREFIXES))
    )


def _cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.cookies
        and not getattr(response, "streaming", False)
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in cache_control
        and "no-cache" not in cache_control
        and "no-store" not in cache_control
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.timeout or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            # Browsers and proxies must not keep it: after logging in the same URL differs.
            patch_response_headers(response, cache_timeout=0)
            cache.set(key, response, self.timeout)
        return response
