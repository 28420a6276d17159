"""A suspended member declares no reuse ("Nachnutzung") for their partner."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import moderation
from kb.models import Reuse
from kb.reuse import declare_reuse
from partners.roles import MODERATORS
from partners.standing import WriteRefused
from tests.factories import ProjectPageFactory, UserFactory

pytestmark = pytest.mark.django_db

REFUSAL = "Ihr Konto ist gesperrt bis"


@pytest.fixture
def project(library):
    return ProjectPageFactory(title="Bürgerbus-App", partner="duelmen")


@pytest.fixture
def suspended(olfen_member):
    moderator = UserFactory(username="moritz", groups=[MODERATORS])
    moderation.suspend_user(olfen_member, moderator, timezone.now() + timedelta(days=3))
    return olfen_member


def test_a_suspended_member_cannot_declare_reuse(client, project, suspended):
    client.force_login(suspended)
    response = client.post(
        reverse("kb:reuse", kwargs={"page_id": project.pk}), {"stage": "geplant"}
    )
    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    assert not Reuse.objects.exists()


def test_declaring_reuse_refuses_a_suspended_member_whoever_calls_it(project, suspended):
    with pytest.raises(WriteRefused, match=REFUSAL):
        declare_reuse(project, suspended.profile.partner, suspended, "geplant", "")


def test_a_suspended_member_sees_the_reason_instead_of_the_reuse_form(client, project, suspended):
    client.force_login(suspended)
    page = client.get(project.url).content.decode()
    assert REFUSAL in page
    assert reverse("kb:reuse", kwargs={"page_id": project.pk}) not in page
