import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    return client.get(reverse("search:search"), {"q": query, **params})


def test_a_published_page_is_found(client):
    StandardPageFactory(title="Glasfaserausbau in Olfen")
    assert "Glasfaserausbau in Olfen" in search(client, "Glasfaserausbau").content.decode()


def test_an_unpublished_page_is_not_found(client):
    page = StandardPageFactory(title="Geheimer Entwurf")
    page.unpublish()
    assert "Geheimer Entwurf" not in search(client, "Entwurf").content.decode()


def test_a_page_for_members_only_is_not_found_by_visitors(client):
    page = StandardPageFactory(title="Interne Notiz")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "Interne Notiz" not in search(client, "Notiz").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "(",
        "AND OR NOT",
        "*",
        "a:b",
        "^",
        "-",
        "\x00",
        "x" * 10_000,
        "🙂",
        "مرحبا",
        "der die das",
    ],
)
def test_odd_input_never_breaks_the_search_page(client, query):
    assert search(client, query).status_code == 200


def test_a_page_number_out_of_range_shows_the_last_page(client):
    StandardPageFactory(title="Digitalstrategie")
    assert search(client, "Digitalstrategie", page="999").status_code == 200


def test_an_empty_search_shows_the_form_without_results(client):
    response = search(client, "   ")
    assert response.status_code == 200
    assert 'role="status"' not in response.content.decode()
