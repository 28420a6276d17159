"""Tags saved with umlauts in their slugs before the rule get them written out once."""

import importlib

import pytest
from django.apps import apps
from taggit.models import Tag

pytestmark = pytest.mark.django_db

migration = importlib.import_module("theme.migrations.0004_transliterate_tag_slugs")


def test_an_old_tag_slug_with_umlauts_is_written_out():
    tag = Tag.objects.create(name="Zuständigkeit", slug="x")
    Tag.objects.filter(pk=tag.pk).update(slug="zuständigkeit")
    migration.transliterate(apps, None)
    tag.refresh_from_db()
    assert tag.slug == "zustaendigkeit"


def test_a_written_out_slug_already_taken_gets_a_number():
    Tag.objects.create(name="Strasse", slug="strasse")
    tag = Tag.objects.create(name="Straße", slug="x")
    Tag.objects.filter(pk=tag.pk).update(slug="straße")
    migration.transliterate(apps, None)
    tag.refresh_from_db()
    assert tag.slug == "strasse_2"
