"""How fast the site renders its page types, through the full middleware stack.

Seeds a throw-away database with library pages drawn from the shared corpus, then
requests every page type repeatedly as a visitor and as a member without the page cache
(fragments such as the menu stay cached, as in production), and the article and the
library again as a visitor with the page cache warm. "queries" counts a request with all
caches cold. Prints one JSON
object on its last line:

    {"pages": {"<name>": {"p50_ms": x, "p95_ms": x, "queries": n}}, ...}

The forum part seeds --posts posts (default 100,000, the corpus's posts.jsonl repeated as
needed) in --threads threads (default 5,000) and times the forum index, a category, a
thread of 50 posts and the last page of the longest thread.

Usage: .venv/bin/python bench/pages.py [--pages 1000] [--runs 100]
       [--posts 100000] [--threads 5000]
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
    parser.add_argument("--posts", type=int, default=100_000, help="forum posts to seed")
    parser.add_argument("--threads", type=int, default=5_000, help="forum threads to seed")
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


def corpus_posts(corpus: Path) -> list[str]:
    """The corpus's forum posts, or generated ones where it has none."""
    path = corpus / "posts.jsonl"
    if not path.exists():
        return [f"Beitrag {n}: Wir haben das im Bürgerbüro ausprobiert." for n in range(1000)]
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["text"][:4000] for line in lines]


def seed_forum(args) -> dict[str, str]:
    """Categories, ``args.threads`` threads and ``args.posts`` posts, written in bulk with
    exact counters; one thread holds 50 posts and one is far longer than the rest."""
    from django.db.models import Count, Max
    from django.utils import timezone
    from wagtail.models import Locale

    from forum.choices import Visibility
    from forum.listings import POSTS_PER_PAGE
    from forum.markdown import render
    from forum.models import Category, Post, Thread
    from tests.factories import UserFactory

    locale = Locale.objects.get(language_code="de")
    categories = [
        Category.objects.create(
            name=f"Kategorie {n}",
            slug=f"kategorie-{n}",
            visibility=Visibility.PUBLIC,
            locale=locale,
        )
        for n in range(5)
    ]
    authors = [UserFactory(username=f"bench.autor{n}", partner_slug="olfen") for n in range(20)]
    texts = corpus_posts(args.corpus)
    rendered: dict[int, str] = {}
    now = timezone.now()
    Thread.objects.bulk_create(
        Thread(
            category=categories[n % len(categories)],
            title=f"Frage {n}: {texts[n % len(texts)][:60]}",
            author=authors[n % len(authors)],
            is_question=n % 3 == 0,
            last_activity_at=now,
        )
        for n in range(args.threads)
    )
    threads = list(Thread.objects.order_by("pk").values_list("pk", flat=True))
    # One thread of exactly 50 posts, one long thread with a tenth of all posts, the rest spread.
    fifty, longest, others = threads[0], threads[1], threads[2:]
    sizes = {fifty: 50, longest: args.posts // 10}
    rest = args.posts - sum(sizes.values())
    for index, pk in enumerate(others):
        sizes[pk] = rest // len(others) + (1 if index < rest % len(others) else 0)
    batch, counter = [], 0
    for pk, size in sizes.items():
        for number in range(1, size + 1):
            which = counter % len(texts)
            if which not in rendered:
                rendered[which] = render(texts[which])
            batch.append(
                Post(
                    thread_id=pk,
                    number=number,
                    author=authors[counter % len(authors)],
                    source=texts[which],
                    html=rendered[which],
                )
            )
            counter += 1
            if len(batch) >= 5000:
                Post.objects.bulk_create(batch)
                batch = []
    Post.objects.bulk_create(batch)
    for row in Post.objects.values("thread_id").annotate(n=Count("pk"), last=Max("number")):
        Thread.objects.filter(pk=row["thread_id"]).update(
            post_count=row["n"], last_number=row["last"]
        )
    for category in categories:
        threads_in = Thread.objects.filter(category=category)
        Category.objects.filter(pk=category.pk).update(
            thread_count=threads_in.count(),
            post_count=Post.objects.filter(thread__category=category).count(),
            last_activity_at=now,
        )
    long_thread = Thread.objects.get(pk=longest)
    last_page = (long_thread.post_count - 1) // POSTS_PER_PAGE + 1
    return {
        "forum_index": "/de/forum/",
        "category": categories[0].get_absolute_url(),
        "thread_50_posts": Thread.objects.get(pk=fifty).get_absolute_url(),
        "thread_last_page": f"{long_thread.get_absolute_url()}?page={last_page}",
    }


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
        urls.update(seed_forum(args))
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
