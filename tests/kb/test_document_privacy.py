"""Documents of restricted pages are private (issue 14): served, found and listed only for
readers of a page that uses them, per role (kb.documents states the rule)."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import override
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from kb import documents
from kb.models import Attachment
from search import services
from search.indexing import backends
from search.indexing_all import all_documents
from tests.factories import ArticlePageFactory, UserFactory
from tests.kb.test_languages import translate

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
WORD = "Zarvolin"


def new_document(title="Checkliste Glasfaser", filename="checkliste-glasfaser.pdf"):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(PDF), save=False)
    document.save()
    return document


def restrict(page, kind=PageViewRestriction.LOGIN, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


def attached_to(page, document=None):
    document = document or new_document()
    Attachment.objects.create(page=page, document=document)
    return document


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def working_group(db):
    return Group.objects.create(name="Arbeitskreis Glasfaser")


@pytest.fixture
def group_member(working_group):
    return UserFactory(username="gero", partner_slug="senden", groups=[working_group.name])


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def members_only_document(library):
    page = ArticlePageFactory(title="Interner Leitfaden")
    restrict(page)
    return attached_to(page)


@pytest.fixture
def group_document(library, working_group):
    page = ArticlePageFactory(title="Leitfaden des Arbeitskreises")
    restrict(page, PageViewRestriction.GROUPS, [working_group])
    return attached_to(page)


# --- serving ---------------------------------------------------------------------------


def test_a_visitor_downloads_the_document_of_a_public_article(library):
    document = attached_to(ArticlePageFactory())
    response = client_for().get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_a_visitor_is_sent_to_log_in_for_the_document_of_a_members_only_article(
    members_only_document,
):
    response = client_for().get(members_only_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_a_member_downloads_the_document_of_a_members_only_article(members_only_document, member):
    response = client_for(member).get(members_only_document.url)
    assert response.status_code == 200


def test_a_private_document_is_sent_for_the_readers_browser_alone(members_only_document, member):
    response = client_for(member).get(members_only_document.url)
    assert "private" in response["Cache-Control"]


def test_a_public_document_is_revalidated_by_every_cache(library):
    document = attached_to(ArticlePageFactory())
    cache_control = client_for().get(document.url)["Cache-Control"]
    assert "no-cache" in cache_control and "private" not in cache_control


def test_a_visitors_conditional_request_for_a_private_document_is_refused(
    members_only_document, member
):
    etag = client_for(member).get(members_only_document.url)["ETag"]
    response = client_for().get(members_only_document.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 302


def test_a_member_outside_the_working_group_gets_not_found_for_its_document(group_document, member):
    assert client_for(member).get(group_document.url).status_code == 404


def test_a_working_group_member_downloads_the_groups_document(group_document, group_member):
    assert client_for(group_member).get(group_document.url).status_code == 200


def test_a_superuser_downloads_a_working_group_document(group_document, superuser):
    assert client_for(superuser).get(group_document.url).status_code == 200


def test_a_partner_editor_downloads_a_working_group_document_they_can_choose_in_the_admin(
    group_document, duelmen_editor
):
    assert client_for(duelmen_editor).get(group_document.url).status_code == 200


def test_a_document_no_page_uses_is_kept_from_members(library, member):
    assert client_for(member).get(new_document().url).status_code == 404


def test_a_document_no_page_uses_is_served_to_the_editor_who_placed_it_in_the_admin(
    library, duelmen_editor
):
    assert client_for(duelmen_editor).get(new_document().url).status_code == 200


def test_a_document_of_an_unpublished_article_is_private(library):
    page = ArticlePageFactory()
    document = attached_to(page)
    page.unpublish()
    assert client_for().get(document.url).status_code == 302


def test_a_document_that_a_public_article_also_uses_is_public(members_only_document, library):
    attached_to(ArticlePageFactory(title="Öffentlicher Beitrag"), members_only_document)
    assert client_for().get(members_only_document.url).status_code == 200


def test_a_document_shown_by_a_block_of_a_members_only_article_is_private(library):
    document = new_document()
    page = ArticlePageFactory(body=[("document", {"document": document, "title": ""})])
    restrict(page)
    assert client_for().get(document.url).status_code == 302


def test_a_document_shown_by_a_block_of_a_public_article_is_public(library):
    document = new_document()
    ArticlePageFactory(body=[("document", {"document": document, "title": ""})])
    assert client_for().get(document.url).status_code == 200


def test_a_document_linked_from_the_text_of_a_public_article_is_public(library):
    document = new_document()
    link = f'<p><a linktype="document" id="{document.pk}">Checkliste</a></p>'
    ArticlePageFactory(body=[("paragraph", link)])
    assert client_for().get(document.url).status_code == 200


def test_a_document_of_a_members_only_english_article_sends_an_english_visitor_to_log_in(
    library,
):
    english = translate(ArticlePageFactory(title="Interner Leitfaden"), title="Internal guide")
    restrict(english)
    document = attached_to(english)
    response = client_for().get(document.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    with override("en"):
        assert response["Location"].startswith(reverse("account_login"))


def test_a_member_downloads_the_document_of_a_members_only_english_article(library, member):
    english = translate(ArticlePageFactory(title="Interner Leitfaden"), title="Internal guide")
    restrict(english)
    document = attached_to(english)
    assert client_for(member).get(document.url).status_code == 200


def test_documents_have_no_address_below_a_language(members_only_document, member):
    response = client_for(member).get("/en" + members_only_document.url)
    assert response.status_code == 404


def test_a_document_whose_article_became_members_only_is_not_served_from_the_page_cache(
    library, settings
):
    settings.PAGE_CACHE_SECONDS = 300
    page = ArticlePageFactory()
    document = attached_to(page)
    client_for().get(document.url)
    restrict(page)
    assert client_for().get(document.url).status_code == 302


# --- the rule, without HTTP ---------------------------------------------------------------


def test_the_rule_names_a_document_of_a_restricted_article_private(members_only_document):
    assert not documents.is_public(members_only_document)


def test_the_rule_lets_only_the_working_group_read_its_document(
    group_document, group_member, member
):
    readers = [documents.may_download(user, group_document) for user in (group_member, member)]
    assert readers == [True, False]


# --- search, feeds and the sitemap ----------------------------------------------------------


def rebuild_index():
    for backend in backends():
        backend.rebuild(all_documents())


def found(user):
    with override("de"):
        results = services.search(WORD, user).page.object_list
    return [(r.kind, strip_tags(r.title)) for r in results]


@pytest.fixture
def indexed_group_document(library, working_group):
    page = ArticlePageFactory(title="Leitfaden des Arbeitskreises")
    restrict(page, PageViewRestriction.GROUPS, [working_group])
    document = new_document(title="Checkliste Glasfaser", filename="checkliste.txt")
    document.file.save("checkliste.txt", ContentFile(f"Den {WORD} prüfen.\n".encode()))
    attached_to(page, document)
    rebuild_index()
    return document


def test_a_visitor_never_finds_a_working_group_document(indexed_group_document):
    assert found(AnonymousUser()) == []


def test_a_member_outside_the_working_group_never_finds_its_document(
    indexed_group_document, member
):
    assert found(member) == []


def test_a_working_group_member_finds_the_groups_document(indexed_group_document, group_member):
    assert found(group_member) == [("document", "Checkliste Glasfaser")]


def test_a_superuser_finds_a_working_group_document(indexed_group_document, superuser):
    assert found(superuser) == [("document", "Checkliste Glasfaser")]


def test_a_visitor_is_never_offered_a_working_group_document_while_typing(
    indexed_group_document,
):
    with override("de"):
        assert services.autocomplete("Checkliste", AnonymousUser()) == []


def test_the_library_feed_never_names_a_members_only_document(members_only_document):
    content = client_for().get(reverse("kb:library_feed", args=["rss"])).content.decode()
    assert members_only_document.url not in content and "Interner Leitfaden" not in content


def test_the_sitemap_never_names_a_members_only_document(members_only_document):
    content = client_for().get("/sitemap.xml").content.decode()
    assert members_only_document.url not in content and "interner-leitfaden" not in content
