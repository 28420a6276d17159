import pytest
from django.core import mail
from django.urls import reverse

from kb.models import Reuse
from tests.factories import ProjectPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(library):
    contact = UserFactory(username="jana", partner_slug="duelmen")
    return ProjectPageFactory(title="Bürgerbus-App", partner="duelmen", contact=contact.profile)


@pytest.fixture
def declare(client, django_capture_on_commit_callbacks):
    def post(user, page, **data):
        client.force_login(user)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(reverse("kb:reuse", kwargs={"page_id": page.pk}), data, follow=True)

    return post


def test_a_member_of_another_partner_declares_reuse(declare, project, olfen_member):
    declare(olfen_member, project, stage="geplant", note="Start im Frühjahr")
    reuse = Reuse.objects.get()
    assert (reuse.partner.slug, reuse.stage, reuse.note) == (
        "olfen",
        "geplant",
        "Start im Frühjahr",
    )


def test_the_contact_person_is_told_of_a_new_declaration(declare, project, olfen_member):
    declare(olfen_member, project, stage="geplant")
    assert mail.outbox[0].to == [project.contact.user.email]
    assert "Olfen" in mail.outbox[0].subject


def test_updating_the_stage_keeps_one_declaration_and_tells_the_contact(
    declare, project, olfen_member
):
    declare(olfen_member, project, stage="geplant")
    declare(olfen_member, project, stage="produktiv")
    assert Reuse.objects.get().stage == "produktiv"
    assert len(mail.outbox) == 2


def test_sending_the_same_declaration_twice_changes_nothing(declare, project, olfen_member):
    declare(olfen_member, project, stage="geplant", note="x")
    declare(olfen_member, project, stage="geplant", note="x")
    assert Reuse.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_owning_partner_cannot_declare_reuse_of_its_own_project(declare, project):
    duelmen_member = UserFactory(username="dora", partner_slug="duelmen")
    response = declare(duelmen_member, project, stage="geplant")
    assert not Reuse.objects.exists()
    assert "anderer Partner" in response.content.decode()


def test_an_unknown_stage_is_refused_with_a_message(declare, project, olfen_member):
    response = declare(olfen_member, project, stage="<script>")
    assert not Reuse.objects.exists()
    assert "Bitte wählen Sie einen Stand" in response.content.decode()


def test_visitors_are_sent_to_log_in(client, project):
    response = client.post(
        reverse("kb:reuse", kwargs={"page_id": project.pk}), {"stage": "geplant"}
    )
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not Reuse.objects.exists()


def test_reuse_cannot_be_declared_on_a_page_the_member_may_not_see(declare, project, olfen_member):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=project, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([])
    response = declare(olfen_member, project, stage="geplant")
    assert response.status_code == 404


def test_the_project_page_shows_the_reuse_table_for_all_twelve_partners(
    client, project, olfen_member
):
    Reuse.objects.create(page=project, partner=olfen_member.profile.partner, stage="umsetzung")
    content = client.get(project.url).content.decode()
    assert content.count('<th scope="row">') == 12
    assert "in Umsetzung" in content


def test_the_form_is_offered_only_to_members_of_other_partners(client, project, olfen_member):
    assert 'name="stage"' not in client.get(project.url).content.decode()
    client.force_login(olfen_member)
    assert 'name="stage"' in client.get(project.url).content.decode()
