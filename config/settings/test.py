"""The test suite: fast hashing, in-memory mail and cache, tasks run at once."""

from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES
from .environment import env_int, env_str

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test runner sets EMAIL_BACKEND to locmem, so most tests read their mails from
# django.core.mail.outbox at once; the outbox's tests switch the outbox on and deliver there.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".test-media")))
FORUM_ATTACHMENT_ROOT = Path(env_str("FORUM_ATTACHMENT_ROOT", str(BASE_DIR / ".test-private")))
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
DEMO_ACCOUNTS_ENABLED = True
# Tests of the page cache switch it on themselves; servers started by a test, in the environment.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
