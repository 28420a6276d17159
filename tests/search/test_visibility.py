"""Nothing leaks: what a reader may not open, search never shows them.

Each case builds one kind of restricted content around its own invented word (its
"secret") next to a public article; the index is then rebuilt from the database. The
secret may reach the case's ``outsiders`` on no surface: hits, snippets, facet counts,
autocomplete, "Meinten Sie …?" and the editors' recommendations.

So that no check passes for the wrong reason, each surface is also checked the other way
round: the case's ``insiders`` find the secret there, or, where nobody may (drafts,
passwords, hidden posts), every outsider finds it once the restriction is not there.

The world and each case's content are read-only for the tests, so they are built once per
module and backend, and once per case and variant (``Scenario``); every test of the module
names its scenario, so that no two scenarios' content is ever in the database together.
"""

import html
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.utils.html import strip_tags
from django.utils.translation import override
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from forum import moderation
from forum.choices import MembershipStatus, Visibility
from forum.models import GroupMembership, WorkingGroup
from forum.posting import reply, start_thread
from kb.models import ArticlePage
from partners.roles import MODERATORS
from search import services
from tests.databases import shared_world
from tests.factories import ArticlePageFactory, TopicFactory, UserFactory, partner_page
from tests.forum.conftest import make_category
from tests.search.conftest import rebuild_index

pytestmark = pytest.mark.django_db

# In the public article and in every restricted thing, so that one query meets them all.
SHARED = "Wubbeltal"
PUBLIC_TITLE = "Wegweiser für alle"
# Restricted content belongs to Olfen and to this topic; the public article to neither.
SECRET_PARTNER = "Olfen"
SECRET_TOPIC = "Geheimthema"


@pytest.fixture(autouse=True)
def german():
    with override("de"):
        yield


# --- the world every case is built in -------------------------------------------------


@dataclass
class World:
    visitor: object
    member: object  # logged in, in no group
    reader: object  # in the Django group a page restriction names
    colleague: object  # in the working group
    moderator: object  # forum moderator
    admin: object  # superuser: edits every page
    author: object  # writes the forum threads (Olfen)
    page_group: Group
    working_group: WorkingGroup

    def user(self, name):
        return getattr(self, name)


def build_world():
    working_group = WorkingGroup.objects.create(name="Arbeitskreis Akten", slug="akten")
    author = UserFactory(username="olga", partner_slug="olfen")
    colleague = UserFactory(username="gerd", partner_slug="senden")
    for each in (author, colleague):
        GroupMembership.objects.create(
            group=working_group, user=each, status=MembershipStatus.ACTIVE
        )
    page_group = Group.objects.create(name="Kämmerei Olfen")
    reader = UserFactory(username="paula", partner_slug="olfen")
    reader.groups.add(page_group)
    public_topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    ArticlePageFactory(
        title=PUBLIC_TITLE,
        slug="wegweiser",
        partner="duelmen",
        topics=[public_topic],
        summary=f"{SHARED} ist für alle da.",
        body=[("paragraph", f"<p>{SHARED} ist für alle da.</p>")],
    )
    return World(
        visitor=AnonymousUser(),
        member=UserFactory(username="mara", partner_slug="duelmen"),
        reader=reader,
        colleague=colleague,
        moderator=UserFactory(username="moritz", groups=[MODERATORS]),
        admin=UserFactory(username="admin", is_superuser=True, is_staff=True),
        author=author,
        page_group=page_group,
        working_group=working_group,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, module_backend):
    with override("de"), shared_world(django_db_blocker, build_world) as built:
        yield built


# --- how each kind of restricted content is made ------------------------------------------


def article(secret, *, live=True):
    """An article in Olfen's section carrying ``secret`` in its title and text."""
    page = ArticlePage(
        title=f"Handreichung {secret}",
        slug=secret.lower(),
        summary=f"{SHARED} regelt {secret} im Einzelnen.",
        body=[("paragraph", f"<p>{SHARED} regelt {secret} im Einzelnen.</p>")],
        live=live,
    )
    page.topics = [TopicFactory(name=SECRET_TOPIC, slug="geheimthema")]
    partner_page("olfen").add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return page


def restrict(page, restriction_type, groups=(), password=""):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password=password
    )
    restriction.groups.set(groups)


def a_draft_never_published(world, secret, restricted):
    article(secret, live=not restricted)


def an_unpublished_page(world, secret, restricted):
    page = article(secret)
    if restricted:
        page.unpublish()


