"""Plone-style local roles: each partner's editors work in their own section only."""

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from tests.factories import ArticlePageFactory, partner_page

pytestmark = pytest.mark.django_db


def test_a_duelmen_editor_may_add_pages_in_the_duelmen_section(duelmen_editor):
    assert partner_page("duelmen").permissions_for_user(duelmen_editor).can_add_subpage()


def test_a_duelmen_editor_cannot_add_pages_in_the_olfen_section(duelmen_editor):
    assert not partner_page("olfen").permissions_for_user(duelmen_editor).can_add_subpage()


def test_a_duelmen_editor_may_edit_a_duelmen_article(duelmen_editor):
    article = ArticlePageFactory(partner="duelmen")
    assert article.permissions_for_user(duelmen_editor).can_edit()


def test_a_duelmen_editor_cannot_edit_an_olfen_article(duelmen_editor):
    article = ArticlePageFactory(partner="olfen")
    assert not article.permissions_for_user(duelmen_editor).can_edit()


def test_a_duelmen_editor_cannot_publish_even_a_duelmen_article(duelmen_editor):
    article = ArticlePageFactory(partner="duelmen")
    assert not article.permissions_for_user(duelmen_editor).can_publish()


def test_a_duelmen_editor_cannot_publish_an_olfen_article(duelmen_editor):
    article = ArticlePageFactory(partner="olfen")
    assert not article.permissions_for_user(duelmen_editor).can_publish()


def test_the_editorial_team_may_publish_in_every_section(editorial_user, library):
    for slug in ("duelmen", "olfen"):
        article = ArticlePageFactory(partner=slug)
        assert article.permissions_for_user(editorial_user).can_publish()


def test_posting_an_edit_to_an_olfen_article_as_a_duelmen_editor_changes_nothing(
    client, duelmen_editor
):
    article = ArticlePageFactory(partner="olfen", title="Original")
    client.force_login(duelmen_editor)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[article.pk]), {"title": "Geändert"}
    )
    assert response.status_code in (302, 403)
    article.refresh_from_db()
    assert article.title == "Original"
    assert article.latest_revision.content["title"] == "Original"


def test_every_knowledge_page_goes_through_the_editorial_review(library):
    article = ArticlePageFactory(partner="duelmen")
    assert article.get_workflow() == Workflow.objects.get(name="Redaktionelle Prüfung")


def test_submitted_pages_are_published_when_the_editorial_team_approves(
    duelmen_editor, editorial_user
):
    article = ArticlePageFactory(partner="duelmen")
    article.title = "Neue Fassung"
    article.save_revision(user=duelmen_editor)
    state = article.get_workflow().start(article, duelmen_editor)
    assert state.current_task_state.task.specific.user_can_access_editor(article, editorial_user)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editorial_user, "approve")
    article.refresh_from_db()
    assert article.live and article.title == "Neue Fassung"


def test_a_section_editor_cannot_approve_the_review(duelmen_editor):
    article = ArticlePageFactory(partner="duelmen")
    article.save_revision(user=duelmen_editor)
    state = article.get_workflow().start(article, duelmen_editor)
    actions = state.current_task_state.task.specific.get_actions(article, duelmen_editor)
    assert "approve" not in [name for name, *_rest in actions]


def test_a_new_partner_section_grants_its_editors_their_rights(library):
    from kb.models import PartnerIndexPage, PartnerPage
    from partners.models import Partner

    partner = Partner.objects.create(name="Musterstadt", slug="musterstadt", kind="stadt")
    section = PartnerPage(title="Musterstadt", slug="musterstadt", partner=partner)
    PartnerIndexPage.objects.get(slug="partner").add_child(instance=section)
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Redaktion Musterstadt")
    assert group.page_permissions.filter(page=section, permission__codename="add_page").exists()
