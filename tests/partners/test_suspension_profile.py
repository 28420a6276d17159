"""A suspended member cannot change their public profile; their own data stays theirs."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import moderation
from partners.roles import MODERATORS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Ihr Konto ist gesperrt bis"


@pytest.fixture
def suspended_client(member_client, member):
    member.profile.department = "Bauamt"
    member.profile.save()
    member.profile.expertise.add("GIS")
    moderator = UserFactory(username="moritz", groups=[MODERATORS])
    moderation.suspend_user(member, moderator, timezone.now() + timedelta(days=3))
    return member_client


def test_a_suspended_member_cannot_change_their_profile(suspended_client, member):
    response = suspended_client.post(
        reverse("partners:profile_edit"),
        {"display_name": "Neuer Name", "department": "Werbung", "is_public": "on"},
    )
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    member.profile.refresh_from_db()
    assert (member.profile.display_name, member.profile.department) == ("Mara", "Bauamt")


def test_a_suspended_member_cannot_change_their_expertise(suspended_client, member):
    suspended_client.post(
        reverse("partners:profile_edit"), {"display_name": "Mara", "expertise": "Alles"}
    )
    assert set(member.profile.expertise.names()) == {"GIS"}


def test_a_suspended_member_is_told_at_once_instead_of_seeing_the_profile_form(
    suspended_client,
):
    assert suspended_client.get(reverse("partners:profile_edit")).status_code == 403


def test_a_suspended_member_sees_the_reason_instead_of_the_edit_button(suspended_client, member):
    page = suspended_client.get(
        reverse("partners:profile", kwargs={"username": member.username})
    ).content.decode()
    assert REFUSAL in page
    assert reverse("partners:profile_edit") not in page


def test_a_suspended_member_still_downloads_their_data(suspended_client):
    assert suspended_client.get(reverse("partners:data_export_download")).status_code == 200
