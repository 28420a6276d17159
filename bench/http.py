"""What each page type costs over HTTP, as a ratio to a one-view Django app in the same run.

Seeds a throw-away SQLite database the way bench/pages.py does (--pages library pages from
the shared corpus, --posts forum posts in --threads threads), then serves it with gunicorn,
production settings and deploy/gunicorn.conf.py, two sync workers each:

- the site with the page cache, for visitors' cached pages and for a member (session cookie);
- the site with PAGE_CACHE_SECONDS=0, for visitors' uncached pages;
- bench/anchor, a one-view Django app without a database, as the anchor.

A load generator (wrk where installed, else a Python client of keep-alive connections)
drives each URL for --duration seconds over --connections connections. Worker CPU comes from
/proc: utime+stime of the master's workers (and of reaped ones, its cutime+cstime) before
and after a run, divided by the requests the load generator completed. The machine is
shared and noisy, so each round runs the anchor right before every page type's three runs,
and every figure is the median over --rounds rounds; a page's ratio is the median of its
per-round ratios to the anchor run before it. Prints one JSON object on its last line:

    {"pages": {"<name>": {"rps": x, "p50_ms": x, "p99_ms": x, "cpu_ms": x, "ratio": x}},
     "anchor_cpu_ms": x, "worker_rss_mib": x, ...}

Names: "<type>" a visitor without the page cache, "<type>_member" a member,
"<type>_cached" a visitor with the page cache warm. worker_rss_mib is the largest VmRSS
of the site's workers after every run. Workers are not recycled (GUNICORN_MAX_REQUESTS=0),
so that a replacement's start-up is neither counted as a request's CPU nor lowers the RSS.

Usage: .venv/bin/python bench/http.py [--pages 1000] [--posts 5000] [--threads 300]
       [--rounds 3] [--duration 5] [--connections 16] [--corpus DIR] [--python-client]
"""

import sys
from pathlib import Path

# Run as a script, this file's folder comes first on the path, and this file would stand in
# for the standard library's http package that it and Django import.
BENCH = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != BENCH]

import argparse  # noqa: E402
import contextlib  # noqa: E402
import http.client  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import urllib.error  # noqa: E402
import urllib.request  # noqa: E402
from collections.abc import Iterator  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
WORKERS = 2
WRK_THREADS = 2
STARTUP_SECONDS = 180
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# A settings module in the scratch folder: production's, with the static files collected
# there instead of into the checkout's staticfiles/.
SETTINGS_MODULE = "bench_production"
SETTINGS_SOURCE = (
    "import os\n"
    "from pathlib import Path\n\n"
    "from config.settings.production import *  # noqa: F403\n\n"
    'STATIC_ROOT = Path(os.environ["BENCH_STATIC_ROOT"])\n'
)
# wrk reports through this script: one JSON line that the bench reads back.
WRK_REPORT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "errors": %d, "p50_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=1000, help="library pages to seed")
    parser.add_argument("--posts", type=int, default=5000, help="forum posts to seed")
    parser.add_argument("--threads", type=int, default=300, help="forum threads to seed")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    parser.add_argument("--duration", type=int, default=5, help="seconds per load run")
    parser.add_argument("--connections", type=int, default=16, help="concurrent connections")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument(
        "--python-client", action="store_true", help="use the Python client even if wrk exists"
    )
    args = parser.parse_args()
    args.database_url = None  # bench/pages.py's seeding asks; this bench measures SQLite
    return args


