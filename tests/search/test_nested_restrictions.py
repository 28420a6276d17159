"""Search under nested view restrictions gives the library's answer (issue 14): a page is
found by a reader whom every restriction on it or an ancestor admits."""

from contextlib import contextmanager

import pytest
from django.db import connection
from django.utils.html import strip_tags
from django.utils.translation import override
from wagtail.models import PageViewRestriction

from kb import visibility
from kb.models import KnowledgePage
from search import services
from tests.factories import ArticlePageFactory, UserFactory
from tests.kb.nesting import TITLE, nested_group_restrictions, restrict

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with override("de"):
        yield


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs the block as a transaction that commits, so the index refresh runs at its end
    (the test's own transaction never commits; see tests/search/test_indexing.py)."""

    @contextmanager
    def committed():
        connection.run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True):
            yield
        connection.run_on_commit.clear()

    return committed


def found(user):
    return [strip_tags(r.title) for r in services.search("Quendrix", user).page.object_list]


def test_a_reader_in_one_group_of_each_nested_restriction_finds_the_page(sections, reindex):
    nested = nested_group_restrictions()
    reindex()
    assert found(nested.reader("anna", 1, 3)) == [TITLE]


def test_a_reader_the_inner_restriction_keeps_out_does_not_find_the_page(sections, reindex):
    nested = nested_group_restrictions()
    reindex()
    assert found(nested.reader("anna", 1)) == []


@pytest.mark.parametrize(
    "groups", [(), (1,), (2,), (3,), (1, 3), (1, 2, 3)], ids=lambda g: f"groups{g}"
)
def test_search_finds_the_page_exactly_when_the_library_lists_it(sections, reindex, groups):
    nested = nested_group_restrictions()
    reindex()
    reader = nested.reader("anna", *groups)
    listed = visibility.visible_to(KnowledgePage.objects.filter(pk=nested.page.pk), reader)
    assert found(reader) == [page.title for page in listed]


def test_a_superuser_finds_a_page_whose_group_restriction_names_no_group(sections, reindex):
    page = ArticlePageFactory(title=TITLE, slug="quendrix")
    restrict(page, groups=[])
    reindex()
    assert found(UserFactory(username="root", is_superuser=True)) == [TITLE]


def test_groups_given_to_a_saved_restriction_reach_search(sections, reindex, commit):
    nested = nested_group_restrictions()
    reader = nested.reader("anna", 3)
    page = ArticlePageFactory(title="Handreichung Quendrix", slug="handreichung")
    reindex()
    with commit():
        restriction = restrict(page, PageViewRestriction.GROUPS, groups=[])
    with commit():
        restriction.groups.set([nested.three])
    assert found(reader) == ["Handreichung Quendrix"]
