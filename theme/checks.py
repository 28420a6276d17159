"""System checks for how the site is deployed."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """A deployment of several processes must not keep visibility decisions per process.

    Cached pages, the sections hidden from each audience and rate limits live in the cache:
    with a local-memory cache, a worker that did not handle a change would go on serving
    what another worker has already restricted.
    """
    backend = settings.CACHES["default"]["BACKEND"]
    if backend not in PER_PROCESS_CACHES:
        return []
    return [
        checks.Error(
            f"The default cache ({backend}) is not shared between processes.",
            hint="Set REDIS_URL, or use config.settings.base.caches(..., shared=True), which "
            "falls back to the database cache.",
            id="theme.E001",
        )
    ]