def a_page_for_logged_in_users(world, secret, restricted):
    page = article(secret)
    if restricted:
        restrict(page, PageViewRestriction.LOGIN)


def a_page_for_a_group(world, secret, restricted):
    page = article(secret)
    if restricted:
        restrict(page, PageViewRestriction.GROUPS, groups=[world.page_group])


def a_password_protected_page(world, secret, restricted):
    page = article(secret)
    if restricted:
        restrict(page, PageViewRestriction.PASSWORD, password="Sesam-öffne-dich-42")


def a_page_below_a_restricted_page(world, secret, restricted):
    article(secret)
    if restricted:
        restrict(partner_page("olfen"), PageViewRestriction.LOGIN)


LIVE_TITLE = "Handreichung Aktenplan"


def a_draft_revision_of_a_live_page(world, secret, restricted):
    page = article("Aktenplan")
    page.title = f"Handreichung {secret}"
    page.summary = f"{SHARED} regelt {secret} im Einzelnen."
    page.body = [("paragraph", f"<p>{SHARED} regelt {secret} im Einzelnen.</p>")]
    revision = page.save_revision()
    if not restricted:
        revision.publish()


def thread_in(category, world, secret):
    return start_thread(
        category=category,
        author=world.author,
        title=f"Frage zu {secret}",
        source=f"{SHARED}: wer kennt sich mit {secret} aus?",
    )


def public_category():
    return make_category("oeffentlich", Visibility.PUBLIC)


def a_thread_for_members(world, secret, restricted):
    category = make_category("intern", Visibility.MEMBERS) if restricted else public_category()
    thread_in(category, world, secret)


def a_thread_for_a_working_group(world, secret, restricted):
    category = (
        make_category("ak-akten", Visibility.GROUP, world.working_group)
        if restricted
        else public_category()
    )
    thread_in(category, world, secret)


def a_hidden_thread(world, secret, restricted):
    thread = thread_in(public_category(), world, secret)
    if restricted:
        moderation.hide_post(thread.posts.get(number=1), world.moderator)


VISIBLE_THREAD = "Frage zum Aktenplan"


def a_hidden_post_in_a_visible_thread(world, secret, restricted):
    thread = start_thread(
        category=public_category(),
        author=world.author,
        title=VISIBLE_THREAD,
        source=f"{SHARED}: wie ordnet ihr eure Akten?",
    )
    post = reply(thread, world.member, f"{SHARED}: {secret} ordnet bei uns alles.")
    if restricted:
        moderation.hide_post(post, world.moderator)


def a_person(world, secret, restricted):
    """People are for members only; there is no unrestricted variant."""
    user = UserFactory(username=secret.lower(), partner_slug="olfen")
    profile = user.profile
    profile.display_name = f"Greta {secret}"
    profile.department = f"{SHARED}-Stelle"
    profile.save()
    profile.expertise.add(secret)


@dataclass(frozen=True)
class Case:
    build: Callable
    secret: str
    outsiders: tuple[str, ...]
    insiders: tuple[str, ...] = ()
    # Titles the outsiders rightly find for SHARED besides the public article.
    also_visible: tuple[str, ...] = ()
    is_page: bool = False
    # How the restricted thing's title reads ("" when the secret is in no title).
    title: str = "Handreichung {}"

    @property
    def id(self):
        return self.build.__name__.replace("_", " ")

    @property
    def secret_title(self):
        return self.title.format(self.secret)


NOBODY = ("visitor", "member", "admin")
NOBODY_IN_THE_FORUM = ("visitor", "member", "moderator")

CASES = [
    Case(a_draft_never_published, "Zarvolin", NOBODY, is_page=True),
    Case(an_unpublished_page, "Quendrix", NOBODY, is_page=True),
    Case(a_page_for_logged_in_users, "Plivoren", ("visitor",), ("member",), is_page=True),
    Case(
        a_page_for_a_group,
        "Gravulon",
        ("visitor", "member"),
        ("reader", "admin"),
        is_page=True,
    ),
    Case(a_password_protected_page, "Kortasim", NOBODY, is_page=True),
    Case(a_page_below_a_restricted_page, "Trindalu", ("visitor",), ("member",), is_page=True),
    Case(a_draft_revision_of_a_live_page, "Mirabolt", NOBODY, also_visible=(LIVE_TITLE,)),
    Case(a_thread_for_members, "Fenkrati", ("visitor",), ("member",), title="Frage zu {}"),
    Case(
        a_thread_for_a_working_group,
        "Holvenix",
        ("visitor", "member"),
        ("colleague", "moderator"),
        title="Frage zu {}",
    ),
    Case(a_hidden_thread, "Jastrino", NOBODY_IN_THE_FORUM, title="Frage zu {}"),
    Case(
        a_hidden_post_in_a_visible_thread,
        "Vorkalin",
        NOBODY_IN_THE_FORUM,
        also_visible=(VISIBLE_THREAD,),
        title="",
    ),
    Case(a_person, "Yllandor", ("visitor",), ("member",), title="Greta {}"),
]
PAGE_CASES = [case for case in CASES if case.is_page]
TITLED_CASES = [case for case in CASES if case.title]


