"""The page editor offers topics of the page's language only (issue 15)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from tests.factories import ArticlePageFactory, partner_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_mobility(mobility):
    translation = mobility.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.name, translation.slug = "Mobility", "mobility"
    translation.save()
    return translation


def offered_topics(response):
    assert response.status_code == 200
    return {topic.name for topic in response.context["form"].fields["topics"].queryset}


@pytest.mark.parametrize("model", ["articlepage", "projectpage"])
def test_a_new_german_page_offers_only_german_topics(
    client, duelmen_editor, english_mobility, model
):
    client.force_login(duelmen_editor)
    url = reverse("wagtailadmin_pages:add", args=["kb", model, partner_page("duelmen").pk])
    assert offered_topics(client.get(url)) == {"Mobilität"}


def test_editing_a_german_article_offers_only_german_topics(
    client, duelmen_editor, english_mobility
):
    article = ArticlePageFactory()
    client.force_login(duelmen_editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[article.pk]))
    assert offered_topics(response) == {"Mobilität"}


def test_a_new_german_collection_offers_only_german_topics(
    client, editorial_user, library, english_mobility
):
    library_page, _index, _sections = library
    client.force_login(editorial_user)
    url = reverse("wagtailadmin_pages:add", args=["kb", "collectionpage", library_page.pk])
    assert offered_topics(client.get(url)) == {"Mobilität"}
