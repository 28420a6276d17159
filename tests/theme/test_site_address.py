"""One public address and name (SITE_BASE_URL, SITE_NAME) for every link and name the site
sends out: mails, feeds, the sitemap, robots.txt and the OpenSearch description."""

import datetime
import re

import pytest
from django.apps import apps
from django.contrib.sites.models import Site as DjangoSite
from django.core import mail
from django.db.models.signals import post_migrate
from django.test import TestCase
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail.models import Site as WagtailSite

from forum.choices import EmailMode, Visibility
from forum.mail import send_daily_digests
from forum.models import Category, ForumSettings
from forum.posting import reply, start_thread
from kb.reviews import send_review_digests
from tests.config.test_settings import PRODUCTION_ENVIRONMENT, run_manage
from tests.factories import ArticlePageFactory, ProjectPageFactory, UserFactory, home_page
from theme.feedback import mail_feedback
from theme.models import AccessibilityFeedback
from theme.site_address import keep_site_records_in_step

pytestmark = pytest.mark.django_db

BASE = "https://wissensnetz.example.de"
NAME = "Wissensnetz Testkreis"
# XML namespaces and document types name specifications, not places on the site.
NAMESPACE = re.compile(r'(xmlns(:\w+)?="[^"]*"|<!DOCTYPE[^>]*>)')
ABSOLUTE_URL = re.compile(r"https?://[^\s\"'<>)\]]+")


def absolute_urls(text: str) -> list[str]:
    return ABSOLUTE_URL.findall(NAMESPACE.sub("", text))


def off_site(text: str) -> list[str]:
    return [url for url in absolute_urls(text) if not url.startswith(BASE + "/")]


def mail_texts(message) -> str:
    alternatives = [content for content, _type in getattr(message, "alternatives", [])]
    headers = [str(value) for value in message.extra_headers.values()]
    return "\n".join([message.subject, message.body, *map(str, alternatives), *headers])


@pytest.fixture
def public_address(settings):
    """The settings changed, the site records not yet in step: links and names must come
    from the settings, not from a record that may lag behind them."""
    settings.SITE_BASE_URL = BASE
    settings.SITE_NAME = NAME


def committed(function, *args, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


def send_every_mail(client, library, member):
    """Make the site send each kind of mail it has; returns them."""
    mail.outbox.clear()
    with translation.override("de"):
        signup, reset = reverse("account_signup"), reverse("account_reset_password")
    client.post(
        signup,
        {
            "email": "neu@duelmen.de",
            "display_name": "Neu",
            "password1": "ein-langes-passwort-42",
            "password2": "ein-langes-passwort-42",
        },
    )
    client.post(reset, {"email": member.email})

    category = Category.objects.create(
        slug="intern",
        name="Intern",
        visibility=Visibility.MEMBERS,
        locale=Locale.objects.get(language_code="de"),
    )
    olaf = UserFactory(username="olaf", partner_slug="olfen")
    dora = UserFactory(username="dora", partner_slug="olfen")
    ForumSettings.objects.create(user=dora, email_mode=EmailMode.DAILY)
    thread = committed(
        start_thread, category=category, author=member, title="Anträge", source="Erster Beitrag"
    )
    committed(reply, thread, UserFactory(username="paula"), "Was meinen Sie, @olaf und @dora?")
    send_daily_digests()

    contact = UserFactory(username="jana", partner_slug="duelmen")
    project = ProjectPageFactory(title="Bürgerbus-App", partner="duelmen", contact=contact.profile)
    client.force_login(olaf)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("kb:reuse", kwargs={"page_id": project.pk}), {"stage": "geplant"})

    ArticlePageFactory(owner=contact, last_reviewed=datetime.date(2020, 1, 1))
    send_review_digests()

    feedback = AccessibilityFeedback.objects.create(
        email="erika@example.org", page_url=BASE + "/de/", message="Barriere", language="de"
    )
    mail_feedback(feedback, "barrierefreiheit@kreis-coesfeld.de")
    return list(mail.outbox)