def seed_site(args, scratch: Path, secret_key: str) -> tuple[dict[str, str], str]:
    """The seeded database (bench/pages.py's library and forum) and a member's session key."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    sys.path.insert(0, str(ROOT))
    pages = _load_module("bench_pages", BENCH / "pages.py")
    pages.set_up_database(args, scratch)
    import django
    from django.conf import settings

    django.setup()
    settings.MEDIA_ROOT = scratch / "media"
    # The servers' key: it signs the member's session and its password hash.
    settings.SECRET_KEY = secret_key
    from django.db import connections
    from django.test import Client

    urls, member = pages.seed(args)
    forum = pages.seed_forum(args)
    urls.update(
        forum_index=forum["forum_index"],
        category=forum["category"],
        thread=forum["thread_50_posts"],
        thread_last_page=forum["thread_last_page"],
    )
    client = Client()
    client.force_login(member)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    connections.close_all()
    return urls, session


def _load_module(name: str, path: Path):
    """bench/pages.py by its path: its folder must stay off the import path (see above)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def production_environment(scratch: Path, secret_key: str, **overrides: str) -> dict[str, str]:
    """The environment of production settings on the seeded database, without Redis."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
            "PYTHONPATH": os.pathsep.join([str(scratch), str(ROOT)]),
            "SECRET_KEY": secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_BASE_URL": "http://127.0.0.1",
            "DATABASE_URL": os.environ["DATABASE_URL"],
            "CONN_MAX_AGE": "600",
            "SECURE_SSL_REDIRECT": "false",
            "MEDIA_ROOT": str(scratch / "media"),
            "BENCH_STATIC_ROOT": str(scratch / "static"),
            "GUNICORN_MAX_REQUESTS": "0",
        }
    )
    environment.update(overrides)
    return environment


def prepare_production(environment: dict[str, str], scratch: Path) -> None:
    """Production's static files manifest and the database cache's table."""
    (scratch / f"{SETTINGS_MODULE}.py").write_text(SETTINGS_SOURCE, encoding="utf-8")
    for command in (["collectstatic", "--noinput", "-v0"], ["createcachetable"]):
        subprocess.run(  # noqa: S603  (the venv's Python with fixed arguments)
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=environment,
            check=True,
        )


class Server:
    """A gunicorn master started with production's gunicorn settings; its workers in /proc."""

    def __init__(self, name: str, app: str, environment: dict[str, str], scratch: Path):
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = (scratch / f"{name}.log").open("w")
        self.process = subprocess.Popen(  # noqa: S603  (the venv's gunicorn, fixed arguments)
            [
                str(Path(sys.executable).with_name("gunicorn")),
                app,
                f"--config={ROOT / 'deploy' / 'gunicorn.conf.py'}",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={WORKERS}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_until_answering(self, path: str) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name}: gunicorn stopped, see {self.log.name}")
            with contextlib.suppress(OSError):
                if fetch(self.base + path)[0] == 200:
                    return
            time.sleep(0.5)
        raise SystemExit(f"{self.name}: no answer within {STARTUP_SECONDS} s")

    def workers(self) -> list[int]:
        """The master's children: its workers."""
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError):
                    if _stat_fields(int(entry.name))[1] == self.process.pid:
                        children.append(int(entry.name))
        return children

    def cpu_seconds(self) -> float:
        """CPU time of every worker this master ever had: the living and the reaped ones."""
        ticks = 0
        for pid in self.workers():
            with contextlib.suppress(OSError):  # a worker that just ended
                fields = _stat_fields(pid)
                ticks += fields[11] + fields[12]
        master = _stat_fields(self.process.pid)
        return (ticks + master[13] + master[14]) / CLOCK_TICKS

    def settle(self, timeout: float = 60) -> None:
        """Wait until the workers are idle: requests the load generator left queued when it
        stopped are still served, and their CPU must not count in the next run."""
        deadline = time.monotonic() + timeout
        previous = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(0.3)
            current = self.cpu_seconds()
            if current == previous:
                return
            previous = current

    def largest_rss_mib(self) -> float:
        sizes = [0.0]
        for pid in self.workers():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        return max(sizes)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _stat_fields(pid: int) -> list[int]:
    """/proc/<pid>/stat after the command's name, as numbers where they are (state is 0):
    [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return [int(field) if field.lstrip("-").isdigit() else 0 for field in fields]


@contextlib.contextmanager
def served(name: str, app: str, environment: dict[str, str], scratch: Path, probe: str):
    server = Server(name, app, environment, scratch)
    try:
        server.wait_until_answering(probe)
        yield server
    finally:
        server.stop()


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def fetch(url: str, cookie: str | None = None) -> tuple[int, str]:
    """GET ``url`` once, redirects not followed: status and body."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with _opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def run_wrk(url: str, cookie: str | None, duration: float, connections: int, script: Path):
    """wrk's figures: completed requests, errors, seconds, p50 and p99 in ms."""
    command = [
        "wrk",
        f"-t{min(WRK_THREADS, connections)}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout=30s",
        f"--script={script}",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    result = subprocess.run(  # noqa: S603  (wrk with fixed arguments)
        [*command, url], capture_output=True, text=True, check=True
    )
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return (
        report["requests"],
        report["errors"],
        report["duration_us"] / 1e6,
        report["p50_us"] / 1000,
        report["p99_us"] / 1000,
    )


def run_python_client(url: str, cookie: str | None, duration: float, connections: int):
    """The same figures from threads of keep-alive connections, where wrk is missing."""
    host, _, rest = url.removeprefix("http://").partition("/")
    path = "/" + rest
    headers = {"Cookie": cookie} if cookie else {}
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + duration

    def client():
        connection = http.client.HTTPConnection(host, timeout=30)
        mine, failed = [], 0
        while (start := time.perf_counter()) < deadline:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
                mine.append((time.perf_counter() - start) * 1000)
            except (OSError, http.client.HTTPException):
                failed += 1
                connection.close()
                connection = http.client.HTTPConnection(host, timeout=30)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    workers = [threading.Thread(target=client) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies) or [0.0]
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return len(latencies), errors[0], elapsed, statistics.median(ordered), p99


class Load:
    """Drives one URL of one server and measures its workers' CPU meanwhile."""

    def __init__(self, args, scratch: Path):
        self.duration = args.duration
        self.connections = args.connections
        self.use_wrk = bool(shutil.which("wrk")) and not args.python_client
        self.script = scratch / "report.lua"
        self.script.write_text(WRK_REPORT, encoding="utf-8")

    @property
    def generator(self) -> str:
        return "wrk" if self.use_wrk else "python"

    def run(self, server: Server, path: str, cookie: str | None, duration=None) -> dict:
        duration = duration or self.duration
        url = server.base + path
        server.settle()
        before = server.cpu_seconds()
        if self.use_wrk:
            figures = run_wrk(url, cookie, duration, self.connections, self.script)
        else:
            figures = run_python_client(url, cookie, duration, self.connections)
        # Read at once: requests still queued when the generator stopped are not counted.
        cpu = server.cpu_seconds() - before
        requests, errors, seconds, p50, p99 = figures
        if errors or not requests:
            raise SystemExit(f"{url}: {errors} errors in {requests} requests")
        return {
            "rps": requests / seconds,
            "p50_ms": p50,
            "p99_ms": p99,
            "cpu_ms": cpu * 1000 / requests,
        }


def check_pages(site: Server, uncached: Server, urls: dict[str, str], cookie: str) -> None:
    """Every URL answers 200 to a visitor and to the member, who is shown as logged in."""
    for name, path in urls.items():
        for server, with_cookie in ((site, None), (uncached, None), (site, cookie)):
            status, body = fetch(server.base + path, with_cookie)
            if status != 200:
                raise SystemExit(f"{name} ({path}) answered {status} on {server.name}")
            if with_cookie and "logout" not in body:
                raise SystemExit(f"{name}: the member's session was not accepted")


def median_figures(runs: list[dict]) -> dict:
    return {key: round(statistics.median(run[key] for run in runs), 2) for key in runs[0]}


@contextlib.contextmanager
def servers(environment: dict[str, str], scratch: Path) -> Iterator[tuple[Server, ...]]:
    anchor_environment = {
        key: value for key, value in environment.items() if key != "DJANGO_SETTINGS_MODULE"
    }
    anchor_environment["PYTHONPATH"] = str(ROOT)
    uncached_environment = {**environment, "PAGE_CACHE_SECONDS": "0"}
    with (
        served("anchor", "bench.anchor.wsgi", anchor_environment, scratch, "/") as anchor,
        served("site", "config.wsgi", environment, scratch, "/healthz") as site,
        served("uncached", "config.wsgi", uncached_environment, scratch, "/healthz") as uncached,
    ):
        yield anchor, site, uncached


def main():
    args = parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-http-"))
    secret_key = secrets.token_urlsafe(50)
    started = time.perf_counter()
    urls, session = seed_site(args, scratch, secret_key)
    seed_seconds = time.perf_counter() - started
    environment = production_environment(scratch, secret_key)
    prepare_production(environment, scratch)
    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={session}"
    load = Load(args, scratch)
    anchor_runs: list[dict] = []
    runs: dict[str, list[dict]] = {}
    ratios: dict[str, list[float]] = {}
    with servers(environment, scratch) as (anchor, site, uncached):
        check_pages(site, uncached, urls, cookie)
        # Warm every worker: templates, per-process site caches, fragments, cached pages.
        load.run(anchor, "/", None, duration=1)
        for path in urls.values():
            load.run(uncached, path, None, duration=1)
            load.run(site, path, cookie, duration=1)
            load.run(site, path, None, duration=1)
        for number in range(1, args.rounds + 1):
            for name, path in urls.items():
                print(f"round {number}/{args.rounds}: {name} …", file=sys.stderr)
                reference = load.run(anchor, "/", None)
                anchor_runs.append(reference)
                for variant, server, with_cookie in (
                    (name, uncached, None),
                    (f"{name}_member", site, cookie),
                    (f"{name}_cached", site, None),
                ):
                    figures = load.run(server, path, with_cookie)
                    runs.setdefault(variant, []).append(figures)
                    ratios.setdefault(variant, []).append(figures["cpu_ms"] / reference["cpu_ms"])
        worker_rss = max(site.largest_rss_mib(), uncached.largest_rss_mib())
        anchor_rss = anchor.largest_rss_mib()
    pages = {
        name: {**median_figures(figures), "ratio": round(statistics.median(ratios[name]), 1)}
        for name, figures in runs.items()
    }
    anchor_figures = median_figures(anchor_runs)
    print(
        json.dumps(
            {
                "pages": pages,
                "anchor_cpu_ms": anchor_figures["cpu_ms"],
                "anchor_rps": anchor_figures["rps"],
                "worker_rss_mib": round(worker_rss, 1),
                "anchor_rss_mib": round(anchor_rss, 1),
                "load_generator": load.generator,
                "connections": args.connections,
                "duration_s": args.duration,
                "rounds": args.rounds,
                "library_pages": args.pages,
                "forum_posts": args.posts,
                "seed_seconds": round(seed_seconds, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
