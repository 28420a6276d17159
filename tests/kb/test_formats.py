import datetime

import pytest

from tests.factories import ArticlePageFactory, ProjectPageFactory

pytestmark = pytest.mark.django_db

DECEMBER_3 = datetime.date(2026, 12, 3)


def page_in(client, page, language):
    """The page as a reader of ``language`` sees it; an untranslated German page is served
    under /en/ too, with the English interface and formats."""
    path = page.url if language == "de" else page.url.replace("/de/", "/en/", 1)
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def project(library):
    page = ProjectPageFactory(budget=2450000)
    page.milestones.create(title="Ausschreibung", date=DECEMBER_3)
    page.save_revision().publish()
    return page


def test_a_budget_is_grouped_with_dots_and_followed_by_the_euro_sign_in_german(client, project):
    assert "<dd>2.450.000 €</dd>" in page_in(client, project, "de")


def test_a_budget_is_grouped_with_commas_and_led_by_the_euro_sign_in_english(client, project):
    assert "<dd>€2,450,000</dd>" in page_in(client, project, "en")


def test_a_milestone_date_names_the_month_in_german(client, project):
    assert ">3. Dezember 2026</time>" in page_in(client, project, "de")


def test_a_milestone_date_reads_day_month_year_in_english(client, project):
    assert ">3 Dec 2026</time>" in page_in(client, project, "en")


def test_the_project_period_names_months_in_the_readers_language(client, library):
    page = ProjectPageFactory(start_date=datetime.date(2026, 3, 1), end_date=DECEMBER_3)
    assert "März 2026 – Dezember 2026" in page_in(client, page, "de")
    assert "March 2026 – December 2026" in page_in(client, page, "en")


def test_the_last_review_date_names_the_month_in_german(client, library):
    page = ArticlePageFactory(last_reviewed=DECEMBER_3)
    assert ">3. Dezember 2026</time>" in page_in(client, page, "de")


def test_the_last_review_date_is_unambiguous_in_english(client, library):
    page = ArticlePageFactory(last_reviewed=DECEMBER_3)
    content = page_in(client, page, "en")
    assert ">3 Dec 2026</time>" in content
    assert "12/03/2026" not in content
