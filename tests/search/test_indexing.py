"""Keeping the index true: each change reaches search through the receivers once its
transaction commits, and the management commands find and repair what drifted.

Each test starts from an index rebuilt from its set-up (``reindex``), makes one change inside
``commit()`` and asks search what it finds now.
"""

import io
from contextlib import contextmanager, suppress

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils.html import strip_tags
from django.utils.translation import override
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from forum import moderation
from forum.choices import Visibility
from forum.editing import delete_own_post, edit_post
from forum.posting import reply, start_thread
from forum.solutions import mark_solution
from kb.models import ArticlePage, Attachment
from partners.roles import MODERATORS
from search import indexing, services
from search.backends import get_backend
from search.indexing_all import all_documents
from search.models import Entry
from tests.factories import ArticlePageFactory, UserFactory, partner_page
from tests.forum.conftest import make_category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german():
    with override("de"):
        yield


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """``with commit():`` runs the block as a transaction of its own that commits, so its
    on-commit callbacks (the index refresh) run at the end.

    The test's own transaction never commits. Callbacks the set-up registered would stay
    registered, and ``search.indexing.schedule`` would add the block's keys to that batch,
    which never runs; a real commit clears them, and so does this, before and after.
    """

    @contextmanager
    def committed():
        connection.run_on_commit.clear()
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            yield callbacks
        connection.run_on_commit.clear()

    return committed


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", groups=[MODERATORS])


@pytest.fixture
def author(db):
    return UserFactory(username="olga", partner_slug="olfen")


@pytest.fixture
def public(db):
    return make_category("oeffentlich", Visibility.PUBLIC)


@pytest.fixture
def article(sections):
    return ArticlePageFactory(title="Leitfaden Quendrix", slug="quendrix")


@pytest.fixture
def thread(public, author):
    return start_thread(
        category=public,
        author=author,
        title="Frage zu Quendrix",
        source="Wer kennt sich mit Quendrix aus?",
        is_question=True,
    )


def titles(query, user):
    return [strip_tags(r.title) for r in services.search(query, user).page.object_list]


def has_entry(key):
    return Entry.objects.filter(key=key).exists()


# --- pages ------------------------------------------------------------------------------


def test_publishing_an_article_makes_it_findable(sections, reindex, commit, visitor):
    reindex()
    with commit():
        page = ArticlePageFactory(title="Leitfaden Quendrix", slug="quendrix")
    assert titles("Quendrix", visitor) == ["Leitfaden Quendrix"]
    assert has_entry(f"page:{page.pk}")


def test_the_words_of_an_articles_body_are_findable(sections, reindex, commit, visitor):
    reindex()
    with commit():
        ArticlePageFactory(
            title="Leitfaden", slug="leitfaden", body=[("paragraph", "<p>Der Zarvolin.</p>")]
        )
    assert titles("Zarvolin", visitor) == ["Leitfaden"]


def test_the_items_of_a_list_in_an_articles_body_are_separate_words(
    sections, reindex, commit, visitor
):
    reindex()
    with commit():
        ArticlePageFactory(
            title="Leitfaden",
            slug="leitfaden",
            body=[("paragraph", "<ul><li>Zarvolin</li><li>Quendrix</li></ul>")],
        )
    assert titles("Quendrix", visitor) == ["Leitfaden"]


def test_unpublishing_an_article_removes_it(article, reindex, commit, visitor):
    reindex()
    assert titles("Quendrix", visitor) == ["Leitfaden Quendrix"]
    with commit():
        article.unpublish()
    assert titles("Quendrix", visitor) == []
    assert not has_entry(f"page:{article.pk}")


def test_a_new_title_replaces_the_old_one_once_republished(article, reindex, commit, visitor):
    reindex()
    article.title = "Leitfaden Zarvolin"
    with commit():
        article.save_revision().publish()
    assert (titles("Zarvolin", visitor), titles("Quendrix", visitor)) == (
        ["Leitfaden Zarvolin"],
        [],
    )


def test_a_new_title_saved_as_a_draft_is_not_found(article, reindex, commit, visitor):
    reindex()
    article.title = "Leitfaden Zarvolin"
    with commit():
        article.save_revision()
    assert (titles("Zarvolin", visitor), titles("Quendrix", visitor)) == (
        [],
        ["Leitfaden Quendrix"],
    )


def test_deleting_an_article_removes_it(article, reindex, commit, visitor):
    reindex()
    key = f"page:{article.pk}"
    with commit():
        article.delete()
    assert titles("Quendrix", visitor) == []
    assert not has_entry(key)


def partners_of(query, user):
    return [(o.value, o.count) for o in services.search(query, user).facets.get("partner", [])]


