"""A small fixed-window rate limiter on the cache, for forms that anyone can send, and the one
rule for whose address a request counts against (allauth's limits use it too)."""

import ipaddress

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address: behind the site's own proxies (``TRUST_PROXY_HEADERS``), the
    one the outermost of them added to X-Forwarded-For, ``TRUSTED_PROXY_COUNT`` places from
    the right; anything left of it the client may have written itself. Without the setting
    the header is ignored, as any client can send it to pick its own bucket."""
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    if not settings.TRUST_PROXY_HEADERS:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    count = settings.TRUSTED_PROXY_COUNT
    if count < 1 or len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count].strip()))
    except ValueError:
        return remote


def allow(scope: str, key: str, *, limit: int, period: int) -> bool:
    """Count one use of ``scope`` by ``key``; False once ``limit`` uses fall within ``period`` s."""
    cache_key = f"ratelimit:{scope}:{key}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return True
    return count <= limit
