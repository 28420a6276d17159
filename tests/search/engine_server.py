"""Run a command with ELASTICSEARCH_URL pointing at a search engine: the one already named
in the environment (a real cluster), or else an in-memory OpenSearch-API server (the
``osmem-server`` package's binary) started on a free loopback port for the command's life.

    python -m tests.search.engine_server pytest tests/search

Without a server to start the command is skipped with a reason, unless REQUIRE_SEARCH_ENGINE
is set (CI), which makes it fail.
"""

import os
import subprocess
import sys


def say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def start_osmem():
    """The running emulator, or the reason it could not start."""
    try:
        from osmem_server import OsmemServer
    except ImportError as error:
        return None, f"osmem-server is not installed ({error})"
    try:
        # English analysis is all the site needs; the Japanese dictionaries only cost memory.
        return OsmemServer.start(japanese=False, addr="127.0.0.1:0", startup_timeout=30), ""
    except Exception as error:  # its own OsmemError, or the binary failing to execute
        return None, f"osmem-server did not start: {error}"


def main(command: list[str]) -> int:
    if not command:
        sys.stderr.write(__doc__)
        return 2
    if os.environ.get("ELASTICSEARCH_URL"):
        say(f"== search engine: {os.environ['ELASTICSEARCH_URL']} (from the environment)")
        return subprocess.call(command)  # noqa: S603 (the command make gave)
    server, reason = start_osmem()
    if server is None:
        if os.environ.get("REQUIRE_SEARCH_ENGINE"):
            say(f"A search engine is required (REQUIRE_SEARCH_ENGINE): {reason}.")
            return 1
        say(f"== No search engine: {reason}; the engine pass is skipped.")
        return 0
    say(f"== search engine: osmem-server {server.version} at {server.url}")
    try:
        environment = {**os.environ, "ELASTICSEARCH_URL": server.url}
        return subprocess.call(command, env=environment)  # noqa: S603 (the command make gave)
    finally:
        server.close()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