def test_moving_an_article_to_another_partners_section_changes_its_partner(
    article, reindex, commit, visitor
):
    reindex()
    assert partners_of("Quendrix", visitor) == [("duelmen", 1)]
    with commit():
        article.move(partner_page("olfen"), pos="last-child")
    assert partners_of("Quendrix", visitor) == [("olfen", 1)]


def test_a_login_restriction_hides_the_article_from_visitors(
    article, reindex, commit, visitor, member
):
    reindex()
    with commit():
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert (titles("Quendrix", visitor), titles("Quendrix", member)) == (
        [],
        ["Leitfaden Quendrix"],
    )


def test_a_login_restriction_on_the_section_hides_the_article_below(
    article, reindex, commit, visitor
):
    reindex()
    with commit():
        PageViewRestriction.objects.create(
            page=partner_page("duelmen"), restriction_type=PageViewRestriction.LOGIN
        )
    assert titles("Quendrix", visitor) == []


def test_removing_the_restriction_shows_the_article_to_visitors_again(
    article, reindex, commit, visitor
):
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    reindex()
    assert titles("Quendrix", visitor) == []
    with commit():
        restriction.delete()
    assert titles("Quendrix", visitor) == ["Leitfaden Quendrix"]


def new_document(title, filename, content):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(content), save=False)
    document.save()
    return document


def test_a_document_attached_to_an_article_is_found_by_its_text(article, reindex, commit, visitor):
    reindex()
    with commit():
        document = new_document(
            "Checkliste", "checkliste.txt", "Schritt 1: den Zarvolin prüfen.\n".encode()
        )
        article.attachments.add(Attachment(document=document))
        article.save_revision().publish()
    results = services.search("Zarvolin", visitor)
    assert [(r.kind, strip_tags(r.title)) for r in results.page.object_list] == [
        ("document", "Checkliste")
    ]
    assert "Zarvolin" in results.page.object_list[0].snippet.html


def test_a_document_attached_to_a_restricted_article_is_hidden_from_visitors(
    article, reindex, commit, visitor, member
):
    document = new_document("Checkliste", "checkliste.txt", b"Den Zarvolin pruefen.")
    Attachment.objects.create(page=article, document=document)
    reindex()
    with commit():
        PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert (titles("Zarvolin", visitor), titles("Zarvolin", member)) == ([], ["Checkliste"])


# --- the forum --------------------------------------------------------------------------


def test_starting_a_thread_makes_it_findable(public, author, reindex, commit, visitor):
    reindex()
    with commit():
        start_thread(
            category=public, author=author, title="Frage zu Quendrix", source="Wer weiß was?"
        )
    assert titles("Quendrix", visitor) == ["Frage zu Quendrix"]


def test_the_words_of_a_reply_become_findable(thread, member, reindex, commit, visitor):
    reindex()
    with commit():
        reply(thread, member, "Der Zarvolin hilft.")
    assert titles("Zarvolin", visitor) == ["Frage zu Quendrix"]


def test_editing_a_post_replaces_its_words(thread, author, reindex, commit, visitor):
    post = reply(thread, author, "Der Zarvolin hilft.")
    reindex()
    with commit():
        edit_post(post, author, "Der Plivoren hilft.")
    assert (titles("Plivoren", visitor), titles("Zarvolin", visitor)) == (
        ["Frage zu Quendrix"],
        [],
    )


def test_hiding_a_post_removes_its_words(thread, member, moderator, reindex, commit, visitor):
    post = reply(thread, member, "Der Zarvolin hilft.")
    reindex()
    assert titles("Zarvolin", visitor) == ["Frage zu Quendrix"]
    with commit():
        moderation.hide_post(post, moderator)
    assert titles("Zarvolin", visitor) == []


def test_hiding_a_thread_removes_it(thread, moderator, reindex, commit, visitor):
    reindex()
    with commit():
        moderation.hide_post(thread.posts.get(number=1), moderator)
    assert titles("Quendrix", visitor) == []
    assert not has_entry(f"thread:{thread.pk}")


def test_approving_a_held_thread_makes_it_findable(
    public, author, moderator, settings, reindex, commit, visitor
):
    settings.FORUM_APPROVE_FIRST_POSTS = 1
    held = start_thread(
        category=public, author=author, title="Frage zu Quendrix", source="Wer weiß was?"
    )
    reindex()
    assert titles("Quendrix", visitor) == []
    with commit():
        moderation.approve_post(held.posts.get(), moderator)
    assert titles("Quendrix", visitor) == ["Frage zu Quendrix"]


def test_moving_a_thread_into_a_members_only_category_hides_it_from_visitors(
    thread, moderator, reindex, commit, visitor
):
    members_only = make_category("intern", Visibility.MEMBERS)
    reindex()
    with commit():
        moderation.move_thread(thread, moderator, members_only)
    assert titles("Quendrix", visitor) == []