def case_of(build):
    return next(case for case in CASES if case.build is build)


@dataclass(frozen=True)
class Scenario:
    """A case built restricted (its outsiders look) or allowed (those who may find it look)."""

    case: Case
    restricted: bool

    def build(self, world):
        if self.restricted:
            self.case.build(world, self.case.secret, restricted=True)
        else:
            self.case.build(world, self.case.secret, restricted=bool(self.case.insiders))
        rebuild_index()

    def lookers(self):
        if self.restricted:
            return self.case.outsiders
        return self.case.insiders or self.case.outsiders


def scenarios(selection, *, restricted):
    return pytest.mark.parametrize(
        "scenario",
        [Scenario(case, restricted) for case in selection],
        ids=lambda scenario: scenario.case.id,
        scope="module",
    )


def as_restricted(selection):
    """The cases as they are; the test gets [(name, user)] of their outsiders."""
    return scenarios(selection, restricted=True)


def as_allowed(selection):
    """The cases where someone may find the secret; the test gets those who may: the
    insiders, or else everybody once unrestricted."""
    return scenarios(selection, restricted=False)


@pytest.fixture(scope="module")
def lookers(world, scenario, django_db_blocker):
    """The scenario's content built in the world; [(name, user)] of those who look for it."""
    with override("de"), shared_world(django_db_blocker, lambda: scenario.build(world)):
        yield [(name, world.user(name)) for name in scenario.lookers()]


@pytest.fixture
def case(scenario):
    return scenario.case


@pytest.fixture
def outsiders(lookers):
    """[(name, user)] of those from whom the restricted content must stay hidden."""
    return lookers


@pytest.fixture
def readers(lookers):
    """[(name, user)] of those who may find the content."""
    return lookers


def misspelt(word):
    """One letter off in the middle: close enough to be corrected."""
    middle = len(word) // 2
    return word[:middle] + ("a" if word[middle] != "a" else "e") + word[middle + 1 :]


def titles(results):
    return [html.unescape(strip_tags(result.title)) for result in results.page.object_list]


def shown_text(results):
    """Everything a results page says about its hits: titles and snippets."""
    return " ".join(
        f"{result.title} {result.snippet.html}" for result in results.page.object_list
    ).casefold()


def promote(case):
    page = ArticlePage.objects.get(slug=case.secret.lower())
    SearchPromotion.objects.create(
        query=Query.get(case.secret), page=page, sort_order=0, description="Empfohlen"
    )


# --- hits -------------------------------------------------------------------------------


@as_restricted(CASES)
def test_the_secret_word_finds_nothing(case, outsiders):
    assert [(who, services.search(case.secret, user).total) for who, user in outsiders] == [
        (who, 0) for who, _ in outsiders
    ]


@as_allowed(CASES)
def test_the_secret_word_finds_it_for_those_allowed(case, readers):
    assert [(who, services.search(case.secret, user).total) for who, user in readers] == [
        (who, 1) for who, _ in readers
    ]


@as_restricted(CASES)
def test_a_shared_word_finds_only_what_the_reader_may_open(case, outsiders):
    expected = sorted([PUBLIC_TITLE, *case.also_visible])
    assert [(who, sorted(titles(services.search(SHARED, user)))) for who, user in outsiders] == [
        (who, expected) for who, _ in outsiders
    ]


# --- snippets ---------------------------------------------------------------------------


@as_restricted(CASES)
def test_no_title_or_snippet_shows_the_secret_word(case, outsiders):
    query = f"{SHARED} {case.secret}"
    leaks = [
        who
        for who, user in outsiders
        if case.secret.casefold() in shown_text(services.search(query, user))
    ]
    assert leaks == []


