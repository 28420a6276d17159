import datetime

import pytest
import time_machine
from allauth.account import app_settings as account_settings
from django.urls import reverse

from partners.roles import EDITORIAL_TEAM
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGGED_IN_AT = datetime.datetime(2025, 3, 3, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def editor(db):
    return UserFactory(username="dana", groups=[EDITORIAL_TEAM])


def log_in_with_password(client, user):
    """The login form, as the editorial team submits it, on its way to the admin."""
    response = client.post(
        f"{reverse('account_login')}?next={reverse('wagtailadmin_home')}",
        {"login": user.email, "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    return response


def follow_to_totp_set_up(client):
    """Open the admin, which sends the team to the TOTP set-up, and follow it there."""
    response = client.get(reverse("wagtailadmin_home"))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    return client.get(response["Location"])


def test_the_editorial_team_sees_the_totp_set_up_right_after_logging_in(client, editor):
    with time_machine.travel(LOGGED_IN_AT, tick=False):
        log_in_with_password(client, editor)
        response = follow_to_totp_set_up(client)
    assert response.status_code == 200
    assert "mfa/totp/activate_form.html" in {template.name for template in response.templates}


def test_the_password_is_asked_again_once_the_login_is_no_longer_recent(client, editor):
    with time_machine.travel(LOGGED_IN_AT, tick=False):
        log_in_with_password(client, editor)
    later = LOGGED_IN_AT + datetime.timedelta(seconds=account_settings.REAUTHENTICATION_TIMEOUT + 1)
    with time_machine.travel(later, tick=False):
        response = follow_to_totp_set_up(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