def test_a_reply_its_author_deletes_loses_its_words(thread, member, reindex, commit, visitor):
    post = reply(thread, member, "Der Zarvolin hilft.")
    reindex()
    with commit():
        delete_own_post(post, member)
    assert titles("Zarvolin", visitor) == []


def test_marking_a_solution_counts_the_question_as_solved(
    thread, member, author, reindex, commit, visitor
):
    answer = reply(thread, member, "So geht es.")
    reindex()
    with commit():
        mark_solution(answer, author)
    solved = services.search("Quendrix", visitor).facets["solved"]
    assert [(o.value, o.count) for o in solved] == [("yes", 1)]


def test_making_a_public_category_members_only_hides_its_threads_from_visitors(
    thread, public, reindex, commit, visitor, member
):
    reindex()
    public.visibility = Visibility.MEMBERS
    with commit():
        public.save()
    assert (titles("Quendrix", visitor), titles("Quendrix", member)) == (
        [],
        ["Frage zu Quendrix"],
    )


# --- the management commands ------------------------------------------------------------


@pytest.fixture
def content(article, thread, member):
    """An article with a document, a thread and a person: one entry of each adapter."""
    document = new_document("Checkliste", "checkliste.txt", b"Den Zarvolin pruefen.")
    attachment = Attachment.objects.create(page=article, document=document)
    return {
        f"page:{article.pk}",
        f"kbdoc:{attachment.pk}",
        f"thread:{thread.pk}",
        f"person:{member.profile.pk}",
    }


def check():
    out = io.StringIO()
    try:
        call_command("search_check", stdout=out)
    except CommandError:
        return False, out.getvalue()
    return True, out.getvalue()


def rebuild():
    out = io.StringIO()
    call_command("search_rebuild", stdout=out)
    return out.getvalue()


def test_search_rebuild_writes_every_entry(content, backend):
    backend.clear()
    rebuild()
    expected = {d.key: d.checksum() for d in all_documents()}
    assert content <= expected.keys()
    assert dict(Entry.objects.values_list("key", "checksum")) == expected


def test_search_check_passes_after_search_rebuild(content, backend):
    backend.clear()
    assert check()[0] is False
    rebuild()
    assert check()[0] is True


def test_search_check_fails_when_an_entry_is_missing(content, article, backend):
    rebuild()
    get_backend().delete([f"page:{article.pk}"])
    passed, report = check()
    assert (passed, f"missing page:{article.pk}" in report) == (False, True)


def test_search_check_fails_when_an_entry_is_stale(content, article, backend):
    rebuild()
    ArticlePage.objects.filter(pk=article.pk).update(title="Leitfaden Zarvolin")
    passed, report = check()
    assert (passed, f"stale page:{article.pk}" in report) == (False, True)


def test_search_check_fails_when_an_entry_should_be_gone(content, article, backend):
    rebuild()
    ArticlePage.objects.filter(pk=article.pk).update(live=False)
    passed, report = check()
    assert (passed, f"extra page:{article.pk}" in report) == (False, True)


def test_search_rebuild_repairs_missing_and_stale_entries(content, article, thread, backend):
    rebuild()
    get_backend().delete([f"thread:{thread.pk}"])
    ArticlePage.objects.filter(pk=article.pk).update(title="Leitfaden Zarvolin")
    rebuild()
    assert check()[0] is True


# --- one refresh per transaction ---------------------------------------------------------


class Recorder:
    """Stands in for the ``refresh`` task (its frozen dataclass takes no monkeypatching)."""

    def __init__(self):
        self.calls = []

    def enqueue(self, keys):
        self.calls.append(keys)


@pytest.fixture
def enqueued(monkeypatch, db):
    recorder = Recorder()
    monkeypatch.setattr(indexing, "refresh", recorder)
    return recorder.calls


def test_changes_in_one_transaction_enqueue_one_refresh(enqueued, commit):
    with commit():
        indexing.schedule({"page:1"})
        indexing.schedule({"page:2", "page:1"})
    assert enqueued == [["page:1", "page:2"]]


def test_nothing_is_enqueued_before_the_transaction_commits(enqueued):
    with transaction.atomic():
        indexing.schedule({"page:1"})
    assert enqueued == []


def test_each_committed_transaction_enqueues_its_own_refresh(enqueued, commit):
    with commit():
        indexing.schedule({"page:1"})
    with commit():
        indexing.schedule({"page:2"})
    assert enqueued == [["page:1"], ["page:2"]]


def test_after_a_rolled_back_transaction_a_later_schedule_still_enqueues(enqueued, commit):
    with commit():
        with suppress(RuntimeError), transaction.atomic():
            indexing.schedule({"page:1"})
            raise RuntimeError("rolled back")
        indexing.schedule({"page:2"})
    assert enqueued == [["page:2"]]
