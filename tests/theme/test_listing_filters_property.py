"""Every listing answers whatever its query string says, and never with a server error.

For each listing (public, members' and moderators') and each parameter it reads, Hypothesis
sends arbitrary text, NUL bytes, numbers past every column's range, non-ASCII digits and
repeated parameters, mixed with real values so that the real filters run too. The world
is built once for the module; run it on PostgreSQL as well, where NUL bytes and integers
beyond a column raise errors that SQLite lets pass.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum.choices import Visibility
from forum.models import Category
from forum.moderation import flag_post
from forum.posting import reply, start_thread
from kb.models import CollectionPage
from partners.roles import EDITORIAL_TEAM as EDITORS
from partners.roles import MODERATORS
from tests.conftest import with_totp
from tests.databases import shared_world
from tests.factories import (
    ArticlePageFactory,
    ProjectPageFactory,
    TopicFactory,
    UserFactory,
    library_structure,
    publish_under,
)

pytestmark = pytest.mark.django_db

LIBRARY_PARAMS = ["topic", "partner", "type", "status", "tag", "year", "reused", "sort", "page"]
THREAD_LIST_PARAMS = ["sort", "page"]
SEARCH_PARAMS = ["q", "page", "sort", "kind", "topic", "partner", "year", "solved"]
# Values each listing knows, so that generated queries also reach the real filters.
KNOWN = [
    "mobilitaet", "duelmen", "article", "project", "betrieb", "lorawan", "2026", "1",
    "title", "updated", "replies", "unsolved", "date", "yes", "no", "kb", "forum", "7", "365",
]  # fmt: skip
ODD = [
    "", " ", "\x00", "0", "-1", "99999999", "2147483648", "9223372036854775808", "1" * 5000,
    "1e9", "1.5", "0x10", "NaN", "٣", "²", "𝟗", "Ⅻ", "<script>", "'; DROP TABLE x; --",
    "%00", "a" * 500,
]  # fmt: skip
NUMBERS = st.integers() | st.integers(min_value=-(2**70), max_value=2**70)
VALUES = st.one_of(
    st.sampled_from(KNOWN), st.sampled_from(ODD), NUMBERS.map(str), st.text(max_size=40)
)


def queries(names):
    """Query strings over ``names`` and one unknown name: any values, any repeats."""
    pairs = st.tuples(st.sampled_from([*names, "unbekannt"]), VALUES)
    return st.lists(pairs, max_size=6).map(urlencode)


def build():
    library, index, sections = library_structure()
    topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    ArticlePageFactory(title="Radzählung", partner="duelmen", topics=[topic], tags=["LoRaWAN"])
    ProjectPageFactory(title="Bürgerbus", partner="olfen", status="betrieb", topics=[topic])
    collection = publish_under(library, CollectionPage(title="Alles", slug="alles"))
    member = UserFactory(username="prop-mitglied", partner_slug="duelmen")
    moderator = UserFactory(username="prop-moderation", partner_slug="olfen", groups=[MODERATORS])
    editor = with_totp(
        UserFactory(username="prop-redaktion", partner_slug="kreis-coesfeld", groups=[EDITORS])
    )
    category = Category.objects.create(
        slug="austausch", name="Austausch", visibility=Visibility.PUBLIC, locale=topic.locale
    )
    thread = start_thread(
        category=category, author=member, title="Frage zur E-Akte", source="Wer hat Erfahrung?",
        tags=["e-akte"], is_question=True,
    )  # fmt: skip
    answer = reply(thread, moderator, "Wir in Olfen.")
    flag_post(answer, member, "spam")
    with translation.override("de"):
        urls = {
            "library": (library.url, LIBRARY_PARAMS, None),
            "topic": (reverse("kb:topic", args=["mobilitaet"]), LIBRARY_PARAMS, None),
            "collection": (collection.url, ["page"], None),
            "partner index": (index.url, ["page"], None),
            "partner page": (sections["duelmen"].url, ["page"], None),
            "library feed": (reverse("kb:library_feed", args=["rss"]), ["page"], None),
            "topic feed": (reverse("kb:topic_feed", args=["mobilitaet", "atom"]), ["page"], None),
            "partner feed": (reverse("kb:partner_feed", args=["olfen", "rss"]), ["page"], None),
            "search": (reverse("search:search"), SEARCH_PARAMS, None),
            "search as a member": (reverse("search:search"), SEARCH_PARAMS, member),
            "autocomplete": (reverse("search:autocomplete"), ["q"], None),
            "forum": (reverse("forum:index"), ["page"], None),
            "forum category": (
                reverse("forum:category", args=[category.slug]),
                THREAD_LIST_PARAMS,
                None,
            ),
            "forum tag": (reverse("forum:tag", args=["e-akte"]), THREAD_LIST_PARAMS, member),
            "unread threads": (reverse("forum:unread"), ["page"], member),
            "thread": (thread.get_absolute_url(), ["page", "quote"], member),
            "new thread": (reverse("forum:new_thread"), ["category"], member),
            "notifications": (reverse("forum:notifications"), ["page"], member),
            "moderation queue": (
                reverse("forum:moderation_queue"),
                ["flags_page", "approval_page"],
                moderator,
            ),
            "moderation log": (reverse("forum:moderation_log"), ["action", "page"], moderator),
            "search report": (
                reverse("search_query_report"),
                ["period", "results", "ordering", "p"],
                editor,
            ),
        }
    return urls


@pytest.fixture(scope="module")
def listings(django_db_setup, django_db_blocker):
    with shared_world(django_db_blocker, build) as urls:
        yield urls


LISTING_NAMES = [
    "library", "topic", "collection", "partner index", "partner page", "library feed",
    "topic feed", "partner feed", "search", "search as a member", "autocomplete", "forum",
    "forum category", "forum tag", "unread threads", "thread", "new thread", "notifications",
    "moderation queue", "moderation log", "search report",
]  # fmt: skip


def reader(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("name", LISTING_NAMES)
def test_no_query_string_gives_a_listing_a_server_error(listings, name):
    url, params, user = listings[name]
    client = reader(user)

    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(query=queries(params))
    def answers(query):
        response = client.get(f"{url}?{query}")
        assert response.status_code in (200, 301, 302, 400), (query, response.status_code)

    answers()


@pytest.mark.parametrize("year", ["0", "99999999", "2147483648", "1", "9999", "-5", "²"])
def test_a_year_no_page_can_have_gives_an_empty_library(listings, year):
    response = reader(None).get(listings["library"][0], {"year": year})
    assert response.status_code == 200
    assert response.context["library"].total == 0


def test_a_year_the_library_cannot_have_is_shown_as_a_filter_the_reader_can_remove(listings):
    response = reader(None).get(listings["library"][0], {"year": "0", "sort": "title"})
    [shown] = response.context["library"].active_filters
    assert (shown.label, shown.url) == ("Jahr: 0", "?sort=title")


def test_a_well_formed_year_still_filters_the_library(listings):
    this_year = str(timezone.localdate().year)
    response = reader(None).get(listings["library"][0], {"year": this_year})
    assert response.context["library"].total == 2
