"""Wagtail's editing bar is offered to those who may use the admin, and only to them."""

import pytest

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

USERBAR = "<wagtail-userbar"


def test_a_partner_editor_is_offered_the_editing_bar(client, duelmen_editor):
    page = ArticlePageFactory()
    client.force_login(duelmen_editor)
    assert USERBAR in client.get(page.url).content.decode()


def test_a_member_without_a_role_is_not_offered_the_editing_bar(member_client, library):
    page = ArticlePageFactory()
    assert USERBAR not in member_client.get(page.url).content.decode()
