"""How fast the site renders its page types, through the full middleware stack.

Seeds a throw-away database with library pages drawn from the shared corpus, then
requests every page type repeatedly as a visitor and as a member without the page cache
(fragments such as the menu stay cached, as in production), and the article and the
library again as a visitor with the page cache warm. "queries" counts a request with all
caches cold. Prints one JSON
object on its last line:

    {"pages": {"<name>": {"p50_ms": x, "p95_ms": x, "queries": n}}, ...}

Usage: .venv/bin/python bench/pages.py [--pages 1000] [--runs 100]
       [--database-url postgres://postgres@127.0.0.1:5432/postgres] [--corpus DIR]
"""

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="library pages to seed")
    parser.add_argument("--runs", type=int, default=100, help="timed requests per page type")
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to create a scratch database on"
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    return parser.parse_args()


def set_up_database(args, scratch: Path) -> str | None:
    """Point Django at a fresh database; returns the PostgreSQL database to drop afterwards."""
    if not args.database_url:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'bench.sqlite3'}"
        return None
    import psycopg

    name = f"bench_pages_{os.getpid()}"
    with psycopg.connect(args.database_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    base, _slash, _old = args.database_url.rpartition("/")
    os.environ["DATABASE_URL"] = f"{base}/{name}"
    return name


def drop_database(args, name: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    with psycopg.connect(args.database_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def corpus_texts(corpus: Path, count: int):
    """(title, text) pairs: the corpus's articles, or generated text where it is missing."""
    path = corpus / "articles.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                if number >= count:
                    return
                record = json.loads(line)
                yield (record.get("title") or record["text"][:60]).strip()[:200], record["text"]
    for number in range(count):
        yield f"Praxisbeispiel {number}", "Die Verwaltung hat ein Verfahren digitalisiert. " * 40


def seed(args):
    """The library, partner sections, topics, a collection, a member and the pages."""
    import datetime
    import io

    from django.core.management import call_command
    from django.utils import timezone

    from kb.models import ArticlePage, CollectionPage, KnowledgePage, ProjectPage, Topic
    from tests.factories import UserFactory, library_structure

    call_command("migrate", verbosity=0)
    call_command("load_demo", apps=["partners", "theme"], stdout=io.StringIO())
    library, _index, sections = library_structure()
    topics = [
        Topic.objects.get_or_create(
            slug=f"thema-{n}", locale=library.locale, defaults={"name": f"Thema {n}"}
        )[0]
        for n in range(8)
    ]
    partners = list(sections.values())
    now = timezone.now()
    for number, (title, text) in enumerate(corpus_texts(args.corpus, args.pages)):
        section = partners[number % len(partners)]
        paragraphs = [text[i : i + 800] for i in range(0, min(len(text), 4000), 800)] or [text]
        common = {
            "title": title,
            "slug": f"seite-{number}",
            "summary": text[:300],
            "live": True,
            "first_published_at": now - datetime.timedelta(days=number),
            "last_published_at": now - datetime.timedelta(days=number),
            "last_reviewed": (now - datetime.timedelta(days=number % 400)).date(),
        }
        if number % 3 == 0:
            page = ProjectPage(
                **common,
                goal=text[:200],
                description="".join(f"<p>{p}</p>" for p in paragraphs),
                status=["idee", "planung", "umsetzung", "betrieb", "abgeschlossen"][number % 5],
            )
        else:
            page = ArticlePage(
                **common,
                solution=f"<p>{paragraphs[0]}</p>",
                body=[("paragraph", f"<p>{p}</p>") for p in paragraphs],
            )
        section.add_child(instance=page)
    through = KnowledgePage.topics.through
    through.objects.bulk_create(
        through(knowledgepage_id=page_id, topic_id=topics[page_id % len(topics)].pk)
        for page_id in KnowledgePage.objects.values_list("pk", flat=True)
    )
    collection = CollectionPage(
        title="Alle Projekte", slug="alle-projekte", page_types=["project"], limit=50
    )
    library.add_child(instance=collection)
    collection.save_revision().publish()
    member = UserFactory(username="bench.member", partner_slug="duelmen")
    return {
        "home": "/de/",
        "library": library.url,
        "library_filtered": f"{library.url}?topic={topics[2].slug}&type=article&sort=title",
        "article": ArticlePage.objects.order_by("pk")[args.pages // 3].url,
        "project": ProjectPage.objects.order_by("pk")[args.pages // 6].url,
        "partner": partners[4].url,
        "collection": collection.url,
    }, member


def timed(client, url, runs: int) -> list[float]:
    for _ in range(5):  # warm per-process caches (templates, site root paths, fragments)
        client.get(url)
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return durations


def query_count(client, url) -> int:
    """Queries of a request with cold caches: what a first reader after a change costs."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # Wagtail's per-process site caches are warm in production
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def figures(durations: list[float], queries: int) -> dict:
    ordered = sorted(durations)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "queries": queries,
    }


def main():
    args = parse_args()
    sys.path.insert(0, str(ROOT))
    scratch = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    scratch_database = set_up_database(args, scratch)
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = scratch / "media"
    settings.PAGE_CACHE_SECONDS = 300
    settings.DEBUG = False
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # lets the test client capture queries with DEBUG off
    try:
        started = time.perf_counter()
        urls, member = seed(args)
        seed_seconds = time.perf_counter() - started
        # A web server process does not carry the seeding's objects; without this, the
        # garbage collector would scan them during the timed requests.
        gc.collect()
        gc.freeze()
        # A client's middleware is built on its first request: this one never caches pages.
        settings.PAGE_CACHE_SECONDS = 0
        visitor, member_client = Client(), Client()
        visitor.get("/de/")
        member_client.force_login(member)
        settings.PAGE_CACHE_SECONDS = 300
        cached_visitor = Client()
        results = {}
        for name, url in urls.items():
            print(f"{name} …", file=sys.stderr)
            results[name] = figures(timed(visitor, url, args.runs), query_count(visitor, url))
            results[f"{name}_member"] = figures(
                timed(member_client, url, args.runs), query_count(member_client, url)
            )
        for name in ("article", "library"):
            results[f"{name}_cached"] = figures(timed(cached_visitor, urls[name], args.runs), 0)
    finally:
        if scratch_database:
            drop_database(args, scratch_database)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        json.dumps(
            {
                "database": engine,
                "library_pages": args.pages,
                "runs": args.runs,
                "seed_seconds": round(seed_seconds, 1),
                "pages": results,
            }
        )
    )


if __name__ == "__main__":
    main()
