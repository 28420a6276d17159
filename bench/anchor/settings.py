"""A one-view Django app without a database: what any Django page costs at the least.

bench/http.py serves it under gunicorn beside the site, so that the site's CPU per request
can be read as a ratio that the machine's speed and load mostly cancel out of.
"""

from pathlib import Path

DEBUG = False
SECRET_KEY = "bench-anchor-not-secret"  # noqa: S105  (serves a fixed page on a loopback port)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.anchor.urls"
WSGI_APPLICATION = "bench.anchor.wsgi.application"
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).resolve().parent / "templates"],
    }
]
USE_I18N = False
USE_TZ = True
