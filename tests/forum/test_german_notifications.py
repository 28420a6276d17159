"""What a member receives is in their language: every kind of notification, as listed under
the bell and as mailed, and every other mail the site sends. The check reads the text the
person gets, not the catalogue: a sentence missing from the .po, or hidden from extraction,
reaches the German reader in English and fails here."""

import datetime
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from wagtail.users.models import UserProfile

from forum import notifications
from forum.choices import NotificationKind
from forum.mail import send_daily_digests, send_notification_mails
from forum.models import ForumSettings, Notification
from forum.posting import reply, start_thread
from kb.reviews import send_review_digests
from partners.roles import MODERATORS
from tests.factories import ArticlePageFactory, ProjectPageFactory, UserFactory
from theme.feedback import mail_feedback
from theme.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

ENGLISH = re.compile(
    r"\b(you|your|the|and|of|to|is|was|were|has|have|this|that|with|for|from|here|hello|"
    r"dear|click|please|wrote|mentioned|replied|started|marked|answer|question|thread|"
    r"watch|moderators?|decision|flagged|asks|join|accepted|working|unsubscribe|settings|"
    r"notifications?|receive|because|stop|emails?|review|due|reuse|declared|stage|reason|"
    r"read|new|someone|password|reset|confirm|address|verify|thanks?|message)\b",
    re.IGNORECASE,
)
GERMAN = re.compile(
    r"\b(Sie|Ihre?[mnrs]?|hat|haben|wurden?|und|der|die|das|einen?|Beitrag|Thema|Hallo|"
    r"Antwort|Frage|Lösung|Grund|Einstellungen|Benachrichtigungen|erwähnt)\b"
)
# Addresses and links carry names and random tokens, not language.
NOT_LANGUAGE = re.compile(r"https?://\S+|\S+@\S+")
# The names the scenario gives its people, places and threads are German or neutral.
THREAD_TITLE = "Glasfaser im Außenbereich"
GROUP_NAME = "Arbeitskreis Sicherheit"
MODERATION_NOTE = "Persönliche Daten entfernt"


def words(text: str) -> str:
    return " ".join(NOT_LANGUAGE.sub(" ", strip_tags(text)).split())


def english_in(text: str) -> list[str]:
    return ENGLISH.findall(words(text))


def german_in(text: str) -> list[str]:
    return GERMAN.findall(words(text))


def mail_text(message) -> str:
    """Subject, plain text and every alternative of a mail, as its reader sees them."""
    alternatives = [str(content) for content, _type in getattr(message, "alternatives", [])]
    return "\n".join([message.subject, message.body, *alternatives])


def committed(function, *args, **kwargs):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return function(*args, **kwargs)


@pytest.fixture
def scene(members_only):
    """A thread with a reply, and a reader who is told of it in each possible way."""
    author = UserFactory(username="mara.mitglied", partner_slug="olfen")
    reader = UserFactory(username="olaf", partner_slug="olfen")
    thread = committed(
        start_thread,
        category=members_only,
        author=reader,
        title=THREAD_TITLE,
        source="Wie kommen **Glasfaser**-Anschlüsse auf die Höfe?",
    )
    post = committed(reply, thread, author, "Mit einem **Förderprogramm**:\n\n```\nGigabit\n```")
    Notification.objects.all().delete()
    mail.outbox.clear()
    return {"author": author, "reader": reader, "thread": thread, "post": post}


def notification_of(kind, scene, **fields) -> Notification:
    group_kinds = (NotificationKind.JOIN_REQUEST, NotificationKind.JOINED)
    defaults = {
        "recipient": scene["reader"],
        "kind": kind,
        "actor": scene["author"],
        "thread": None if kind in group_kinds else scene["thread"],
        "post": None if kind in group_kinds else scene["post"],
        "note": GROUP_NAME
        if kind in group_kinds
        else MODERATION_NOTE
        if kind == NotificationKind.MODERATION
        else "",
    }
    return Notification.objects.create(**{**defaults, **fields})


def every_notification(scene) -> list[Notification]:
    made = [notification_of(kind, scene) for kind in NotificationKind.values]
    made.append(notification_of(NotificationKind.MODERATION, scene, thread=None, post=None))
    return made


