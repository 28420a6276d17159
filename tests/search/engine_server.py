"""Run a command with ELASTICSEARCH_URL pointing at a search engine: the one already named
in the environment (a real cluster), or else an in-memory OpenSearch-API server (the
``osmem-server`` package's binary) started on a free loopback port for the command's life.

    python -m tests.search.engine_server pytest tests/search

Without a server to start the command is skipped with a reason, unless REQUIRE_SEARCH_ENGINE
is set (CI), which makes it fail.
"""

import contextlib
import json
import os
import subprocess
import sys
import threading


def say(line: str) -> None:
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


class Osmem:
    """osmem-server on a free loopback port, its warnings printed once each: it repeats the
    same "token filter … ignored" for every index a test creates."""

    def __init__(self, binary: str, startup_timeout: float = 30):
        self.process = subprocess.Popen(  # noqa: S603 (the binary of an installed package)
            [binary, "--addr", "127.0.0.1:0", "--no-ja", "--parent-pid", str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready = {}
        reader = threading.Thread(target=self._read_ready, args=(ready,), daemon=True)
        reader.start()
        reader.join(startup_timeout)
        if "url" not in ready:
            self.close()
            raise RuntimeError(f"no answer within {startup_timeout} s")
        self.url, self.version = ready["url"], ready.get("version", "")
        threading.Thread(target=self._warn_once, daemon=True).start()

    def _read_ready(self, ready: dict) -> None:
        for line in self.process.stdout:
            with contextlib.suppress(ValueError):
                message = json.loads(line)
                if isinstance(message, dict) and "url" in message:
                    ready.update(message)
                    return

    def _warn_once(self) -> None:
        seen = set()
        for line in self.process.stderr:
            if line not in seen:
                seen.add(line)
                sys.stderr.write(line)

    def close(self) -> None:
        # Closing its standard input is how osmem-server is asked to exit.
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_osmem():
    """The running emulator, or the reason it could not start."""
    try:
        from osmem_server import resolve_binary

        return Osmem(resolve_binary()), ""
    except Exception as error:  # not installed, no binary for this platform, or no start
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
