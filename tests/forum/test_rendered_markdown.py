"""Readers of mails and of the moderation queue see a post as it reads in the forum, not its
Markdown source: plain text without syntax, and the sanitised HTML in the mail's HTML part."""

import pytest
from django.core import mail
from django.urls import reverse

from forum.choices import FlagReason
from forum.forms_moderation import ReplyChoiceField
from forum.models import Post
from forum.moderation import flag_post
from forum.posting import start_thread
from partners.roles import MODERATORS
from tests.factories import UserFactory
from tests.forum.notification_helpers import answer

pytestmark = pytest.mark.django_db

SOURCE = (
    "@olaf Der **Glasfaser**-Ausbau läuft.\n\n"
    "```\nbandbreite = 1000\n```\n\n"
    "<script>alert(1)</script>"
)


@pytest.fixture
def olaf(db):
    return UserFactory(username="olaf", partner_slug="olfen")


@pytest.fixture
def thread(members_only, olaf):
    return start_thread(category=members_only, author=olaf, title="Ausbau", source="Wie weit?")


@pytest.fixture
def mailed(thread, olaf):
    """The mail Olaf gets about a reply in Markdown."""
    answer(thread, UserFactory(username="paula"), SOURCE)
    (message,) = [m for m in mail.outbox if m.to == [olaf.email]]
    return message


def html_part(message) -> str:
    (html,) = [content for content, kind in message.alternatives if kind == "text/html"]
    return html


def test_the_plain_text_of_a_notification_mail_has_no_markdown_syntax(mailed):
    assert "Glasfaser-Ausbau läuft." in mailed.body
    assert "bandbreite = 1000" in mailed.body
    assert "**" not in mailed.body
    assert "```" not in mailed.body


def test_the_html_part_of_a_notification_mail_shows_the_rendered_post(mailed):
    html = html_part(mailed)
    assert "<strong>Glasfaser</strong>" in html
    assert "<pre><code>bandbreite = 1000" in html


def test_the_html_part_of_a_notification_mail_carries_no_script(mailed):
    assert "<script" not in html_part(mailed)


def test_links_in_the_html_part_are_absolute(mailed):
    html = html_part(mailed)
    assert 'class="mention"' in html
    assert 'href="/' not in html


def test_the_moderation_queue_shows_a_flagged_post_without_markdown_syntax(client, thread, olaf):
    post = answer(thread, UserFactory(username="paula"), SOURCE)
    flag_post(post, olaf, FlagReason.SPAM)
    client.force_login(UserFactory(username="mod", partner_slug="coesfeld", groups=[MODERATORS]))
    page = client.get(reverse("forum:moderation_queue")).content.decode()
    assert "Glasfaser-Ausbau läuft." in page
    assert "**Glasfaser**" not in page
    assert "```" not in page


def test_the_flag_form_quotes_the_post_without_markdown_syntax(client, thread, olaf):
    post = answer(thread, UserFactory(username="paula"), SOURCE)
    client.force_login(olaf)
    page = client.get(reverse("forum:flag_post", kwargs={"pk": post.pk})).content.decode()
    assert "Glasfaser-Ausbau läuft." in page
    assert "**Glasfaser**" not in page


def test_the_split_form_names_replies_without_markdown_syntax(thread):
    post = answer(thread, UserFactory(username="paula"), SOURCE)
    label = ReplyChoiceField(queryset=Post.objects.all()).label_from_instance(post)
    assert "Glasfaser-Ausbau läuft." in label
    assert "**" not in label
