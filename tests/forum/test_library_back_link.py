import importlib
import json

import pytest
from django.apps import apps
from django.utils import translation

from forum.knowledge import library_origin, promote_thread
from forum.models import Thread
from forum.posting import start_thread
from kb.models import ArticlePage
from tests.factories import ArticlePageFactory, partner_page

from .conftest import make_category

pytestmark = pytest.mark.django_db

migration = importlib.import_module("forum.migrations.0004_library_back_link_reference")

OLD_ADDRESS = "http://127.0.0.1:8120/de/forum/thema/{pk}/"


def ask(category, author, title="Wie scannen Sie Bauakten?"):
    return start_thread(
        category=category, author=author, title=title, source="Welcher Dienstleister?"
    )


def take_in(thread, editor, publish=True):
    page = promote_thread(thread, editor, section=partner_page("duelmen"))
    if publish:
        page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


@pytest.fixture
def question(library, member, public):
    return ask(public, member)


def old_link_box(*urls):
    return {
        "type": "link_box",
        "value": {
            "title": "Die ganze Diskussion im Forum",
            "links": [{"text": "Zum Forum", "page": None, "url": url} for url in urls],
        },
    }


def test_a_thread_taken_in_leaves_no_address_in_the_article(question, editorial_user):
    page = take_in(question, editorial_user, publish=False)
    stored = json.dumps(list(page.body.raw_data)) + json.dumps(page.latest_revision.content)
    assert question.get_absolute_url() not in stored


def test_the_article_refers_to_the_thread_it_was_taken_from(question, editorial_user):
    page = take_in(question, editorial_user, publish=False)
    assert Thread.objects.get(promoted_to=page) == question


def test_the_article_links_its_thread_on_the_site_it_is_read_on(client, question, editorial_user):
    page = take_in(question, editorial_user)
    content = client.get(page.url).content.decode()
    assert f'href="{question.get_absolute_url()}"' in content


def test_the_link_follows_the_readers_language(question, editorial_user, member):
    page = take_in(question, editorial_user)
    with translation.override("en"):
        origin = library_origin(page, member)
    assert origin["url"] == f"/en/forum/thread/{question.pk}/"


def test_visitors_see_no_link_to_a_members_only_thread(client, library, member, editorial_user):
    thread = ask(make_category("intern", "members"), member)
    page = take_in(thread, editorial_user)
    assert thread.get_absolute_url() not in client.get(page.url).content.decode()


def test_a_hidden_thread_is_not_linked_for_members(question, editorial_user, member):
    page = take_in(question, editorial_user)
    Thread.objects.filter(pk=question.pk).update(hidden=True)
    assert library_origin(page, member) is None


def test_a_deleted_thread_leaves_no_link(client, question, editorial_user):
    page = take_in(question, editorial_user)
    question.delete()
    assert "/forum/thema/" not in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    ("url", "thread_id"),
    [
        ("http://127.0.0.1:8120/de/forum/thema/2/", 2),
        ("https://wissensnetz.kreis-coesfeld.de/en/forum/thread/17/", 17),
        ("http://127.0.0.1:8120/de/forum/thema/2/antworten/", None),
        ("https://example.org/de/bibliothek/2/", None),
        (None, None),
    ],
)
def test_the_migration_reads_the_thread_from_an_old_address(url, thread_id):
    assert migration.thread_id_from_url(url) == thread_id


def test_the_migration_removes_the_address_of_the_thread_the_article_came_from(
    library, member, editorial_user
):
    thread = ask(make_category("oeffentlich", "public"), member)
    page = ArticlePageFactory(body=[old_link_box(OLD_ADDRESS.format(pk=thread.pk))])
    page.save_revision()
    Thread.objects.filter(pk=thread.pk).update(promoted_to=page)
    migration.store_references(apps, None)
    page = ArticlePage.objects.get(pk=page.pk)
    assert [block.block_type for block in page.body] == []
    assert OLD_ADDRESS.format(pk=thread.pk) not in json.dumps(page.latest_revision.content)


def test_the_migration_stores_the_reference_a_stray_address_stood_for(library, member):
    thread = ask(make_category("oeffentlich", "public"), member)
    page = ArticlePageFactory(body=[old_link_box(OLD_ADDRESS.format(pk=thread.pk))])
    migration.store_references(apps, None)
    thread.refresh_from_db()
    assert thread.promoted_to_id == page.pk


def test_the_migration_keeps_links_an_editor_added_beside_the_back_link(library, member):
    thread = ask(make_category("oeffentlich", "public"), member)
    other = "https://www.ozg.de/"
    page = ArticlePageFactory(body=[old_link_box(OLD_ADDRESS.format(pk=thread.pk), other)])
    migration.store_references(apps, None)
    page = ArticlePage.objects.get(pk=page.pk)
    assert [link["url"] for link in page.body[0].value["links"]] == [other]
