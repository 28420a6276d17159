"""Search quality and speed on a real corpus, through the service the search page uses.

Loads a corpus directory into a fresh, throw-away database — ``articles.jsonl`` and the
benchmark passages as public articles, ``posts.jsonl`` as public forum posts — builds the
index, runs every benchmark query as a visitor and prints one JSON object on its last line:

    {"backend": "sqlite", "documents": N, "build_seconds": x,
     "latency_ms": {"p50": x, "p95": x, "max": x},
     "quality": {"<source>": {"queries": n, "mrr@10": x, "s@1": x, "s@10": x}}}

With ``--elasticsearch-url`` the engine there (Elasticsearch or OpenSearch) searches, in an
index of its own that is deleted afterwards; ``build_seconds`` then covers the engine and
the database index it keeps as the fallback, and ``engine_build_seconds`` the engine alone.

Usage: .venv/bin/python bench/search.py [--corpus DIR] [--database-url URL]
       [--elasticsearch-url URL] [--posts N] [--limit-queries N]
"""

import argparse
import gc
import importlib.util
import json
import logging
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))
# bench/ is not a package, and this file's name would hide the search app: load pages.py
# by its path.
_spec = importlib.util.spec_from_file_location("bench_pages", Path(__file__).with_name("pages.py"))
_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_pages)
drop_database, set_up_database = _pages.drop_database, _pages.set_up_database

POSTS_PER_THREAD = 20


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--database-url", help="a PostgreSQL server for a scratch database")
    parser.add_argument("--elasticsearch-url", help="search with the engine at this URL")
    parser.add_argument("--posts", type=int, help="forum posts (posts.jsonl repeated as needed)")
    parser.add_argument("--limit-queries", type=int, help="a random sample of the queries")
    return parser.parse_args()


class FallbackCounter(logging.Handler):
    """Counts the searches the engine left to the database."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def read_jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@contextmanager
def quiet_page_signals():
    """Saving thousands of pages one by one is dominated by what listens to each save:
    Wagtail's reference index and its own search index, and our search receivers. The
    benchmark builds its index once afterwards, so none of them need to run."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    import kb.search
    from kb.models import ArticlePage

    search_uid = f"search_kb_saved_{ArticlePage}"
    post_save.disconnect(sender=ArticlePage, dispatch_uid=search_uid)
    post_save.disconnect(post_save_signal_handler, sender=ArticlePage)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.connect(post_save_signal_handler, sender=ArticlePage)
        kb.search.connect()


def load_articles(records: list[dict]) -> dict[str, str]:
    """Every record as a public article; returns slug → record id.

    Pages are placed in the tree directly (path and depth computed here, numchild set once
    at the end) rather than through ``add_child``, which looks up the last child and
    validates the whole page on every save."""
    import datetime

    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Page

    from kb.models import ArticlePage
    from tests.factories import library_structure

    _library, _index, sections = library_structure()
    partners = list(sections.values())
    steps = {parent.pk: parent.numchild for parent in partners}
    now = timezone.now()
    slugs = {}
    with quiet_page_signals(), transaction.atomic():
        for number, record in enumerate(records):
            slug = f"doc-{number}"
            slugs[slug] = record["id"]
            text = record["text"]
            title = (record.get("title") or "").replace("_", " ").strip() or text[:60]
            parent = partners[number % len(partners)]
            steps[parent.pk] += 1
            published = now - datetime.timedelta(days=number % 1500)
            ArticlePage(
                title=title[:200],
                draft_title=title[:200],
                slug=slug,
                summary=text[:300],
                live=True,
                first_published_at=published,
                last_published_at=published,
                body=[("paragraph", f"<p>{text}</p>")],
                locale_id=parent.locale_id,
                depth=parent.depth + 1,
                path=ArticlePage._get_path(parent.path, parent.depth + 1, steps[parent.pk]),
            ).save(clean=False)
    for parent in partners:
        Page.objects.filter(pk=parent.pk).update(numchild=steps[parent.pk])
    return slugs


