import pytest
from django.contrib.auth.models import Group

from partners.models import Partner
from partners.roles import EDITORIAL_TEAM, MODERATORS

pytestmark = pytest.mark.django_db

TWELVE = {
    "Kreis Coesfeld",
    "Ascheberg",
    "Billerbeck",
    "Coesfeld",
    "Dülmen",
    "Havixbeck",
    "Lüdinghausen",
    "Nordkirchen",
    "Nottuln",
    "Olfen",
    "Rosendahl",
    "Senden",
}


def test_the_twelve_partners_exist_after_migrating():
    assert set(Partner.objects.values_list("name", flat=True)) == TWELVE


def test_every_partner_has_at_least_one_email_domain():
    assert not Partner.objects.filter(domains__isnull=True).exists()


def test_the_district_is_the_only_partner_of_kind_kreis():
    assert list(Partner.objects.filter(kind="kreis").values_list("name", flat=True)) == [
        "Kreis Coesfeld"
    ]


def test_the_editorial_team_and_moderators_may_open_the_admin():
    for name in (EDITORIAL_TEAM, MODERATORS):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()
