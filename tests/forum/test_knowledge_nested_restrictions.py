"""The forum's library links and discussions follow the library's rule under nested view
restrictions (issue 14)."""

import pytest
from wagtail.models import PageViewRestriction

from forum.choices import Visibility
from forum.errors import PostingError
from forum.knowledge import check_discussable, discussion_visibility
from forum.models import Thread
from forum.posting import start_thread
from tests.factories import ArticlePageFactory, partner_page
from tests.forum.conftest import make_category
from tests.kb.nesting import nested_group_restrictions, restrict

pytestmark = pytest.mark.django_db


def thread_about(page, author):
    thread = start_thread(
        category=make_category("oeffentlich", Visibility.PUBLIC),
        author=author,
        title="Erfahrungen mit Quendrix",
        source="Wer nutzt das schon?",
    )
    Thread.objects.filter(pk=thread.pk).update(discussed_page=page)
    return thread


def test_a_reader_in_one_group_of_each_nested_restriction_sees_the_link_to_the_page(
    client, library, member
):
    nested = nested_group_restrictions()
    thread = thread_about(nested.page, member)
    client.force_login(nested.reader("anna", 1, 3))
    response = client.get(thread.get_absolute_url())
    assert f'href="{nested.page.url}"' in response.content.decode()


def test_a_reader_the_inner_restriction_keeps_out_does_not_see_the_link_to_the_page(
    client, library, member
):
    nested = nested_group_restrictions()
    thread = thread_about(nested.page, member)
    client.force_login(nested.reader("anna", 1))
    response = client.get(thread.get_absolute_url())
    assert f'href="{nested.page.url}"' not in response.content.decode()


def test_a_page_below_nested_group_restrictions_is_not_discussed_in_the_forum(library):
    nested = nested_group_restrictions()
    with pytest.raises(PostingError):
        check_discussable(nested.page)


def test_a_page_in_a_section_for_logged_in_users_is_discussed_among_members(library):
    page = ArticlePageFactory(partner="olfen")
    restrict(partner_page("olfen"), PageViewRestriction.LOGIN)
    assert discussion_visibility(page) == Visibility.MEMBERS
