import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _isolate(settings, tmp_path):
    """Uploaded files go to a throw-away folder; rate-limit counters start at zero."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def member(db):
    return UserFactory(username="mara", partner_slug="duelmen")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def pytest_report_header(config):
    engine = django_settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}"
