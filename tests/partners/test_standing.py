"""The one rule for suspended members, and proof that no write view forgets to ask it."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from partners import standing
from partners.standing import MemberMayWriteMixin

pytestmark = pytest.mark.django_db

# Every address of the apps members write through is one of these; a new one must be
# sorted in here, which is where its author decides whether a suspension stops it.
GUARDED = {
    "forum:new_thread",
    "forum:reply",
    "forum:edit",
    "forum:delete",
    "forum:react",
    "forum:solution",
    "forum:flag_post",
    "forum:group_join",
    "forum:group_decide",
    "forum:discuss",
    "kb:reuse",
    "partners:profile_edit",
}
# Changes nobody else sees, or the member's own rights (see partners.standing).
ALLOWED_WRITES = {
    "forum:notifications_read",
    "forum:notification",
    "forum:watch_thread",
    "forum:watch_category",
    "forum:watch_tag",
    "forum:settings",
    "forum:unsubscribe",
    "forum:group_leave",
    "partners:data_export",
    "partners:data_export_download",
    "partners:account_delete",
}
# Moderators cannot be suspended (forum.moderation.suspend_user); promoting is editorial work.
STAFF = {
    "forum:moderate_post",
    "forum:post_history",
    "forum:moderate_thread",
    "forum:move_thread",
    "forum:split_thread",
    "forum:moderation_queue",
    "forum:moderation_log",
    "forum:moderate_member",
    "forum:promote",
}
READ_ONLY = {
    "forum:index",
    "forum:category",
    "forum:thread",
    "forum:post",
    "forum:first_unread",
    "forum:unread",
    "forum:tag",
    "forum:groups",
    "forum:group",
    "forum:notifications",
    "forum:attachment",
    "kb:topic",
    "kb:library_feed",
    "kb:topic_feed",
    "kb:partner_feed",
    "partners:profile",
}
APPS = ("forum", "kb", "partners")


def named_views(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_views(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name and namespace:
            yield f"{namespace}{entry.name}", entry.callback


def app_views() -> dict:
    return {
        name: view
        for name, view in named_views(get_resolver().url_patterns)
        if name.split(":")[0] in APPS
    }


def is_guarded(view) -> bool:
    view_class = getattr(view, "view_class", None)
    return getattr(view, "member_may_write", False) or (
        view_class is not None and issubclass(view_class, MemberMayWriteMixin)
    )


def test_every_address_of_the_writing_apps_is_sorted_into_guarded_allowed_or_reading():
    sorted_names = GUARDED | ALLOWED_WRITES | STAFF | READ_ONLY
    assert set(app_views()) - sorted_names == set()


def test_every_write_a_suspension_stops_is_guarded():
    views = app_views()
    assert {name for name in GUARDED if not is_guarded(views[name])} == set()


@pytest.fixture
def lookups(monkeypatch):
    registered = []
    monkeypatch.setattr(standing, "_lookups", registered)
    return registered


def test_a_member_nobody_suspended_may_write(lookups, member):
    standing.register_suspension(lambda user: None)
    assert standing.write_refusal(member) is None


def test_a_suspension_that_has_ended_no_longer_counts(lookups, member):
    standing.register_suspension(lambda user: timezone.now() - timedelta(seconds=1))
    assert standing.may_write(member)


def test_the_latest_of_several_suspensions_is_the_one_the_member_is_told(lookups, member):
    later = timezone.now() + timedelta(days=9)
    standing.register_suspension(lambda user: timezone.now() + timedelta(days=1))
    standing.register_suspension(lambda user: later)
    assert standing.suspended_until(member) == later
