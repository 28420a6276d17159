"""``load_demo``: the demo site every developer and reviewer starts from.

Loading the demo takes seconds (32 library pages with images, PDFs and translations), so
the tests that read it share one load (``TestTheLoadedDemo``).
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Revision

from kb.models import KnowledgePage, Topic
from partners.models import Partner
from tests.databases import shared_world

pytestmark = pytest.mark.django_db


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


def snapshot():
    return (
        get_user_model().objects.count(),
        Page.objects.count(),
        Revision.objects.count(),
        sorted(Page.objects.values_list("title", flat=True)),
    )


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media), shared_world(django_db_blocker, load_demo):
        yield


@pytest.mark.usefixtures("demo")
class TestTheLoadedDemo:
    def test_loading_the_demo_twice_changes_nothing(self):
        first = snapshot()
        load_demo()
        assert snapshot() == first

    def test_the_demo_has_an_account_for_each_role(self):
        users = get_user_model().objects
        assert users.filter(groups__name="Digitalagentur").exists()
        assert users.filter(groups__name="Forum-Moderation").exists()
        assert users.filter(is_superuser=True).exists()
        assert users.filter(groups__isnull=True, is_superuser=False).exists()

    def test_the_demo_translates_the_home_page_into_english(self):
        assert Page.objects.filter(depth=2, locale__language_code="en", live=True).exists()

    def test_the_demo_content_covers_every_topic_and_partner(self):
        pages = KnowledgePage.objects.filter(locale__language_code="de")
        assert pages.count() >= 30
        partner_slugs = set(Partner.objects.values_list("slug", flat=True))
        assert set(pages.values_list("partner__slug", flat=True).distinct()) == partner_slugs
        for topic in Topic.objects.filter(locale__language_code="de"):
            assert pages.filter(topics=topic).exists(), topic.name


def test_no_demo_account_can_log_in_where_the_setting_is_off(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    load_demo()
    assert not [user for user in get_user_model().objects.all() if user.has_usable_password()]
