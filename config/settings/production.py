"""Production: every secret and host-specific value comes from the environment.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL. Optional: ELASTICSEARCH_URL,
REDIS_URL, EMAIL_HOST (and EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD,
EMAIL_USE_TLS, EMAIL_USE_SSL), DEFAULT_FROM_EMAIL, CONTACT_EMAIL, CONN_MAX_AGE,
SITE_BASE_URL (default https:// + the first ALLOWED_HOSTS), SITE_NAME, SITE_SHORT_NAME,
POSTGRES_OPTIONS, SECURE_SSL_REDIRECT, SECURE_HSTS_SECONDS, TRUST_PROXY_HEADERS
(and TRUSTED_PROXY_COUNT, read in base).
"""

from config.logs import json_logging

from .base import *  # noqa: F403
from .base import caches, database
from .environment import env_bool, env_int, env_list, env_required, env_str

DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    ALLOWED_HOSTS = [env_required("ALLOWED_HOSTS")]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [f"https://{h}" for h in ALLOWED_HOSTS])
# The public address of every link in mails and feeds: SITE_BASE_URL, else the first allowed
# host over HTTPS; a wildcard host names no address, so then SITE_BASE_URL is required.
if env_str("SITE_BASE_URL") or ALLOWED_HOSTS[0].startswith((".", "*")):
    SITE_BASE_URL = env_required("SITE_BASE_URL").rstrip("/")
else:
    SITE_BASE_URL = f"https://{ALLOWED_HOSTS[0]}"
WAGTAILADMIN_BASE_URL = SITE_BASE_URL

# Persistent connections with health checks. Measured here (gunicorn, 2 workers, wrk -c4,
# PostgreSQL on the same host): 46 → 67 requests/s and median 81 → 54 ms on a text page.
DATABASES = {
    "default": database(env_required("DATABASE_URL"), conn_max_age=env_int("CONN_MAX_AGE", 600))
}

# Several workers share one truth: Redis when REDIS_URL is set, else the database's cache table.
CACHES = caches(env_str("REDIS_URL"), shared=True)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The SMTP server the outbox delivers to (MAIL_DELIVERY_BACKEND); requests never talk to it,
# and the timeout bounds how long one delivery attempt can hang a worker.
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# A load balancer asks each worker directly over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("TRUST_PROXY_HEADERS", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
MFA_TRUST_COOKIE_SECURE = True

DEMO_ACCOUNTS_ENABLED = False

# One JSON object per line with the request id; e-mail addresses masked (config.logs).
LOGGING = json_logging(env_str("LOG_LEVEL", "INFO"))