def reading_in(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


# -- notifications as listed and described ---------------------------------------------------


def test_every_kind_of_notification_is_described_in_german(scene):
    with translation.override("de"):
        sentences = [notifications.describe(n) for n in every_notification(scene)]
    assert [(s, english_in(s)) for s in sentences if english_in(s)] == []


def test_every_kind_of_notification_is_described_in_english(scene):
    with translation.override("en"):
        sentences = [notifications.describe(n) for n in every_notification(scene)]
    assert [(s, german_in(s)) for s in sentences if german_in(s)] == []


def test_the_notification_list_reads_in_german(client, scene):
    every_notification(scene)
    client.force_login(scene["reader"])
    with translation.override("de"):
        page = client.get(reverse("forum:notifications")).content.decode()
    listed = page[page.index('<ol class="notification-list">') : page.index("</ol>")]
    assert THREAD_TITLE in listed
    assert english_in(listed) == []


# -- notification mails -----------------------------------------------------------------------


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_kind_of_notification_mail_is_in_the_readers_language(scene, language):
    reading_in(scene["reader"], language)
    made = every_notification(scene)
    send_notification_mails.call([n.pk for n in made])
    texts = [mail_text(message) for message in mail.outbox]
    assert len(texts) == len(made)
    foreign = english_in if language == "de" else german_in
    assert [(text, foreign(text)) for text in texts if foreign(text)] == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_daily_digest_is_in_the_readers_language(scene, language):
    reading_in(scene["reader"], language)
    ForumSettings.objects.create(user=scene["reader"], email_mode="daily")
    every_notification(scene)
    assert send_daily_digests() == 1
    (message,) = mail.outbox
    foreign = english_in if language == "de" else german_in
    assert foreign(mail_text(message)) == []


def test_an_unanswered_question_reminder_mail_is_in_german(scene, settings):
    moderator = UserFactory(username="mod", partner_slug="coesfeld", groups=[MODERATORS])
    question = committed(
        start_thread,
        category=scene["thread"].category,
        author=scene["author"],
        title="Welche Förderung passt?",
        source="Kennt jemand ein Programm?",
        is_question=True,
    )
    mail.outbox.clear()
    later = timezone.now() + timedelta(days=settings.FORUM_UNANSWERED_AFTER_DAYS + 1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert notifications.remind_unanswered(now=later) >= 1
    (message,) = [m for m in mail.outbox if m.to == [moderator.email]]
    assert question.title in message.body
    assert english_in(mail_text(message)) == []


# -- the site's other mails ------------------------------------------------------------------


def test_the_review_reminder_mail_is_in_german(library):
    owner = UserFactory(username="jana", partner_slug="duelmen")
    ArticlePageFactory(
        title="Digitale Bauakte", owner=owner, last_reviewed=datetime.date(2020, 1, 1)
    )
    mail.outbox.clear()
    assert send_review_digests() == 1
    (message,) = mail.outbox
    assert english_in(mail_text(message)) == []


def test_the_reuse_declaration_mail_is_in_german(client, library):
    contact = UserFactory(username="jana", partner_slug="duelmen")
    project = ProjectPageFactory(title="Bürgerbus-App", partner="duelmen", contact=contact.profile)
    client.force_login(UserFactory(username="olaf", partner_slug="olfen"))
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("kb:reuse", kwargs={"page_id": project.pk}), {"stage": "geplant"})
    (message,) = mail.outbox
    assert "Bürgerbus-App" in message.body
    assert english_in(mail_text(message)) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_accessibility_feedback_mails_are_in_german_and_confirmed_in_the_senders_language(
    language,
):
    feedback = AccessibilityFeedback.objects.create(
        email="erika@example.org", message="Barriere im Formular", language=language
    )
    mail.outbox.clear()
    mail_feedback(feedback, "barrierefreiheit@kreis-coesfeld.de")
    operator, confirmation = mail.outbox
    assert english_in(mail_text(operator)) == []
    foreign = english_in if language == "de" else german_in
    assert foreign(mail_text(confirmation)) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_account_mails_are_in_the_language_of_the_page_they_were_asked_for_on(
    client, member, language
):
    with translation.override(language):
        signup, reset = reverse("account_signup"), reverse("account_reset_password")
    password = "ein-langes-passwort-42"
    client.post(
        signup,
        {
            "email": "neu@duelmen.de",
            "display_name": "Neu",
            "password1": password,
            "password2": password,
        },
    )
    client.post(reset, {"email": member.email})
    assert len(mail.outbox) == 2
    foreign = english_in if language == "de" else german_in
    assert [(m.subject, foreign(mail_text(m))) for m in mail.outbox if foreign(mail_text(m))] == []


# -- the catalogue -----------------------------------------------------------------------------


def notification_sentences() -> list[str]:
    lazy = [*notifications.SENTENCES.values(), notifications.MODERATION_WITHOUT_THREAD]
    labels = [label for _value, label in NotificationKind.choices]
    with translation.override(None):
        return [str(text) for text in [*lazy, *labels]]


def test_every_notification_sentence_has_a_german_translation_in_the_catalogue():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "forum/locale/de/LC_MESSAGES/django.po"))
    translated = {entry.msgid for entry in catalogue.translated_entries()}
    assert [s for s in notification_sentences() if s not in translated] == []


@pytest.mark.parametrize("app", ["forum", "kb"])
def test_the_german_catalogue_leaves_nothing_untranslated(app):
    path = Path(settings.BASE_DIR) / app / "locale/de/LC_MESSAGES/django.po"
    catalogue = polib.pofile(str(path))
    missing = catalogue.untranslated_entries() + catalogue.fuzzy_entries()
    assert [entry.msgid for entry in missing] == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_makemessages_finds_every_notification_sentence():
    # The keywords Django's makemessages passes to xgettext for Python files.
    keywords = [
        "gettext_noop",
        "gettext_lazy",
        "ngettext_lazy:1,2",
        "pgettext:1c,2",
        "npgettext:1c,2,3",
        "pgettext_lazy:1c,2",
        "npgettext_lazy:1c,2,3",
    ]
    forum = Path(settings.BASE_DIR) / "forum"
    sources = [forum / "notifications.py", forum / "choices.py"]
    # Fixed arguments and the project's own files: nothing untrusted reaches the command.
    extracted = subprocess.run(  # noqa: S603
        [
            shutil.which("xgettext"),
            "--language=Python",
            "--from-code=UTF-8",
            *[f"--keyword={keyword}" for keyword in keywords],
            "--output=-",
            *map(str, sources),
        ],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    found = {entry.msgid for entry in polib.pofile(extracted)}
    assert [s for s in notification_sentences() if s not in found] == []
