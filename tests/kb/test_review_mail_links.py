"""The library's mails to page owners link the public address and speak the recipient's
language (theme.translation.mail_language, the rule the forum's mails follow)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import include, path, resolve, reverse
from django.utils import translation
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.users.models import UserProfile

from config import urls as site_urls
from kb.reviews import send_review_digests
from tests.factories import ArticlePageFactory, ProjectPageFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://wissensnetz.example.de"

# The site's URLs with the admin moved: a link written by hand would miss it.
urlpatterns = [
    path("verwaltung/", include(wagtailadmin_urls)),
    *[pattern for pattern in site_urls.urlpatterns if "admin/" not in str(pattern.pattern)],
]


@pytest.fixture
def owner(settings, library):
    settings.SITE_BASE_URL = BASE
    return UserFactory(username="jana", partner_slug="duelmen")


@pytest.fixture
def overdue_page(owner):
    return ArticlePageFactory(
        title="Digitale Bauakte", owner=owner, last_reviewed=datetime.date(2020, 1, 1)
    )


def reads_english(user) -> None:
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": "en"})


def digest():
    mail.outbox.clear()
    send_review_digests()
    (message,) = mail.outbox
    return message


@pytest.mark.urls(__name__)
def test_the_review_digest_links_each_page_to_its_editor_on_the_public_address(overdue_page):
    (link,) = re.findall(r"https?://\S+", digest().body)
    match = resolve(urlsplit(link).path)
    assert link.startswith(BASE + "/verwaltung/")
    assert (match.view_name, *match.kwargs.values()) == ("wagtailadmin_pages:edit", overdue_page.pk)


def test_the_review_digest_is_in_english_for_a_recipient_who_reads_english(owner, overdue_page):
    reads_english(owner)
    assert digest().subject == "1 page is due for review"


def test_the_reuse_mail_is_in_english_for_a_contact_who_reads_english(owner, client):
    project = ProjectPageFactory(title="Bürgerbus-App", partner="duelmen", contact=owner.profile)
    reads_english(owner)
    client.force_login(UserFactory(username="olga", partner_slug="olfen"))
    with translation.override("de"):
        url = reverse("kb:reuse", kwargs={"page_id": project.pk})
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(url, {"stage": "geplant"})
    (message,) = mail.outbox
    assert message.subject.endswith("reuses “Bürgerbus-App”")
