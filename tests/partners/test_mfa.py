import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from partners.roles import EDITORIAL_TEAM, MODERATORS
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def add_totp(user):
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )


def test_the_editorial_team_is_sent_to_set_up_totp_before_the_admin(client):
    editor = UserFactory(username="dana", groups=[EDITORIAL_TEAM])
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_administrators_are_sent_to_set_up_totp_before_the_admin(client):
    admin = UserFactory(username="anna", is_superuser=True)
    client.force_login(admin)
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def reaches_the_dashboard(client):
    response = client.get(reverse("wagtailadmin_home"))
    return response.status_code == 200 and "wagtailadmin/home.html" in {
        template.name for template in response.templates
    }


def test_the_editorial_team_with_totp_reaches_the_admin(client):
    editor = UserFactory(username="dana", groups=[EDITORIAL_TEAM])
    add_totp(editor)
    client.force_login(editor)
    assert reaches_the_dashboard(client)


def test_moderators_reach_the_admin_without_a_second_factor(client):
    moderator = UserFactory(username="moritz", groups=[MODERATORS])
    client.force_login(moderator)
    assert reaches_the_dashboard(client)


def test_totp_is_offered_to_every_member(member_client):
    response = member_client.get(reverse("mfa_index"))
    assert reverse("mfa_activate_totp") in response.content.decode()


def test_a_member_with_totp_must_enter_a_code_after_the_password(client, member):
    add_totp(member)
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_the_admins_own_login_page_sends_people_to_the_site_login(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_posting_a_password_to_the_admin_login_does_not_log_in(client):
    admin = UserFactory(username="anna", is_superuser=True)
    client.post("/admin/login/", {"username": admin.username, "password": DEFAULT_PASSWORD})
    assert "_auth_user_id" not in client.session


def test_visitors_asking_for_the_admin_are_sent_to_the_site_login(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("account_login"))


def test_wagtails_front_end_login_form_is_not_served(client):
    admin = UserFactory(username="anna", is_superuser=True)
    response = client.post(
        "/de/_util/login/", {"username": admin.username, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
