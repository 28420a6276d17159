"""Listings under nested view restrictions: a page is listed when every restriction on it
or an ancestor admits the reader (issue 14)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import PageViewRestriction

from kb import visibility
from kb.models import KnowledgePage
from tests.factories import ArticlePageFactory, UserFactory
from tests.kb.nesting import TITLE, nested_group_restrictions, restrict

pytestmark = pytest.mark.django_db


def library_titles(client, library, user):
    client.force_login(user)
    response = client.get(library[0].url)
    return [entry.title for entry in response.context["library"].page.object_list]


def test_a_reader_in_one_group_of_each_nested_restriction_sees_the_page_in_the_library(
    client, library
):
    nested = nested_group_restrictions()
    assert library_titles(client, library, nested.reader("anna", 1, 3)) == [TITLE]


def test_a_reader_the_inner_restriction_keeps_out_does_not_see_the_page_in_the_library(
    client, library
):
    nested = nested_group_restrictions()
    assert library_titles(client, library, nested.reader("anna", 1)) == []


def test_a_restriction_whose_groups_include_anothers_adds_nothing_to_the_rule(library):
    nested = nested_group_restrictions()
    restrict(nested.page, groups=[nested.one, nested.two, nested.three])
    assert visibility.page_access(nested.page).group_sets == (
        frozenset({nested.one.pk, nested.two.pk}),
        frozenset({nested.two.pk, nested.three.pk}),
    )


def test_a_superuser_passes_group_restrictions_but_not_a_password(library):
    nested = nested_group_restrictions()
    hidden = ArticlePageFactory(title="Geheim")
    restrict(hidden, PageViewRestriction.PASSWORD)
    admin = UserFactory(username="root", is_superuser=True)
    visible = visibility.visible_to(KnowledgePage.objects.all(), admin)
    assert list(visible.values_list("title", flat=True)) == [nested.page.title]


def test_a_page_for_groups_is_hidden_from_visitors(library):
    nested = nested_group_restrictions()
    assert not visibility.is_visible_to(nested.page, AnonymousUser())


def test_giving_a_restriction_other_groups_shows_the_page_to_their_members_at_once(library):
    nested = nested_group_restrictions()
    page = ArticlePageFactory(title="Handreichung E-Akte")
    restriction = restrict(page, groups=[nested.one])
    reader = nested.reader("anna", 2)
    assert not visibility.is_visible_to(page, reader)
    restriction.groups.set([nested.two])
    assert visibility.is_visible_to(page, reader)
