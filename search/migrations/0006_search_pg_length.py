"""PostgreSQL: each entry's length in terms beside its tsvector, for BM25's length
normalisation (existing rows count their vector's positions), and vectors kept in the row up
to a page's size. Ranking reads the vector once per query clause; out-of-line (TOAST) values
are fetched anew each time (bench/search.py: p95 40 → 30 ms). Rows written before this
migration move in when ``search_rebuild`` writes them again."""

from django.db import migrations


def _add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_pg ADD COLUMN length integer NOT NULL DEFAULT 0")
        schema_editor.execute(
            "UPDATE search_pg SET length = (SELECT coalesce(sum(coalesce("
            "array_length(positions, 1), 1)), 0) FROM unnest(vector))"
        )
        schema_editor.execute("ALTER TABLE search_pg SET (toast_tuple_target = 8160)")


def _drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_pg RESET (toast_tuple_target)")
        schema_editor.execute("ALTER TABLE search_pg DROP COLUMN length")


class Migration(migrations.Migration):
    dependencies = [("search", "0005_fts_vocabulary")]

    operations = [migrations.RunPython(_add, _drop)]
