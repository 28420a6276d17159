import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from forum.choices import ModerationAction, Visibility
from forum.knowledge import thread_knowledge, to_rich_text
from forum.models import Category, ModerationLogEntry, Thread
from forum.posting import reply, start_thread
from kb.models import ArticlePage
from partners.roles import EDITORIAL_TEAM
from tests.factories import ArticlePageFactory, ProjectPageFactory, UserFactory, partner_page

pytestmark = pytest.mark.django_db

MEMBERS_SLUG = f"{settings.FORUM_DISCUSSION_CATEGORY}-intern"


@pytest.fixture
def article(library):
    return ArticlePageFactory(title="Digitale Bauakte", tags=["E-Akte"])


def discuss_url(page):
    return reverse("forum:discuss", kwargs={"page_id": page.pk})


def promote_url(thread):
    return reverse("forum:promote", kwargs={"pk": thread.pk})


def restrict(page, kind=PageViewRestriction.LOGIN, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    restriction.groups.set(groups)
    return restriction


# -- Diskutieren


def test_an_article_links_to_its_discussion(client, article):
    response = client.get(article.url)
    assert discuss_url(article) in response.content.decode()


def test_a_project_links_to_its_discussion(client, library):
    project = ProjectPageFactory()
    response = client.get(project.url)
    assert discuss_url(project) in response.content.decode()


def test_a_member_is_asked_to_confirm_with_an_intro_linking_the_page(member_client, article):
    response = member_client.get(discuss_url(article))
    assert response.status_code == 200
    assert f"{article.url}" in response.context["form"].initial["source"]


def test_a_member_starts_the_discussion_in_the_public_library_category(
    member_client, member, article
):
    response = member_client.post(discuss_url(article), {"source": "Wie lief das?"})
    thread = Thread.objects.get()
    assert response["Location"] == thread.get_absolute_url()
    assert (thread.title, thread.author, thread.discussed_page_id) == (
        "Digitale Bauakte",
        member,
        article.pk,
    )
    assert (thread.category.slug, thread.category.visibility) == (
        settings.FORUM_DISCUSSION_CATEGORY,
        Visibility.PUBLIC,
    )
    assert list(thread.tags.names()) == ["E-Akte"]


def test_the_confirm_page_creates_no_category_yet(member_client, article):
    member_client.get(discuss_url(article))
    assert not Category.objects.filter(slug=settings.FORUM_DISCUSSION_CATEGORY).exists()


def test_posting_twice_makes_one_thread_and_leads_to_it(member_client, article):
    first = member_client.post(discuss_url(article), {"source": "Erster Versuch"})
    second = member_client.post(discuss_url(article), {"source": "Zweiter Versuch"})
    assert Thread.objects.count() == 1
    assert second["Location"] == first["Location"]


def test_an_empty_first_post_is_refused_with_a_message(member_client, article):
    response = member_client.post(discuss_url(article), {"source": "  "})
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, article):
    response = client.get(discuss_url(article))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=" in response["Location"]


def test_a_visitor_is_taken_to_an_existing_discussion(client, member_client, article):
    member_client.post(discuss_url(article), {"source": "Los geht's"})
    client.logout()
    response = client.get(discuss_url(article))
    assert response["Location"] == Thread.objects.get().get_absolute_url()


def test_a_members_only_page_is_discussed_in_a_members_only_category(member_client, article):
    restrict(article)
    member_client.post(discuss_url(article), {"source": "Intern"})
    category = Thread.objects.get().category
    assert (category.slug, category.visibility) == (MEMBERS_SLUG, Visibility.MEMBERS)


def test_a_members_only_page_gives_visitors_404(client, article):
    restrict(article)
    assert client.get(discuss_url(article)).status_code == 404


def test_an_unpublished_page_gives_404(member_client, article):
    article.unpublish()
    assert member_client.get(discuss_url(article)).status_code == 404


def test_a_page_that_is_no_article_or_project_gives_404(member_client, library):
    _library, _index, sections = library
    assert member_client.get(discuss_url(sections["duelmen"])).status_code == 404


