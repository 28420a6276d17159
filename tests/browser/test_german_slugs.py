"""Wagtail's admin fills the slug from the title while the editor types; German letters
are written out there too (theme.slugs.GermanSlugInput)."""

import pytest
from playwright.sync_api import expect

from tests.factories import partner_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_typing_a_title_with_umlauts_fills_a_transliterated_slug(
    page, urls, log_in_as, duelmen_editor
):
    log_in_as(duelmen_editor)
    page.goto(
        urls("wagtailadmin_pages:add", args=["kb", "articlepage", partner_page("duelmen").pk])
    )
    page.locator("#id_title").fill("Parkplätze an der Straße")
    page.locator("#id_title").blur()
    expect(page.locator("#id_slug")).to_have_value("parkplaetze-an-der-strasse")