def test_every_link_in_every_mail_is_on_the_public_address(public_address, client, library, member):
    messages = send_every_mail(client, library, member)
    subjects = " | ".join(message.subject for message in messages)
    for kind in ["bestätigen", "Passwort", "erwähnt", "Benachrichtigung", "nutzt", "geprüft"]:
        assert kind.lower() in subjects.lower(), subjects
    assert sum(len(absolute_urls(mail_texts(message))) for message in messages) >= len(messages)
    assert [off_site(mail_texts(message)) for message in messages] == [[]] * len(messages)


def test_allauth_mails_greet_with_the_site_name(public_address, client, library, member):
    with translation.override("de"):
        client.post(reverse("account_reset_password"), {"email": member.email})
    (message,) = mail.outbox
    assert f"Hallo von {NAME}!" in message.body


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_link_in_a_feed_is_on_the_public_address(public_address, client, library, kind):
    ArticlePageFactory(title="Öffentlicher Beitrag", partner="olfen")
    with translation.override("de"):
        content = client.get(reverse("kb:library_feed", kwargs={"kind": kind})).content.decode()
    assert "Öffentlicher Beitrag" in content
    assert absolute_urls(content)
    assert off_site(content) == []


def test_a_feed_is_titled_with_the_site_name(public_address, client, library):
    with translation.override("de"):
        content = client.get(reverse("kb:library_feed", kwargs={"kind": "rss"})).content.decode()
    assert f"<title>{NAME}: Wissensbibliothek</title>" in content


@pytest.mark.parametrize(
    "path",
    ["/sitemap.xml", "/robots.txt", "opensearch"],
    ids=["sitemap", "robots.txt", "opensearch"],
)
def test_every_link_a_crawler_reads_is_on_the_public_address(public_address, client, library, path):
    if path == "opensearch":
        with translation.override("de"):
            path = reverse("search:opensearch")
    content = client.get(path).content.decode()
    assert absolute_urls(content)
    assert off_site(content) == []


def test_the_site_records_follow_the_settings(public_address):
    keep_site_records_in_step()
    django_site = DjangoSite.objects.get_current()
    wagtail_site = WagtailSite.objects.get(is_default_site=True)
    assert (django_site.domain, django_site.name) == ("wissensnetz.example.de", NAME)
    assert (wagtail_site.root_url, wagtail_site.site_name) == (BASE, NAME)


def test_migrating_brings_the_site_records_in_step(public_address):
    theme = apps.get_app_config("theme")
    post_migrate.send(
        sender=theme, app_config=theme, verbosity=0, interactive=False, using="default"
    )
    assert WagtailSite.objects.get(is_default_site=True).root_url == BASE


def test_pages_know_their_public_address_once_the_records_follow(public_address):
    keep_site_records_in_step()
    assert home_page().full_url.startswith(BASE + "/")


def test_keeping_the_records_in_step_twice_changes_nothing(public_address):
    keep_site_records_in_step()
    before = list(WagtailSite.objects.values()), list(DjangoSite.objects.values())
    keep_site_records_in_step()
    assert (list(WagtailSite.objects.values()), list(DjangoSite.objects.values())) == before


def test_production_takes_the_address_from_the_first_allowed_host():
    script = (
        "from django.conf import settings; "
        "print(settings.SITE_BASE_URL, settings.WAGTAILADMIN_BASE_URL)"
    )
    environment = {**PRODUCTION_ENVIRONMENT, "ALLOWED_HOSTS": "wissensnetz.de,www.wissensnetz.de"}
    result = run_manage("shell", "-c", script, environment=environment)
    assert result.stdout.split()[-2:] == ["https://wissensnetz.de"] * 2, result.stderr


def test_production_with_a_wildcard_host_refuses_to_start_without_an_address():
    environment = {**PRODUCTION_ENVIRONMENT, "ALLOWED_HOSTS": ".kreis-coesfeld.de"}
    result = run_manage("check", environment=environment)
    assert result.returncode != 0
    assert "SITE_BASE_URL must be set" in result.stderr
