import pytest
from wagtail.models import Locale

from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_library(library):
    """The library translated into English, as editors do with wagtail-localize."""
    library_page, _index, _sections = library
    english = Locale.objects.get(language_code="en")
    translation = library_page.copy_for_translation(english, copy_parents=True)
    translation.title, translation.slug = "Library", "library"
    translation.save_revision().publish()
    # publish() saves a copy from the revision; this instance still has the German url_path.
    translation.refresh_from_db()
    return translation


def translate(page, **fields):
    translation = page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    for ancestor in translation.get_ancestors().filter(depth__gt=2).specific():
        if not ancestor.live:
            ancestor.save_revision().publish()
    return translation


def entries(client, page):
    return [
        (entry.title, entry.reader_url)
        for entry in client.get(page.url).context["library"].page.object_list
    ]


def test_english_readers_see_the_translation_of_a_translated_article(client, english_library):
    german = ArticlePageFactory(title="Bürgerbus-App")
    english = translate(german, title="Community bus app")
    assert entries(client, english_library) == [("Community bus app", english.url)]


def test_english_readers_see_untranslated_articles_as_german_originals(client, english_library):
    ArticlePageFactory(title="Nur auf Deutsch", slug="nur-deutsch", partner="olfen")
    assert entries(client, english_library) == [
        ("Nur auf Deutsch", "/en/partner/olfen/nur-deutsch/")
    ]


def test_the_english_link_to_an_untranslated_article_serves_it_with_a_notice(
    client, english_library
):
    ArticlePageFactory(title="Nur auf Deutsch", slug="nur-deutsch", partner="olfen")
    response = client.get("/en/partner/olfen/nur-deutsch/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nur auf Deutsch" in content and "has not been translated yet" in content


def test_topics_are_shown_in_the_readers_language(client, english_library, mobility):
    english_topic = mobility.copy_for_translation(Locale.objects.get(language_code="en"))
    english_topic.name, english_topic.slug = "Mobility", "mobility"
    english_topic.save()
    ArticlePageFactory(topics=[mobility])
    response = client.get(english_library.url)
    topic_facet = next(f for f in response.context["library"].facets if f.name == "topic")
    assert [(value.value, value.label) for value in topic_facet.values] == [
        ("mobility", "Mobility")
    ]
