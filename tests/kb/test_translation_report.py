"""The editorial team's overview of which pages are translated and which are out of date."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from tests.conftest import with_totp
from tests.factories import ArticlePageFactory, ProjectPageFactory, UserFactory, partner

pytestmark = pytest.mark.django_db

REPORT = "kb_translations"


@pytest.fixture
def editorial_client(client, editorial_user):
    client.force_login(editorial_user)
    return client


@pytest.fixture
def translated(library, django_capture_on_commit_callbacks):
    """An article translated into English with wagtail-localize and published."""
    german = ArticlePageFactory(title="E-Akte", slug="e-akte")
    source, _ = TranslationSource.get_or_create_from_instance(german)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    return german


def republish(page, django_capture_on_commit_callbacks):
    page.summary = "Eine neue Zusammenfassung."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def statuses(client, **params):
    """Each listed page's title and its status text in English, as the editor reads it."""
    response = client.get(reverse(REPORT), params)
    assert response.status_code == 200
    return {
        page.title: [state["label"] for state in page.translation_states]
        for page in response.context["pages"]
    }


def test_an_untranslated_page_shows_not_translated(editorial_client, library):
    ArticlePageFactory(title="Nur auf Deutsch")
    assert statuses(editorial_client) == {"Nur auf Deutsch": ["nicht übersetzt"]}


def test_the_report_offers_to_translate_an_untranslated_page(editorial_client, library):
    page = ArticlePageFactory(title="Nur auf Deutsch")
    content = editorial_client.get(reverse(REPORT)).content.decode()
    assert reverse("wagtail_localize:submit_page_translation", args=[page.pk]) in content


def test_a_translated_page_shows_up_to_date(editorial_client, translated):
    assert statuses(editorial_client) == {"E-Akte": ["aktuell"]}


def test_a_translation_is_out_of_date_after_the_original_is_published_again(
    editorial_client, translated, django_capture_on_commit_callbacks
):
    republish(translated, django_capture_on_commit_callbacks)
    assert statuses(editorial_client) == {"E-Akte": ["veraltet"]}


def test_the_report_offers_to_update_an_out_of_date_translation(
    editorial_client, translated, django_capture_on_commit_callbacks
):
    republish(translated, django_capture_on_commit_callbacks)
    source = TranslationSource.objects.get(object_id=translated.translation_key)
    content = editorial_client.get(reverse(REPORT)).content.decode()
    assert reverse("wagtail_localize:update_translations", args=[source.pk]) in content


def test_a_translation_is_up_to_date_again_after_wagtail_localize_synced_it(
    editorial_client, translated, django_capture_on_commit_callbacks
):
    republish(translated, django_capture_on_commit_callbacks)
    source = TranslationSource.objects.get(object_id=translated.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        response = editorial_client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    assert statuses(editorial_client) == {"E-Akte": ["aktuell"]}


def test_a_draft_of_the_original_does_not_make_the_translation_out_of_date(
    editorial_client, translated
):
    translated.summary = "Noch nicht veröffentlicht."
    translated.save_revision()
    assert statuses(editorial_client) == {"E-Akte": ["aktuell"]}


def test_a_translation_copied_by_hand_is_out_of_date_once_the_original_is_published_later(
    editorial_client, library, django_capture_on_commit_callbacks
):
    german = ArticlePageFactory(title="Bürgerbus")
    english = german.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
    english.save_revision().publish()
    republish(german, django_capture_on_commit_callbacks)
    assert statuses(editorial_client) == {"Bürgerbus": ["veraltet"]}


def test_the_report_filters_by_status(
    editorial_client, translated, django_capture_on_commit_callbacks
):
    ArticlePageFactory(title="Nur auf Deutsch")
    assert list(statuses(editorial_client, status="missing")) == ["Nur auf Deutsch"]
    assert list(statuses(editorial_client, status="current")) == ["E-Akte"]


def test_the_report_filters_by_partner(editorial_client, library):
    ArticlePageFactory(title="Aus Dülmen", partner="duelmen")
    ProjectPageFactory(title="Aus Olfen", partner="olfen")
    assert list(statuses(editorial_client, partner=partner("olfen").pk)) == ["Aus Olfen"]


def test_the_report_lists_only_german_pages(editorial_client, translated):
    assert list(statuses(editorial_client)) == ["E-Akte"]


def test_the_report_makes_the_same_number_of_queries_for_many_pages(
    editorial_client, library, django_assert_num_queries
):
    ArticlePageFactory()
    editorial_client.get(reverse(REPORT))
    with CaptureQueriesContext(connection) as one_page:
        editorial_client.get(reverse(REPORT))
    for _ in range(5):
        ArticlePageFactory()
    with django_assert_num_queries(len(one_page.captured_queries)):
        editorial_client.get(reverse(REPORT))


def test_a_partner_editor_cannot_open_the_report(client, duelmen_editor):
    client.force_login(duelmen_editor)
    assert client.get(reverse(REPORT)).status_code in (302, 403)


def test_a_member_cannot_open_the_report(client, member):
    client.force_login(member)
    response = client.get(reverse(REPORT))
    assert response.status_code in (302, 403)


def test_the_report_is_in_the_reports_menu_of_the_editorial_team(editorial_client):
    content = editorial_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) in content


def test_the_report_is_not_in_the_menu_of_a_partner_editor(client, duelmen_editor):
    client.force_login(duelmen_editor)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(REPORT) not in content


def test_superusers_see_the_report(client, library):
    admin = with_totp(UserFactory(username="root", is_superuser=True, is_staff=True))
    client.force_login(admin)
    assert client.get(reverse(REPORT)).status_code == 200
