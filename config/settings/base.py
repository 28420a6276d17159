"""Settings shared by every environment.

Secure by default: nothing here is a secret and DEBUG is off. ``dev.py`` relaxes,
``test.py`` speeds up, ``production.py`` reads the environment.
"""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .environment import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parents[2]

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # Project apps come first so that their templates override allauth's and Wagtail's.
    "partners",
    "theme",
    "kb",
    "forum",
    "search",
    "outbox",
    "jobs",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "config.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "theme.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "partners.middleware.AdminRequiresMFAMiddleware",
    "partners.middleware.IdentityProviderUnavailableMiddleware",
    "theme.middleware.ContentSecurityPolicyMiddleware",
    "theme.middleware.TranslationFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "forum.context_processors.notifications",
            ],
        },
    },
]

# PostgreSQL session settings for a site whose data sits in memory: random reads cost about
# what sequential ones do (at the default 4 the planner read the whole search table instead
# of its GIN index: 30 instead of 4 ms), and JIT compilation, made for analytics, added up to
# 0.8 s to search queries that take a few milliseconds.
POSTGRES_OPTIONS = env_str("POSTGRES_OPTIONS", "-c random_page_cost=1.1 -c jit=off")


def database(url: str, conn_max_age: int) -> dict:
    """The settings of the database at ``url``, with the engine options the site relies on."""
    config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the development server read while a background task writes;
        # IMMEDIATE transactions avoid "database is locked" on concurrent writes. A larger
        # page cache and memory-mapped reads keep the search index in memory (measured by
        # bench/search.py: full-text queries about a third faster than with the defaults).
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA cache_size=-32000; PRAGMA mmap_size=268435456;"
            ),
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        config["OPTIONS"] = {"options": POSTGRES_OPTIONS}
    return config


# Database: SQLite needs no set-up; DATABASE_URL switches to PostgreSQL (or anything
# dj-database-url understands).
DATABASES = {
    "default": database(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def caches(redis_url: str | None, *, shared: bool) -> dict:
    """The cache: Redis at ``redis_url``; else the database's own table when ``shared``.

    Visibility decisions, cached pages, search audiences and rate limits live in the cache,
    so every process of one site must see the same one: a per-process (local-memory) cache
    is only for a single development process. The database cache needs no server of its
    own; its table is created by ``migrate`` (theme.apps).
    """
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
                # A cache that does not answer must not hold a request for long.
                "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
            }
        }
    if shared:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "django_cache",
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# SHARED_CACHE=true gives a development or test set-up of several processes the database cache.
CACHES = caches(env_str("REDIS_URL"), shared=env_bool("SHARED_CACHE", False))
# Whole pages for visitors (theme.page_cache); 0 switches it off. Production shares the
# cache between processes (see caches()) so that publishing invalidates everywhere.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_EXEMPT_PREFIXES = ["/admin/", "/documents/", "/static/", "/media/"]

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"

# Languages: German is the default, English second. Every public URL carries its prefix.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
# Each app keeps its own locale/ folder. These come first and win: config's strings (URL
# words, language names) and the Sie-form for third-party strings whose German uses du.
LOCALE_PATHS = [BASE_DIR / "theme" / "locale_overrides", BASE_DIR / "config" / "locale"]
USE_TZ = True
# Dates and numbers as readers here write them (config/formats). Thousands are grouped only
# where a template asks ({{ value|money }} in theme.templatetags.numbers): a global
# USE_THOUSAND_SEPARATOR would also group ids in URLs and numbers in form inputs.
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SITE_ID = 1

