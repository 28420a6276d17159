import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

PO_FILES = sorted(Path(settings.BASE_DIR).glob("*/locale/*/LC_MESSAGES/django.po"))


def test_german_translates_a_known_string():
    with translation.override("de"):
        assert gettext("Skip to content") == "Zum Inhalt springen"


def test_english_shows_the_source_string():
    with translation.override("en"):
        assert gettext("Skip to content") == "Skip to content"


def test_every_app_has_a_german_and_an_english_catalogue():
    languages_by_app = {}
    for path in PO_FILES:
        languages_by_app.setdefault(path.parts[-5], set()).add(path.parts[-3])
    assert languages_by_app
    assert all(languages == {"de", "en"} for languages in languages_by_app.values())


@pytest.mark.parametrize(
    "path", [p for p in PO_FILES if p.parts[-3] == "de"], ids=lambda p: p.parts[-5]
)
def test_every_german_string_is_translated(path):
    catalogue = polib.pofile(str(path))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


@pytest.mark.parametrize(
    "path", [p for p in PO_FILES if p.parts[-3] == "de"], ids=lambda p: p.parts[-5]
)
def test_german_translations_keep_every_placeholder(path):
    placeholder = re.compile(r"%\(\w+\)s|\{\w+\}")
    for entry in polib.pofile(str(path)).translated_entries():
        if not entry.msgid_plural:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(
                placeholder.findall(entry.msgstr)
            ), entry.msgid


DU_FORM = re.compile(
    r"\b(du|dich|dir|dein\w*|hast|bist|kannst|musst|möchtest|gib|klick|bestätige|melde|wähle|versuche|lass|kontaktiere|folge|überprüfe)\b",
    re.IGNORECASE,
)


def third_party_german_catalogues():
    import allauth

    return sorted(Path(allauth.__file__).parent.glob("locale/de/LC_MESSAGES/django.po"))


@pytest.mark.parametrize("path", third_party_german_catalogues(), ids=lambda p: p.parts[-5])
def test_german_addresses_people_as_sie_even_in_third_party_texts(path):
    offending = []
    with translation.override("de"):
        for entry in polib.pofile(str(path)).translated_entries():
            if entry.msgid_plural:
                shown = ngettext(entry.msgid, entry.msgid_plural, 2)
            elif entry.msgctxt:
                shown = pgettext(entry.msgctxt, entry.msgid)
            else:
                shown = gettext(entry.msgid)
            if DU_FORM.search(shown):
                offending.append(entry.msgid)
    assert offending == []
