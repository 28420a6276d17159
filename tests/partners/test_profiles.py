import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def profile_url(user):
    return reverse("partners:profile", kwargs={"username": user.username})


def test_members_see_a_colleagues_profile(member_client):
    colleague = UserFactory(username="ole", partner_slug="olfen")
    response = member_client.get(profile_url(colleague))
    assert response.status_code == 200
    assert "Olfen" in response.content.decode()


def test_visitors_do_not_see_a_profile_that_is_not_public(client):
    colleague = UserFactory(username="ole")
    assert client.get(profile_url(colleague)).status_code == 404


def test_visitors_see_a_profile_its_owner_made_public(client):
    colleague = UserFactory(username="ole")
    colleague.profile.is_public = True
    colleague.profile.save()
    response = client.get(profile_url(colleague))
    assert response.status_code == 200
    assert colleague.profile.display_name in response.content.decode()


def test_the_profile_of_a_deactivated_account_is_gone(member_client):
    colleague = UserFactory(username="ole", is_active=False)
    assert member_client.get(profile_url(colleague)).status_code == 404


def test_a_profile_shows_the_expertise_people_may_ask_about(member_client):
    colleague = UserFactory(username="ole")
    colleague.profile.expertise.add("E-Akte", "Glasfaser")
    content = member_client.get(profile_url(colleague)).content.decode()
    assert "E-Akte" in content and "Glasfaser" in content


def test_a_member_edits_their_own_profile(member_client, member):
    member_client.post(
        reverse("partners:profile_edit"),
        {
            "display_name": "Mara M.",
            "department": "Bauamt",
            "expertise": "GIS, Bauantrag",
            "is_public": "on",
        },
    )
    member.profile.refresh_from_db()
    assert member.profile.department == "Bauamt"
    assert set(member.profile.expertise.names()) == {"GIS", "Bauantrag"}
    assert member.profile.is_public


def test_a_blank_name_is_refused_and_nothing_changes(member_client, member):
    before = member.profile.display_name
    response = member_client.post(
        reverse("partners:profile_edit"),
        {"display_name": "  ", "department": "Bauamt", "expertise": ""},
    )
    assert response.status_code == 200
    member.profile.refresh_from_db()
    assert member.profile.display_name == before
    assert member.profile.department == ""


def test_editing_a_profile_requires_logging_in(client):
    response = client.get(reverse("partners:profile_edit"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_partner_cannot_be_changed_through_the_profile_form(member_client, member):
    member_client.post(
        reverse("partners:profile_edit"), {"display_name": "Mara", "partner": "1", "expertise": ""}
    )
    member.profile.refresh_from_db()
    assert member.profile.partner.slug == "duelmen"


def test_every_new_user_gets_a_profile(db):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("neu", "neu@olfen.de", "x")
    assert user.profile.pk is not None