# The public address and name of the site: every absolute link in mails, feeds, the sitemap,
# robots.txt and the OpenSearch description, and the name in allauth's mails
# (theme.site_address, which keeps Django's and Wagtail's site records in step).
SITE_BASE_URL = env_str("SITE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = env_str("SITE_NAME", "Wissensnetz Kreis Coesfeld")
# The short form where space is scarce: mail subjects, OpenSearch's ShortName (16 characters).
SITE_SHORT_NAME = env_str("SITE_SHORT_NAME", SITE_NAME.split()[0])

# Email. Every sender's mail is stored in the outbox in its own transaction and sent by a
# background task through MAIL_DELIVERY_BACKEND, retried with back-off while the server is
# down (outbox/delivery.py): no request waits for or fails with the mail server.
# Development prints mails to the console; production sets an SMTP server.
EMAIL_BACKEND = "outbox.backends.OutboxBackend"
MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <wissensnetz@kreis-coesfeld.de>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where accessibility feedback and other messages to the site operator go when the
# site settings in the admin do not name an address.
CONTACT_EMAIL = env_str("CONTACT_EMAIL", "digitalagentur@kreis-coesfeld.de")

# Background work: immediate by default; production runs the database backend and a worker.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# /healthz reports the task queue degraded when a due task has waited longer than this.
HEALTH_TASK_DELAY_SECONDS = env_int("HEALTH_TASK_DELAY_SECONDS", 300)

# The forum's limits. Rates are per member and rolling hour; 0 switches a limit off.
FORUM_POSTS_PER_HOUR = env_int("FORUM_POSTS_PER_HOUR", 30)
FORUM_FLAGS_PER_HOUR = env_int("FORUM_FLAGS_PER_HOUR", 10)
# A member's first N posts wait for a moderator's approval; 0 trusts everyone at once.
FORUM_APPROVE_FIRST_POSTS = env_int("FORUM_APPROVE_FIRST_POSTS", 0)
# Unanswered questions come back to experts and moderators after this many days.
FORUM_UNANSWERED_AFTER_DAYS = env_int("FORUM_UNANSWERED_AFTER_DAYS", 3)
FORUM_ATTACHMENT_MAX_BYTES = env_int("FORUM_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
FORUM_ATTACHMENTS_PER_POST = 5
# Attachments are not under MEDIA_ROOT: only the forum's view, which checks visibility, serves them.
FORUM_ATTACHMENT_ROOT = Path(env_str("FORUM_ATTACHMENT_ROOT", str(BASE_DIR / "private" / "forum")))
# The category in which "Diskutieren" on a library page opens its thread.
FORUM_DISCUSSION_CATEGORY = env_str("FORUM_DISCUSSION_CATEGORY", "wissensbibliothek")

# Security headers that hold in every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview (under /admin/) allows same-origin framing itself.
SESSION_COOKIE_HTTPONLY = True
# Only strictly necessary cookies (session, CSRF): flash messages ride in the session.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The one CSP for every public page; theme.middleware applies it. The Wagtail admin is
# left to its own policy because it relies on inline scripts.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # allauth's TOTP set-up shows its QR code as a data: URI.
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
CONTENT_SECURITY_POLICY_EXEMPT_PREFIXES = ["/admin/"]
# allauth's pages may also send forms on to the partners' identity providers (login).
CONTENT_SECURITY_POLICY_SIGN_IN_FORM_ACTIONS = "partners.identity_providers.authorization_origins"

# Accounts (django-allauth)
ACCOUNT_ADAPTER = "partners.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "partners.adapters.SocialAccountAdapter"
ACCOUNT_FORMS = {"signup": "partners.forms.SignupForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_USER_DISPLAY = "partners.models.user_display"
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# Nobody logs in, and so nobody posts, before the address is verified.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SITE_SHORT_NAME}] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
# Failed logins count per account and per address (theme.ratelimit.client_ip), the account
# first, so that guesses at a locked account cost its colleagues nothing. An account locks
# for five minutes after five failures from anywhere; an address, which may be a town hall's
# NAT in front of hundreds of staff, only after 30 failures in a minute or 300 in an hour.
# The other limits (sign-ups, resets, verification mails) keep allauth's defaults.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/key,30/m/ip,300/h/ip",
    "login": "120/m/ip",
}
# Only behind the site's own reverse proxies: then X-Forwarded-For names the client, this
# many addresses from its right end (one per proxy). Elsewhere any client could send it.
TRUST_PROXY_HEADERS = env_bool("TRUST_PROXY_HEADERS", False)
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1)
# Sign-ups from addresses outside the partners' domains are refused unless this is on.
WISSENSNETZ_ALLOW_GUEST_ACCOUNTS = env_bool("ALLOW_GUEST_ACCOUNTS", False)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
# Members of these groups (and every superuser) must set up TOTP before they reach the admin.
MFA_REQUIRED_GROUPS = ["Digitalagentur"]

SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True}}

# Wagtail
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# Every login, the admin's and the one for restricted pages included, goes through allauth
# so that MFA is always asked.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents go out only through Django, where kb.documents decides who may read them, and
# their uploads are checked on their content (kb.document_forms).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "kb.document_forms.DocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "theme.image_forms.DescribedImageForm"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_FINDERS: list[dict] = []  # embeds would make pages request third-party hosts
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Search at scale; unset means the database's own full-text engine.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "wissensnetz")
# The search engine's credentials and dialect (docs/search-engine.md): an API key or a user
# and password, a CA bundle for a private certificate authority, "elasticsearch" or
# "opensearch" (empty: asked with GET /), seconds one request may take, and seconds the
# engine is skipped after it failed.
ELASTICSEARCH_API_KEY = env_str("ELASTICSEARCH_API_KEY", "")
ELASTICSEARCH_USERNAME = env_str("ELASTICSEARCH_USERNAME", "")
ELASTICSEARCH_PASSWORD = env_str("ELASTICSEARCH_PASSWORD", "")
ELASTICSEARCH_CA_CERTS = env_str("ELASTICSEARCH_CA_CERTS", "")
ELASTICSEARCH_DISTRIBUTION = env_str("ELASTICSEARCH_DISTRIBUTION", "")
ELASTICSEARCH_TIMEOUT = float(env_str("ELASTICSEARCH_TIMEOUT", "2.5"))
ELASTICSEARCH_BREAKER_SECONDS = float(env_str("ELASTICSEARCH_BREAKER_SECONDS", "30"))
SEARCH_BACKEND = (
    "search.backends.elasticsearch.ElasticsearchBackend"
    if ELASTICSEARCH_URL
    else "search.backends.database.DatabaseBackend"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

INTERNAL_IPS = env_list("INTERNAL_IPS", [])
