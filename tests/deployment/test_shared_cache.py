"""Several processes of one site share one truth: what one restricts, none goes on showing."""

import pytest

from tests.config.test_settings import PRODUCTION_ENVIRONMENT
from tests.config.test_settings import run_manage as run_production_manage
from tests.factories import ArticlePageFactory
from theme.checks import shared_cache

from .processes import fetch, gunicorn, run_manage, site_environment

RESTRICT_TO_MEMBERS = (
    "from wagtail.models import Page, PageViewRestriction; "
    "PageViewRestriction.objects.create(page=Page.objects.get(pk={pk}), "
    "restriction_type=PageViewRestriction.LOGIN)"
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_restricted_in_one_process_disappears_from_two_running_servers_at_once(tmp_path):
    article = ArticlePageFactory(title="Zarvolin-Leitstelle", slug="zarvolin-leitstelle")
    environment = site_environment(tmp_path, SHARED_CACHE="1", PAGE_CACHE_SECONDS="300")
    run_manage("createcachetable", environment=environment)
    with gunicorn(environment) as first, gunicorn(environment) as second:
        for server in (first, second):
            assert "Zarvolin-Leitstelle" in fetch(server + "/de/bibliothek/")[1]
            assert fetch(server + article.url)[0] == 200

        restrict = RESTRICT_TO_MEMBERS.format(pk=article.pk)
        run_manage("shell", "-c", restrict, environment=environment)

        for server in (first, second):
            assert "Zarvolin-Leitstelle" not in fetch(server + "/de/bibliothek/")[1]
            status, _ = fetch(server + article.url)
            assert status == 302, f"{server} still serves the restricted page"


def test_production_without_redis_shares_the_database_cache():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_production_manage("shell", "-c", script, environment=PRODUCTION_ENVIRONMENT)
    assert result.stdout.split()[-1] == "django.core.cache.backends.db.DatabaseCache"


def test_production_with_redis_uses_it():
    environment = {**PRODUCTION_ENVIRONMENT, "REDIS_URL": "redis://cache.example.invalid:6379/0"}
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = run_production_manage("shell", "-c", script, environment=environment)
    assert result.stdout.split()[-1] == "django.core.cache.backends.redis.RedisCache"


def test_the_deployment_check_refuses_a_cache_kept_per_process(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [error.id for error in shared_cache(None)] == ["theme.E001"]


def test_the_deployment_check_accepts_the_database_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
    assert shared_cache(None) == []
