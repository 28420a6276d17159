import pytest
from django.core import mail

from tests.factories import home_page
from theme.models import AccessibilityFeedback, AccessibilityStatementPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement(db, settings):
    settings.CONTACT_EMAIL = "barrierefreiheit@kreis-coesfeld.de"
    page = AccessibilityStatementPage(
        title="Barrierefreiheit", slug="barrierefreiheit", body="<p>Erklärung</p>"
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def send(client, statement, django_capture_on_commit_callbacks):
    """Post the form and run what is queued after the commit, as in production."""

    def post(data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(statement.url, data, **kwargs)

    return post


VALID = {
    "name": "Erika Muster",
    "email": "erika@example.org",
    "page_url": "/de/",
    "message": "Das Suchfeld ist mit dem Screenreader nicht zu finden.",
}


def test_feedback_is_stored(send, statement):
    send(VALID)
    assert AccessibilityFeedback.objects.get().message == VALID["message"]


def test_feedback_is_mailed_to_the_sites_contact_address(send, statement):
    send(VALID)
    operator_mail = mail.outbox[0]
    assert operator_mail.to == ["barrierefreiheit@kreis-coesfeld.de"]
    assert VALID["message"] in operator_mail.body


def test_the_operator_can_reply_directly_to_the_sender(send, statement):
    send(VALID)
    assert mail.outbox[0].reply_to == ["erika@example.org"]


def test_the_sender_gets_a_confirmation_in_their_language(send, statement):
    send(VALID)
    confirmation = mail.outbox[1]
    assert confirmation.to == ["erika@example.org"]
    assert "sechs Wochen" in confirmation.body


def test_after_sending_the_page_thanks_the_sender(send, statement):
    response = send(VALID, follow=True)
    assert "?sent=1" in response.redirect_chain[-1][0]
    assert "sechs Wochen" in response.content.decode()


def test_feedback_without_a_message_is_refused_and_nothing_is_stored(send, statement):
    response = send({**VALID, "message": "   "})
    assert response.status_code == 200
    assert not AccessibilityFeedback.objects.exists()
    assert not mail.outbox


def test_feedback_with_an_invalid_address_is_refused(send, statement):
    response = send({**VALID, "email": "keine-adresse"})
    assert 'aria-invalid="true"' in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_feedback_is_limited_to_five_messages_an_hour_per_sender(send, statement):
    for _ in range(5):
        send(VALID)
    response = send(VALID)
    assert response.status_code == 200
    assert AccessibilityFeedback.objects.count() == 5


def test_the_site_settings_address_wins_over_the_default(send, statement):
    from theme.models import SiteSettings

    site_settings = SiteSettings.for_site(statement.get_site())
    site_settings.contact_email = "redaktion@kreis-coesfeld.de"
    site_settings.save()
    send(VALID)
    assert mail.outbox[0].to == ["redaktion@kreis-coesfeld.de"]


def test_nobody_creates_feedback_in_the_admin(client):
    from allauth.mfa.models import Authenticator
    from django.urls import reverse

    from tests.factories import UserFactory

    admin = UserFactory(username="anna", is_superuser=True)
    Authenticator.objects.create(
        user=admin, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(admin)
    assert client.get(reverse("accessibility_feedback:add")).status_code in (302, 403)
