"""The restore drill: back up, restore into a fresh database, and the site is whole again."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory

from .processes import fetch, gunicorn, run_manage, site_environment

DEPLOY = Path(settings.BASE_DIR) / "deploy"

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backup and restore are written for PostgreSQL, production's database",
)


def run_script(name: str, folder: Path, environment: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603  (our own script with fixed arguments)
        [str(DEPLOY / name), str(folder)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def fresh_database():
    """The URL of an empty database on the test server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"[:63]
    quoted = connection.ops.quote_name(name)
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
        cursor.execute(f"CREATE DATABASE {quoted}")
    db = connection.settings_dict
    yield f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_restored_backup_keeps_its_files_its_index_and_its_restrictions(tmp_path, fresh_database):
    article = ArticlePageFactory(title="Quendrix-Dienstanweisung", slug="quendrix")
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    media, private = tmp_path / "media", tmp_path / "private"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "satzung.pdf").write_bytes(b"%PDF-1.7 Satzung")
    (private / "2026").mkdir(parents=True)
    (private / "2026" / "protokoll.txt").write_bytes(b"Protokoll der Sitzung")
    backup = tmp_path / "backup"
    original = site_environment(tmp_path, MEDIA_ROOT=str(media), FORUM_ATTACHMENT_ROOT=str(private))
    run_script("backup.sh", backup, original)

    restored_media, restored_private = tmp_path / "restored-media", tmp_path / "restored-private"
    restored = {
        **original,
        "DATABASE_URL": fresh_database,
        "MEDIA_ROOT": str(restored_media),
        "FORUM_ATTACHMENT_ROOT": str(restored_private),
        "PYTHON": sys.executable,
    }
    run_script("restore.sh", backup, restored)

    assert (restored_media / "documents" / "satzung.pdf").read_bytes() == b"%PDF-1.7 Satzung"
    assert (restored_private / "2026" / "protokoll.txt").read_bytes() == b"Protokoll der Sitzung"
    run_manage("search_check", environment=restored)
    with gunicorn(restored) as server:
        assert fetch(server + article.url)[0] == 302
        assert "Quendrix-Dienstanweisung" not in fetch(server + "/de/suche/?q=Quendrix")[1]
