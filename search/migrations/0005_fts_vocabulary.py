"""A read-only view of FTS5's own term statistics, so SQLite tells how many entries hold a
term without a count over the index (the backend leaves very common terms out of matching)."""

from django.db import migrations


def _create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, 'row')"
        )


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts_terms")


class Migration(migrations.Migration):
    dependencies = [("search", "0004_editorial_team_permissions")]

    operations = [migrations.RunPython(_create, _drop)]
