"""The editorial team translates pages and looks after search promotions and redirects."""

import pytest
from django.urls import reverse

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_the_editorial_team_is_offered_the_translate_action(client, editorial_user, library):
    article = ArticlePageFactory()
    client.force_login(editorial_user)
    response = client.get(reverse("wagtailadmin_explore", args=[article.get_parent().pk]))
    assert reverse("wagtail_localize:submit_page_translation", args=[article.pk]) in (
        response.content.decode()
    )


def test_the_editorial_team_submits_a_page_for_translation(client, editorial_user, library):
    from wagtail.models import Locale

    article = ArticlePageFactory()
    client.force_login(editorial_user)
    english = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[article.pk]),
        {"locales": [english.pk], "include_subtree": False},
    )
    assert response.status_code == 302
    assert article.get_translation_or_none(english) is not None


@pytest.mark.parametrize("url_name", ["wagtailsearchpromotions:index", "wagtailredirects:index"])
def test_the_editorial_team_opens_search_promotions_and_redirects(client, editorial_user, url_name):
    client.force_login(editorial_user)
    assert client.get(reverse(url_name)).status_code == 200