def test_a_page_for_selected_groups_is_not_discussed_in_the_forum(member_client, member, article):
    group = Group.objects.create(name="Projektteam")
    member.groups.add(group)
    restrict(article, PageViewRestriction.GROUPS, [group])
    response = member_client.post(discuss_url(article), {"source": "Geht das?"})
    assert response.context["error"]
    assert not Thread.objects.exists()


def test_the_thread_names_the_page_it_discusses(client, member_client, article):
    member_client.post(discuss_url(article), {"source": "Los geht's"})
    response = client.get(Thread.objects.get().get_absolute_url())
    assert f'href="{article.url}"' in response.content.decode()


def test_the_thread_hides_the_link_to_a_page_the_reader_may_not_see(
    client, member, public, article
):
    thread = start_thread(category=public, author=member, title="Bauakte", source="Text")
    Thread.objects.filter(pk=thread.pk).update(discussed_page=article)
    restrict(article)
    response = client.get(thread.get_absolute_url())
    assert f'href="{article.url}"' not in response.content.decode()


# -- In Wissensbibliothek übernehmen


@pytest.fixture
def question(library, member, olfen_member, public):
    thread = start_thread(
        category=public,
        author=member,
        title="Wie scannen Sie Bauakten?",
        source="Wir wollen die Bauakten scannen. Welcher Dienstleister hat sich bewährt?\n\n"
        "Es sind etwa 3.000 Akten.",
        tags=["E-Akte"],
        is_question=True,
    )
    solution = reply(thread, olfen_member, "Wir haben **gute Erfahrungen** mit Firma X gemacht.")
    Thread.objects.filter(pk=thread.pk).update(solution=solution)
    thread.refresh_from_db()
    return thread


@pytest.fixture
def editorial_client(client, editorial_user):
    client.force_login(editorial_user)
    return client


def promote(client, thread, **data):
    data.setdefault("section", partner_page("duelmen").pk)
    return client.post(promote_url(thread), data)


def quotes(page):
    return [block.value for block in page.body if block.block_type == "quote"]


def test_the_promote_form_offers_the_authors_partner_first(editorial_client, question):
    response = editorial_client.get(promote_url(question))
    assert response.context["form"]["section"].value() == partner_page("duelmen").pk


def test_promoting_creates_a_draft_in_the_chosen_partners_section(editorial_client, question):
    response = promote(editorial_client, question)
    page = ArticlePage.objects.get()
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.get_parent().pk == partner_page("duelmen").pk
    assert page.revisions.count() == 1


def test_the_draft_takes_title_summary_question_and_solution(editorial_client, question):
    promote(editorial_client, question)
    page = ArticlePage.objects.get()
    assert page.title == "Wie scannen Sie Bauakten?"
    assert page.summary.startswith("Wir wollen die Bauakten scannen.")
    assert "Wir wollen die Bauakten scannen." in page.starting_point
    assert "<b>gute Erfahrungen</b>" in page.solution
    assert list(page.tags.names()) == ["E-Akte"]


def test_the_draft_gets_the_chosen_topics(editorial_client, question, mobility):
    promote(editorial_client, question, topics=[mobility.pk])
    assert list(ArticlePage.objects.get().topics.all()) == [mobility]


def test_the_draft_credits_question_solution_and_chosen_replies(editorial_client, question, member):
    extra = reply(question, UserFactory(username="sven", partner_slug="senden"), "Auch gut: Y.")
    promote(editorial_client, question, replies=[extra.pk])
    page = ArticlePage.objects.get()
    assert [quote["attribution"] for quote in quotes(page)] == [
        "Mara, Dülmen",
        "Olga, Olfen",
        "Sven, Senden",
    ]


def test_replies_not_chosen_stay_out(editorial_client, question):
    reply(question, UserFactory(username="sven", partner_slug="senden"), "Nur nebenbei.")
    promote(editorial_client, question)
    assert len(quotes(ArticlePage.objects.get())) == 2


def test_the_solution_goes_along_even_when_not_ticked(editorial_client, question):
    promote(editorial_client, question, replies=[])
    assert "Firma X" in quotes(ArticlePage.objects.get())[1]["quote"]


def test_a_deleted_author_is_credited_as_former_member(editorial_client, question, olfen_member):
    olfen_member.delete()
    promote(editorial_client, question)
    with translation.override(settings.LANGUAGE_CODE):
        former = translation.gettext("Former member")
    assert quotes(ArticlePage.objects.get())[1]["attribution"] == former