def load_posts(corpus: Path, count: int | None) -> int:
    """Posts as public forum threads of POSTS_PER_THREAD posts each; returns the post count."""
    from django.utils import timezone
    from wagtail.models import Locale

    from forum.choices import Visibility
    from forum.models import Category, Post, Thread
    from tests.factories import UserFactory

    texts = [r["text"] for r in read_jsonl(corpus / "posts.jsonl")]
    if not texts:
        return 0
    count = count or len(texts)
    category = Category.objects.create(
        name="Austausch",
        slug="austausch",
        visibility=Visibility.PUBLIC,
        locale=Locale.objects.get(language_code="de"),
    )
    author = UserFactory(username="bench.autor", partner_slug="olfen")
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(
            category=category,
            title=texts[(n * POSTS_PER_THREAD) % len(texts)][:80],
            author=author,
            last_activity_at=now,
            post_count=POSTS_PER_THREAD,
        )
        for n in range(-(-count // POSTS_PER_THREAD))
    )
    batch = []
    for n in range(count):
        batch.append(
            Post(
                thread=threads[n // POSTS_PER_THREAD],
                number=n % POSTS_PER_THREAD + 1,
                author=author,
                source=texts[n % len(texts)],
                html="",
            )
        )
        if len(batch) >= 5000:
            Post.objects.bulk_create(batch)
            batch = []
    Post.objects.bulk_create(batch)
    return count


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main():
    args = parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-search-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    scratch_database = set_up_database(args, scratch)
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = scratch / "media"
    if args.elasticsearch_url:
        settings.ELASTICSEARCH_URL = args.elasticsearch_url
        settings.ELASTICSEARCH_INDEX = f"wissensnetz-bench-{os.getpid()}"
        settings.SEARCH_BACKEND = "search.backends.elasticsearch.ElasticsearchBackend"
        # Measure the engine, not the fallback: a slow answer is waited for and counted.
        settings.ELASTICSEARCH_TIMEOUT = 30
    settings.DEBUG = False
    # Seeding writes rows in bulk; the index is built once afterwards, as search_rebuild does.
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
    }
    import io

    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.utils import translation

    import forum.search
    import kb.search
    import partners.search
    from search import services
    from search.backends import get_backend
    from search.indexing import backends
    from search.indexing_all import all_documents

    for module in (kb.search, forum.search, partners.search):
        module.schedule = lambda keys: None
    try:
        call_command("migrate", verbosity=0)
        call_command("load_demo", apps=["partners", "theme"], stdout=io.StringIO())
        passages = read_jsonl(args.corpus / "benchmark" / "passages.jsonl")
        articles = read_jsonl(args.corpus / "articles.jsonl")
        print(f"loading {len(passages) + len(articles)} articles …", file=sys.stderr)
        slugs = load_articles(passages + articles)
        print("loading posts …", file=sys.stderr)
        load_posts(args.corpus, args.posts)
        print("building the index …", file=sys.stderr)
        started = time.perf_counter()
        engine_build_seconds = None
        for backend in backends():
            backend_started = time.perf_counter()
            documents = backend.rebuild(all_documents())
            if backend.name == "elasticsearch":
                engine_build_seconds = round(time.perf_counter() - backend_started, 1)
        build_seconds = time.perf_counter() - started
        queries = read_jsonl(args.corpus / "benchmark" / "queries.jsonl")
        if args.limit_queries and args.limit_queries < len(queries):
            queries = random.Random(12).sample(queries, args.limit_queries)
        gc.collect()
        gc.freeze()
        visitor = AnonymousUser()
        fallbacks = FallbackCounter()
        logging.getLogger("search.backends.elasticsearch").addHandler(fallbacks)
        latencies = []
        ranks = defaultdict(list)
        backend_name = ""
        print(f"running {len(queries)} queries …", file=sys.stderr)
        with translation.override("de"):
            for query in queries:
                started = time.perf_counter()
                results = services.search(query["text"], visitor)
                latencies.append((time.perf_counter() - started) * 1000)
                backend_name = results.backend
                found = [
                    slugs.get(hit.url.split("#")[0].rstrip("/").rsplit("/", 1)[-1])
                    for hit in results.page.object_list
                ]
                relevant = set(query["relevant"])
                rank = next((i for i, pid in enumerate(found, 1) if pid in relevant), None)
                ranks[query["source"]].append(rank)
    finally:
        if args.elasticsearch_url:
            get_backend().drop()
        if scratch_database:
            drop_database(args, scratch_database)
    quality = {
        source: {
            "queries": len(found),
            "mrr@10": round(statistics.fmean(1 / r if r else 0 for r in found), 3),
            "s@1": round(statistics.fmean(1 if r == 1 else 0 for r in found), 3),
            "s@10": round(statistics.fmean(1 if r else 0 for r in found), 3),
        }
        for source, found in sorted(ranks.items())
    }
    print(
        json.dumps(
            {
                "backend": backend_name,
                "documents": documents,
                "build_seconds": round(build_seconds, 1),
                **({"engine_build_seconds": engine_build_seconds} if engine_build_seconds else {}),
                "latency_ms": {
                    "p50": round(percentile(latencies, 0.5), 2),
                    "p95": round(percentile(latencies, 0.95), 2),
                    "max": round(max(latencies), 2),
                },
                "quality": quality,
                **({"engine_fallbacks": fallbacks.count} if args.elasticsearch_url else {}),
            }
        )
    )


if __name__ == "__main__":
    main()
