import pytest
from wagtail.models import Locale

from forum.choices import MembershipStatus, Visibility
from forum.models import Category, GroupMembership, WorkingGroup
from tests.factories import UserFactory


def make_category(slug, visibility, group=None):
    return Category.objects.create(
        slug=slug,
        name=slug.title(),
        visibility=visibility,
        working_group=group,
        locale=Locale.objects.get(language_code="de"),
    )


@pytest.fixture
def working_group(db):
    return WorkingGroup.objects.create(name="Arbeitskreis Sicherheit", slug="sicherheit")


@pytest.fixture
def public(db):
    return make_category("oeffentlich", Visibility.PUBLIC)


@pytest.fixture
def members_only(db):
    return make_category("intern", Visibility.MEMBERS)


@pytest.fixture
def group_only(working_group):
    return make_category("ak-intern", Visibility.GROUP, working_group)


@pytest.fixture
def group_member(working_group):
    user = UserFactory(username="gerd", partner_slug="senden")
    GroupMembership.objects.create(group=working_group, user=user, status=MembershipStatus.ACTIVE)
    return user
