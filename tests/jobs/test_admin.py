"""The editorial team sees in the admin what the scheduler did and will do."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from jobs.runner import run_due_jobs
from jobs.schedule import JOBS_BY_NAME
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_editorial_team_sees_every_scheduled_job(client, editorial_user):
    client.force_login(editorial_user)
    content = client.get(reverse("jobs_scheduled")).content.decode()
    assert all(
        name in content
        for name in ["publish_scheduled", "forum_digest", "send_review_reminders", "check_links"]
    )


def test_the_editorial_team_sees_a_jobs_last_result(client, editorial_user, only_jobs):
    only_jobs(JOBS_BY_NAME["publish_scheduled"])
    run_due_jobs()
    client.force_login(editorial_user)
    content = client.get(reverse("jobs_scheduled")).content.decode()
    assert "0 scheduled revision(s) published." in content


def test_the_page_is_called_geplante_aufgaben_in_german(client, editorial_user):
    client.force_login(editorial_user)
    assert "Geplante Aufgaben" in client.get(reverse("jobs_scheduled")).content.decode()


def test_a_member_is_refused_the_scheduled_jobs(member_client):
    response = member_client.get(reverse("jobs_scheduled"))
    assert "publish_scheduled" not in response.content.decode()


def test_an_admin_user_outside_the_editorial_team_is_sent_back_to_the_dashboard(client):
    moderator = UserFactory(username="mod")
    moderator.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(moderator)
    response = client.get(reverse("jobs_scheduled"))
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
