"""A site that searches with its database alone does not load the search engine's client."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Everything a worker of a database-only site imports to serve and index pages.
SERVE_AND_INDEX = """
import sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
import config.health, search.indexing, search.services
print(sorted(name for name in sys.modules if name.split(".")[0] == "elasticsearch"))
"""


def test_a_database_only_site_never_imports_the_elasticsearch_client():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    env.pop("ELASTICSEARCH_URL", None)
    result = subprocess.run(  # noqa: S603  (this interpreter, the fixed script above)
        [sys.executable, "-c", SERVE_AND_INDEX],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