def test_the_thread_points_to_the_article_and_the_log_records_it(
    editorial_client, question, editorial_user
):
    promote(editorial_client, question)
    question.refresh_from_db()
    entry = ModerationLogEntry.objects.get()
    assert question.promoted_to_id == ArticlePage.objects.get().pk
    assert (entry.action, entry.thread, entry.moderator) == (
        ModerationAction.PROMOTE,
        question,
        editorial_user,
    )


def test_the_editorial_team_sees_the_draft_on_the_thread(editorial_client, question):
    promote(editorial_client, question)
    page = ArticlePage.objects.get()
    response = editorial_client.get(question.get_absolute_url())
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in response.content.decode()


def test_readers_see_where_the_thread_was_taken_in_once_published(
    client, editorial_client, question
):
    promote(editorial_client, question)
    page = ArticlePage.objects.get()
    page.save_revision().publish()
    client.logout()
    response = client.get(question.get_absolute_url())
    assert f'href="{page.url}"' in response.content.decode()


def test_readers_do_not_see_the_draft(client, editorial_client, question):
    promote(editorial_client, question)
    client.logout()
    response = client.get(question.get_absolute_url())
    assert str(ArticlePage.objects.get().pk) + "/edit/" not in response.content.decode()


def test_the_editorial_team_sees_the_promote_button(editorial_client, question):
    response = editorial_client.get(question.get_absolute_url())
    assert promote_url(question) in response.content.decode()


def test_members_do_not_see_the_promote_button(member_client, question):
    response = member_client.get(question.get_absolute_url())
    assert promote_url(question) not in response.content.decode()


def test_a_duelmen_member_who_is_not_editorial_gets_404(member_client, question):
    assert member_client.get(promote_url(question)).status_code == 404
    assert promote(member_client, question).status_code == 404
    assert not ArticlePage.objects.exists()


def test_an_already_promoted_thread_is_refused(editorial_client, question):
    promote(editorial_client, question)
    response = promote(editorial_client, question, section=partner_page("olfen").pk)
    assert response.status_code == 400
    assert ArticlePage.objects.count() == 1


def test_a_reply_from_another_thread_is_refused(editorial_client, question, member, public):
    other = start_thread(category=public, author=member, title="Anderes", source="Text")
    stranger = reply(other, member, "Fremde Antwort")
    response = promote(editorial_client, question, replies=[stranger.pk])
    assert response.status_code == 400
    assert response.context["form"].errors["replies"]
    assert not ArticlePage.objects.exists()


def test_promoting_without_a_partner_is_refused(editorial_client, question):
    response = promote(editorial_client, question, section="")
    assert response.context["form"].errors["section"]
    assert not ArticlePage.objects.exists()


def test_the_library_links_take_a_fixed_number_of_queries(
    question, editorial_user, article, django_assert_max_num_queries
):
    Thread.objects.filter(pk=question.pk).update(discussed_page=article, promoted_to=article)
    question.refresh_from_db()
    request = RequestFactory().get("/")
    request.user = editorial_user
    with django_assert_max_num_queries(11):
        thread_knowledge(question, request)


def test_post_markup_becomes_the_librarys_rich_text():
    html = (
        "<h2>Kosten</h2><p><strong>fett</strong> <em>kursiv</em> <del>alt</del></p>"
        '<pre><code>a\nb\n</code></pre><p><a href="https://x.de" rel="nofollow">Link</a></p>'
    )
    assert to_rich_text(html) == (
        "<p><b>Kosten</b></p><p><b>fett</b> <i>kursiv</i> alt</p>"
        '<p>a<br>b</p><p><a href="https://x.de">Link</a></p>'
    )


def test_the_editorial_team_may_only_promote_threads_it_may_read(client, group_only, group_member):
    editor = UserFactory(username="erik", partner_slug="kreis-coesfeld", groups=[EDITORIAL_TEAM])
    hidden = start_thread(category=group_only, author=group_member, title="Intern", source="Text")
    client.force_login(editor)
    assert client.get(promote_url(hidden)).status_code == 404
