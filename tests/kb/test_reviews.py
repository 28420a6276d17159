import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kb.models.knowledge import add_months
from kb.reviews import overdue_pages
from tests.factories import ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.localdate() - datetime.timedelta(days=500)


def test_a_page_whose_review_date_passed_is_overdue(library):
    page = ArticlePageFactory(last_reviewed=LONG_AGO, review_interval=12)
    assert [overdue.pk for overdue in overdue_pages()] == [page.pk]


def test_a_recently_reviewed_page_is_not_overdue(library):
    ArticlePageFactory(last_reviewed=timezone.localdate(), review_interval=12)
    assert not overdue_pages().exists()


def test_without_a_review_the_first_publication_counts(library):
    page = ArticlePageFactory(last_reviewed=None, review_interval=6)
    page.refresh_from_db()
    assert page.review_due_on == add_months(timezone.localdate(page.first_published_at), 6)


def test_overdue_pages_can_be_narrowed_to_one_partner(library):
    ArticlePageFactory(partner="olfen", last_reviewed=LONG_AGO)
    ArticlePageFactory(partner="senden", last_reviewed=LONG_AGO)
    from partners.models import Partner

    assert [p.partner.slug for p in overdue_pages(partner=Partner.objects.get(slug="olfen"))] == [
        "olfen"
    ]


def test_each_owner_gets_one_digest_of_all_their_overdue_pages(library):
    owner = UserFactory(username="owen")
    ArticlePageFactory(title="Erste", owner=owner, last_reviewed=LONG_AGO)
    ArticlePageFactory(title="Zweite", owner=owner, last_reviewed=LONG_AGO)
    ArticlePageFactory(title="Aktuell", owner=owner, last_reviewed=timezone.localdate())
    call_command("send_review_reminders", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [owner.email]
    assert "Erste" in mail.outbox[0].body and "Zweite" in mail.outbox[0].body
    assert "Aktuell" not in mail.outbox[0].body


def test_the_review_report_lists_overdue_pages_for_the_editorial_team(
    client, editorial_user, library
):
    ArticlePageFactory(title="Veraltet", last_reviewed=LONG_AGO)
    client.force_login(editorial_user)
    response = client.get(reverse("kb_review_due"))
    assert response.status_code == 200
    assert "Veraltet" in response.content.decode()


def test_the_review_report_filters_by_partner(client, editorial_user, library):
    from partners.models import Partner

    ArticlePageFactory(title="Olfener Seite", partner="olfen", last_reviewed=LONG_AGO)
    ArticlePageFactory(title="Sendener Seite", partner="senden", last_reviewed=LONG_AGO)
    client.force_login(editorial_user)
    olfen = Partner.objects.get(slug="olfen")
    content = client.get(reverse("kb_review_due"), {"partner": olfen.pk}).content.decode()
    assert "Olfener Seite" in content and "Sendener Seite" not in content


def test_a_section_editor_sees_only_pages_they_may_edit_in_the_report(client, duelmen_editor):
    ArticlePageFactory(title="Dülmener Seite", partner="duelmen", last_reviewed=LONG_AGO)
    ArticlePageFactory(title="Olfener Seite", partner="olfen", last_reviewed=LONG_AGO)
    client.force_login(duelmen_editor)
    content = client.get(reverse("kb_review_due")).content.decode()
    assert "Dülmener Seite" in content and "Olfener Seite" not in content


def test_overdue_pages_carry_a_badge(client, library):
    page = ArticlePageFactory(last_reviewed=LONG_AGO)
    assert "Überprüfung fällig" in client.get(page.url).content.decode()
