"""The engine's own full-text table beside search_entry: FTS5 on SQLite, tsvector on PostgreSQL."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, summary, body, tokenize='ascii', "
    "prefix='2 3')",
]
SQLITE_REVERSE = ["DROP TABLE IF EXISTS search_fts"]

POSTGRES = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # No foreign key: Django's flush truncates search_entry without knowing this table, and
    # the backend removes both rows together anyway.
    "CREATE TABLE search_pg (entry_id bigint PRIMARY KEY, vector tsvector NOT NULL)",
    "CREATE INDEX search_pg_vector ON search_pg USING gin (vector)",
    "CREATE INDEX search_term_word_trgm ON search_term USING gin (word gin_trgm_ops)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS search_term_word_trgm",
    "DROP TABLE IF EXISTS search_pg",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
