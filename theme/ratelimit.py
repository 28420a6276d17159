"""A small fixed-window rate limiter on the cache, for forms that anyone can send."""

from django.core.cache import cache


def client_ip(request) -> str:
    # Behind a proxy, SecurityMiddleware-trusted deployments set REMOTE_ADDR via gunicorn's
    # forwarded-allow-ips; a client-supplied X-Forwarded-For must not pick the bucket.
    return request.META.get("REMOTE_ADDR", "unknown")


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
