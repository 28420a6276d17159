import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation

from partners.roles import EDITORIAL_TEAM
from tests.databases import session_database
from tests.factories import TopicFactory, UserFactory, library_structure


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """The migrated template cloned, with the site's skeleton committed: the library, the
    partner index and the twelve partner sections, which most tests build on and none may
    keep changes to (every test runs in a transaction that is rolled back)."""
    yield from session_database(request, django_db_blocker, build_world=library_structure)


@pytest.fixture(autouse=True)
def _isolate(settings, tmp_path):
    """Uploaded files go to a throw-away folder; rate-limit counters start at zero; each test
    starts in the default language.

    The locale middleware activates a request's language in the test's own thread and
    leaves it active: after a request to /en/… the next test's ``reverse()`` would build
    English addresses and its searches would run in English."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FORUM_ATTACHMENT_ROOT = tmp_path / "private"
    cache.clear()
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture
def member(db):
    return UserFactory(username="mara", partner_slug="duelmen")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def library(db):
    """The library page, the partner index and the twelve partner sections (committed once
    per session by ``django_db_setup``; this only looks them up)."""
    return library_structure()


@pytest.fixture
def mobility(db):
    return TopicFactory(name="Mobilität", slug="mobilitaet")


@pytest.fixture
def schools(db):
    return TopicFactory(name="Bildung & Schule", slug="bildung-schule")


def with_totp(user):
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return user


@pytest.fixture
def editorial_user(db):
    return with_totp(
        UserFactory(username="dana", partner_slug="kreis-coesfeld", groups=[EDITORIAL_TEAM])
    )


@pytest.fixture
def duelmen_editor(db, library):
    return UserFactory(username="dirk", partner_slug="duelmen", groups=["Redaktion Dülmen"])


@pytest.fixture
def olfen_member(db):
    return UserFactory(username="olga", partner_slug="olfen")


def pytest_report_header(config):
    engine = django_settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    return f"database: {engine}"


def pytest_collection_modifyitems(config, items):
    """A transactional test must restore the session's world after its flush: without
    ``serialized_rollback`` the tests after it in the same process would find the skeleton
    gone and the content types made again under other ids."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)"
            )
