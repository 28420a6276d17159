"""The daily mails go out once a day, however often the scheduler or an operator runs them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from forum.choices import EmailMode, NotificationKind, Visibility
from forum.mail import send_daily_digests
from forum.models import ForumSettings, Notification
from jobs.runner import run_due_jobs
from jobs.schedule import JOBS_BY_NAME
from kb.reviews import send_review_digests
from tests.factories import ArticlePageFactory, UserFactory
from tests.forum.conftest import make_category
from tests.forum.notification_helpers import start

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
BEFORE_SEVEN = datetime(2026, 12, 3, 6, 59, tzinfo=BERLIN)
SEVEN = datetime(2026, 12, 3, 7, 0, 5, tzinfo=BERLIN)


@pytest.fixture
def thread(db):
    return start(make_category("oeffentlich", Visibility.PUBLIC), UserFactory(username="paula"))


@pytest.fixture
def olaf(db):
    olaf = UserFactory(username="olaf", partner_slug="olfen")
    ForumSettings.objects.update_or_create(user=olaf, defaults={"email_mode": EmailMode.DAILY})
    return olaf


def notify(olaf, thread):
    Notification.objects.create(recipient=olaf, kind=NotificationKind.WATCHED, thread=thread)


def digests_to(mailoutbox, olaf) -> int:
    return len([message for message in mailoutbox if message.to == [olaf.email]])


def test_the_scheduler_sends_the_digest_once_when_it_runs_twice_at_its_time(
    only_jobs, thread, olaf, mailoutbox
):
    only_jobs(JOBS_BY_NAME["forum_digest"])
    with time_machine.travel(BEFORE_SEVEN, tick=False) as clock:
        run_due_jobs()
        notify(olaf, thread)
        clock.move_to(SEVEN)
        run_due_jobs()
        notify(olaf, thread)
        run_due_jobs()
    assert digests_to(mailoutbox, olaf) == 1


def test_the_scheduler_sends_the_next_digest_the_next_day(only_jobs, thread, olaf, mailoutbox):
    only_jobs(JOBS_BY_NAME["forum_digest"])
    with time_machine.travel(BEFORE_SEVEN, tick=False) as clock:
        run_due_jobs()
        notify(olaf, thread)
        clock.move_to(SEVEN)
        run_due_jobs()
        notify(olaf, thread)
        clock.move_to(SEVEN + timedelta(days=1))
        run_due_jobs()
    assert digests_to(mailoutbox, olaf) == 2


def test_a_digest_run_by_hand_after_the_scheduler_sends_nothing_the_same_day(
    thread, olaf, mailoutbox
):
    notify(olaf, thread)
    send_daily_digests()
    notify(olaf, thread)
    assert send_daily_digests() == 0


def test_review_reminders_run_twice_on_one_day_mail_each_owner_once(library, mailoutbox):
    owner = UserFactory(username="owen")
    ArticlePageFactory(owner=owner, last_reviewed=timezone.localdate() - timedelta(days=500))
    send_review_digests()
    send_review_digests()
    assert len([message for message in mailoutbox if message.to == [owner.email]]) == 1


def test_review_reminders_mail_the_owner_again_the_next_day(library, mailoutbox):
    owner = UserFactory(username="owen")
    ArticlePageFactory(owner=owner, last_reviewed=timezone.localdate() - timedelta(days=500))
    send_review_digests()
    send_review_digests(today=timezone.localdate() + timedelta(days=1))
    assert len([message for message in mailoutbox if message.to == [owner.email]]) == 2
