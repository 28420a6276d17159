from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

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
    import re

    placeholder = re.compile(r"%\(\w+\)s|\{\w+\}")
    for entry in polib.pofile(str(path)).translated_entries():
        if not entry.msgid_plural:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(
                placeholder.findall(entry.msgstr)
            ), entry.msgid
