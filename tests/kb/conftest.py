import pytest
from allauth.mfa.models import Authenticator

from partners.roles import EDITORIAL_TEAM
from tests.factories import TopicFactory, UserFactory, library_structure


@pytest.fixture
def library(db):
    """The library page, the partner index and the twelve partner sections."""
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
