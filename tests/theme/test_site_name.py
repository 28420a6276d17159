"""The site's name comes from SITE_NAME (and its short form from SITE_SHORT_NAME) wherever the
site names itself: page titles, the header, OpenSearch, mails, the sender and the TOTP issuer."""

import datetime
import importlib.util

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from forum.choices import Visibility
from forum.models import Category
from kb.reviews import send_review_digests
from tests.factories import ArticlePageFactory, UserFactory
from tests.forum.notification_helpers import answer, start
from theme.feedback import mail_feedback
from theme.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

NAME = "Testnetz Kreis Borken"
SHORT = "Testnetz"


@pytest.fixture(autouse=True)
def renamed(settings):
    settings.SITE_NAME = NAME
    settings.SITE_SHORT_NAME = SHORT


def localized(language: str, name: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, **kwargs)


def settings_with_environment(monkeypatch, **environment) -> dict:
    """The base settings as the module computes them from these environment variables."""
    for variable in ["SITE_NAME", "SITE_SHORT_NAME", "DEFAULT_FROM_EMAIL"]:
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    spec = importlib.util.find_spec("config.settings.base")
    # A fresh copy of the module: the one in sys.modules stays as the test run loaded it.
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


# -- pages ----------------------------------------------------------------------------------


def test_the_opensearch_description_has_the_short_name_as_its_short_name(client):
    response = client.get(localized("de", "search:opensearch"))
    assert f"<ShortName>{SHORT}</ShortName>" in response.content.decode()


def test_the_opensearch_description_names_the_site_in_german(client):
    response = client.get(localized("de", "search:opensearch"))
    assert f"<Description>{NAME} durchsuchen</Description>" in response.content.decode()


def test_the_opensearch_description_names_the_site_in_english(client):
    response = client.get(localized("en", "search:opensearch"))
    assert f"<Description>Search the {NAME}</Description>" in response.content.decode()


def test_page_titles_end_with_the_site_name(client):
    response = client.get(localized("de", "search:help"))
    assert f" – {NAME}</title>" in response.content.decode()


def test_the_opensearch_link_is_titled_with_the_site_name(client):
    response = client.get(localized("de", "search:help"))
    opensearch = localized("de", "search:opensearch")
    assert f'href="{opensearch}" title="{NAME}">' in response.content.decode()


def test_the_header_names_the_site(client):
    response = client.get(localized("de", "search:help"))
    assert f'class="site-header__name">{NAME}</a>' in response.content.decode()


def test_the_server_error_page_names_the_site_without_a_request():
    assert f"<title>Fehler – {NAME}</title>" in render_to_string("500.html")


# -- mails ----------------------------------------------------------------------------------


@pytest.fixture
def mentioned_member(member):
    category = Category.objects.create(
        slug="intern",
        name="Intern",
        visibility=Visibility.MEMBERS,
        locale=Locale.objects.get(language_code="de"),
    )
    thread = start(category, member)
    olaf = UserFactory(username="olaf", partner_slug="olfen")
    mail.outbox.clear()
    answer(thread, UserFactory(username="paula"), "Was meinen Sie, @olaf?")
    (message,) = [message for message in mail.outbox if message.to == [olaf.email]]
    return message


def test_forum_mail_subjects_begin_with_the_short_name(mentioned_member):
    assert mentioned_member.subject.startswith(f"[{SHORT}] ")


def test_forum_mails_are_signed_with_the_site_name(mentioned_member):
    assert f"-- \n{NAME}\n" in mentioned_member.body


def test_the_html_part_of_forum_mails_is_signed_with_the_site_name(mentioned_member):
    ((html, _type),) = mentioned_member.alternatives
    assert f"<small>{NAME} · " in html


def test_the_review_reminder_is_signed_with_the_site_name(library):
    owner = UserFactory(username="jana", partner_slug="duelmen")
    ArticlePageFactory(owner=owner, last_reviewed=datetime.date(2020, 1, 1))
    mail.outbox.clear()
    send_review_digests()
    (message,) = mail.outbox
    assert f"Ihr Team vom {NAME}" in message.body


def test_the_accessibility_feedback_confirmation_names_the_site():
    feedback = AccessibilityFeedback.objects.create(
        email="erika@example.org", page_url="/de/", message="Barriere", language="de"
    )
    mail_feedback(feedback, "barrierefreiheit@kreis-coesfeld.de")
    (confirmation,) = [message for message in mail.outbox if message.to == ["erika@example.org"]]
    assert f"Barriere im {NAME}." in confirmation.body
    assert f"Ihr Team vom {NAME}" in confirmation.body


# -- settings derived from the name ---------------------------------------------------------


def test_the_totp_issuer_is_the_site_name(monkeypatch):
    assert settings_with_environment(monkeypatch, SITE_NAME=NAME)["MFA_TOTP_ISSUER"] == NAME


def test_the_sender_is_named_after_the_site(monkeypatch):
    computed = settings_with_environment(monkeypatch, SITE_NAME=NAME)
    assert computed["DEFAULT_FROM_EMAIL"] == f"{NAME} <wissensnetz@kreis-coesfeld.de>"


def test_the_short_name_is_the_first_word_of_the_name_unless_set(monkeypatch):
    assert settings_with_environment(monkeypatch, SITE_NAME=NAME)["SITE_SHORT_NAME"] == SHORT


def test_account_mail_subjects_begin_with_the_short_name(monkeypatch):
    computed = settings_with_environment(monkeypatch, SITE_NAME=NAME)
    assert computed["ACCOUNT_EMAIL_SUBJECT_PREFIX"] == f"[{SHORT}] "
