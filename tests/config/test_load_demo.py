import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

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


def test_loading_the_demo_twice_changes_nothing():
    load_demo()
    first = snapshot()
    load_demo()
    assert snapshot() == first


def test_the_demo_has_an_account_for_each_role():
    load_demo()
    users = get_user_model().objects
    assert users.filter(groups__name="Digitalagentur").exists()
    assert users.filter(groups__name="Forum-Moderation").exists()
    assert users.filter(is_superuser=True).exists()
    assert users.filter(groups__isnull=True, is_superuser=False).exists()


def test_no_demo_account_can_log_in_where_the_setting_is_off(settings):
    settings.DEMO_ACCOUNTS_ENABLED = False
    load_demo()
    assert not [user for user in get_user_model().objects.all() if user.has_usable_password()]


def test_the_demo_translates_the_home_page_into_english():
    load_demo()
    assert Page.objects.filter(depth=2, locale__language_code="en", live=True).exists()
