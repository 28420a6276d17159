"""Wagtail's editing features keep working for the knowledge base's page types."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ArticlePageFactory, partner_page

pytestmark = pytest.mark.django_db


def test_the_editorial_team_compares_two_revisions(client, editorial_user, library):
    article = ArticlePageFactory(title="Erste Fassung")
    first = article.latest_revision
    article.title = "Zweite Fassung"
    second = article.save_revision()
    client.force_login(editorial_user)
    url = reverse("wagtailadmin_pages:revisions_compare", args=[article.pk, first.pk, second.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert "Zweite Fassung" in response.content.decode()


def schedule(article, title, when):
    article.title = title
    revision = article.save_revision()
    revision.approved_go_live_at = when
    revision.save()


def test_a_scheduled_change_goes_live_when_it_is_due(library):
    from django.core.management import call_command

    article = ArticlePageFactory(title="Alt")
    schedule(article, "Neu", timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.title == "Neu"


def test_a_scheduled_change_waits_until_it_is_due(library):
    from django.core.management import call_command

    article = ArticlePageFactory(title="Alt")
    schedule(article, "Neu", timezone.now() + datetime.timedelta(days=1))
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.title == "Alt"


@pytest.mark.parametrize("model", ["articlepage", "projectpage"])
def test_a_section_editor_opens_the_add_form_in_their_section(client, duelmen_editor, model):
    client.force_login(duelmen_editor)
    url = reverse("wagtailadmin_pages:add", args=["kb", model, partner_page("duelmen").pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="title"' in response.content.decode()


def test_the_editorial_team_opens_the_topic_snippets(client, editorial_user, mobility):
    client.force_login(editorial_user)
    response = client.get(reverse("wagtailsnippets_kb_topic:list"))
    assert response.status_code == 200
    assert "Mobilität" in response.content.decode()
