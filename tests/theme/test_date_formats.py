import datetime

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation

from forum.choices import Visibility
from forum.models import Post
from tests.factories import UserFactory
from tests.forum.conftest import make_category
from tests.forum.notification_helpers import start

MOMENT = datetime.datetime(2026, 12, 3, 14, 30)


@pytest.mark.parametrize(
    ("language", "format_name", "expected"),
    [
        ("en", "DATE_FORMAT", "3 Dec 2026"),
        ("en", "SHORT_DATE_FORMAT", "3 Dec 2026"),
        ("en", "SHORT_DATETIME_FORMAT", "3 Dec 2026, 14:30"),
        ("en", "DATETIME_FORMAT", "3 Dec 2026, 14:30"),
    ],
)
def test_english_dates_name_the_month_after_the_day(language, format_name, expected):
    with translation.override(language):
        assert formats.date_format(MOMENT, format_name) == expected


@pytest.mark.django_db
def test_an_english_reader_sees_a_forum_posts_time_with_the_month_named(client):
    thread = start(make_category("oeffentlich", Visibility.PUBLIC), UserFactory(username="mara"))
    Post.objects.filter(thread=thread).update(
        created_at=timezone.make_aware(MOMENT, timezone.get_default_timezone())
    )
    with translation.override("en"):
        url = reverse("forum:thread", kwargs={"pk": thread.pk})
    assert ">3 Dec 2026, 14:30</time>" in client.get(url).content.decode()


@pytest.mark.django_db
def test_accessibility_feedback_in_the_english_admin_shows_the_local_day_unambiguously():
    from theme.models import AccessibilityFeedback

    feedback = AccessibilityFeedback.objects.create(
        email="leser@example.org", message="Kontrast zu schwach", language="de"
    )
    # 23:30 UTC on 2 December is already 3 December in Coesfeld.
    feedback.created_at = datetime.datetime(2026, 12, 2, 23, 30, tzinfo=datetime.UTC)
    with translation.override("en"):
        assert str(feedback) == "leser@example.org (3 Dec 2026)"