@as_allowed(CASES)
def test_a_title_or_snippet_shows_the_secret_word_to_those_allowed(case, readers):
    query = f"{SHARED} {case.secret}"
    blind = [
        who
        for who, user in readers
        if case.secret.casefold() not in shown_text(services.search(query, user))
    ]
    assert blind == []


# --- facets -----------------------------------------------------------------------------


def facet_counts(results, name):
    return Counter({option.label: option.count for option in results.facets.get(name, [])})


def counts_of_hits(results, name):
    hits = results.page.object_list
    if name == "kind":
        return Counter(str(hit.kind_label) for hit in hits)
    if name == "partner":
        return Counter(hit.partner_name for hit in hits if hit.partner_name)
    return Counter(topic for hit in hits if hit.topics for topic in hit.topics.split(", "))


@as_restricted(CASES)
def test_facets_count_only_the_hits_the_reader_sees(case, outsiders):
    miscounted = [
        (who, name, facet_counts(results, name), counts_of_hits(results, name))
        for who, user in outsiders
        for results in [services.search(SHARED, user)]
        for name in ("kind", "partner", "topic")
        if facet_counts(results, name) != counts_of_hits(results, name)
    ]
    assert miscounted == []


@as_allowed(CASES)
def test_facets_count_the_restricted_content_for_those_allowed(case, readers):
    assert [
        (who, facet_counts(services.search(SHARED, user), "partner")[SECRET_PARTNER])
        for who, user in readers
    ] == [(who, 1) for who, _ in readers]


@as_restricted([case_of(a_page_for_logged_in_users)])
@pytest.mark.usefixtures("lookers")
def test_a_members_only_article_adds_nothing_to_partner_and_topic_counts(visitor):
    facets = services.search(SHARED, visitor).facets
    assert [(o.value, o.count) for o in facets["partner"]] == [("duelmen", 1)]
    assert [(o.value, o.count) for o in facets["topic"]] == [("mobilitaet", 1)]


# --- autocomplete ---------------------------------------------------------------------


def offered(case, user):
    return [row["title"] for row in services.autocomplete(case.secret[:5], user)]


@as_restricted(TITLED_CASES)
def test_autocomplete_offers_no_restricted_title(case, outsiders):
    assert [(who, offered(case, user)) for who, user in outsiders] == [
        (who, []) for who, _ in outsiders
    ]


@as_allowed(TITLED_CASES)
def test_autocomplete_offers_the_title_to_those_allowed(case, readers):
    assert [(who, offered(case, user)) for who, user in readers] == [
        (who, [case.secret_title]) for who, _ in readers
    ]


# --- "Meinten Sie …?" -----------------------------------------------------------------


@as_restricted(CASES)
def test_no_spelling_suggestion_comes_from_restricted_words(case, outsiders):
    query = misspelt(case.secret)
    assert [(who, services.search(query, user).suggestion) for who, user in outsiders] == [
        (who, "") for who, _ in outsiders
    ]


@as_allowed(CASES)
def test_the_restricted_word_is_suggested_to_those_allowed(case, readers):
    query = misspelt(case.secret)
    assert [(who, services.search(query, user).suggestion) for who, user in readers] == [
        (who, case.secret.lower()) for who, _ in readers
    ]


# --- the editors' recommendations -----------------------------------------------------


def promoted(query, user):
    return [p["title"] for p in services.promotions(query, user)]


@as_restricted(PAGE_CASES)
def test_no_recommendation_points_to_a_restricted_page(case, outsiders):
    promote(case)
    assert [(who, promoted(case.secret, user)) for who, user in outsiders] == [
        (who, []) for who, _ in outsiders
    ]


@as_allowed(PAGE_CASES)
def test_a_recommendation_is_shown_to_those_allowed(case, readers):
    promote(case)
    assert [(who, promoted(case.secret, user)) for who, user in readers] == [
        (who, [case.secret_title]) for who, _ in readers
    ]


@as_restricted([case_of(a_draft_revision_of_a_live_page)])
@pytest.mark.usefixtures("lookers")
def test_a_recommended_page_with_a_draft_shows_its_live_title(visitor):
    SearchPromotion.objects.create(
        query=Query.get("Aktenplan"), page=ArticlePage.objects.get(slug="aktenplan"), sort_order=0
    )
    assert promoted("Aktenplan", visitor) == [LIVE_TITLE]
