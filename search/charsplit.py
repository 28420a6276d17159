"""Where a German compound splits, by Don Tuggener's CharSplit, over tables kept on disk.

CharSplit (Tuggener 2016, "Incremental Coreference Resolution for German", and the
``compound-split`` package) learnt from German Wikipedia how likely each letter sequence is
to begin a word, to end one and to stand inside one. A split point scores high where the
head is a likely word ending, the tail a likely word beginning and no likely inner sequence
is cut in two.

The package keeps those tables as Python dicts, about 320 MiB in every process that imports
it. Here the same numbers sit in a SQLite file, built once from the package's data file by
a separate process (``python search/charsplit.py``, or on first use), which every process
then reads through the operating system's page cache: a few MiB per process instead of
hundreds, and the same splits.
"""

import fcntl
import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# Raised whenever the file's layout changes, so an old file is never read as a new one.
FORMAT = 1
# What CharSplit assumes for a sequence its tables do not hold: an unknown beginning or
# ending counts against a split, an unknown inner sequence in favour of one.
UNKNOWN_EDGE = -1.0
UNKNOWN_INNER = 1.0
# CharSplit's tables are written as "name={'gram': probability, ...}", one per line.
_TABLE_LINE = re.compile(r"^(prefix|infix|suffix)=\{")
_ENTRY = re.compile(r"'([^'\\]*)': ([-+0-9.e]+)")
_TABLES = ("prefix", "infix", "suffix")


def _source() -> Path:
    spec = importlib.util.find_spec("compound_split")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("The compound-split package (CharSplit's German tables) is missing.")
    return Path(spec.submodule_search_locations[0]) / "de_ngram_probs.py"


def tables_path() -> Path:
    """Where the tables live: ``SEARCH_CHARSPLIT_TABLES``, or beside the installed
    packages they come from (so a new virtualenv builds them anew)."""
    if configured := os.environ.get("SEARCH_CHARSPLIT_TABLES"):
        return Path(configured)
    source = _source()
    stamp = f"{FORMAT}-{source.stat().st_size}-{int(source.stat().st_mtime)}"
    return Path(sys.prefix) / "var" / "wissensnetz" / f"charsplit-de-{stamp}.sqlite3"


def build(target: Path, source: Path | None = None) -> None:
    """Write CharSplit's German tables from the package's data file into ``target``.

    The data file is read as text, never imported: importing it is what costs 320 MiB.
    """
    source = source or _source()
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, scratch = tempfile.mkstemp(dir=target.parent, suffix=".partial")
    os.close(fd)
    try:
        db = sqlite3.connect(scratch)
        db.execute("CREATE TABLE staged (kind TEXT, gram TEXT, p REAL)")
        with source.open(encoding="utf-8") as lines:
            for line in lines:
                if match := _TABLE_LINE.match(line):
                    kind = match.group(1)
                    db.executemany(
                        "INSERT INTO staged VALUES (?, ?, ?)",
                        ((kind, m[1], float(m[2])) for m in _ENTRY.finditer(line)),
                    )
        # Grouped, the rows arrive in key order and fill the table's pages densely.
        db.execute(
            "CREATE TABLE ngram (gram TEXT PRIMARY KEY, prefix REAL, infix REAL, suffix REAL)"
            " WITHOUT ROWID"
        )
        db.execute(
            "INSERT INTO ngram SELECT gram,"
            " max(CASE kind WHEN 'prefix' THEN p END),"
            " max(CASE kind WHEN 'infix' THEN p END),"
            " max(CASE kind WHEN 'suffix' THEN p END)"
            " FROM staged GROUP BY gram ORDER BY gram"
        )
        kinds = {kind for (kind,) in db.execute("SELECT DISTINCT kind FROM staged")}
        if kinds != set(_TABLES):
            raise RuntimeError(f"{source} does not hold CharSplit's three tables: {kinds}")
        longest = db.execute("SELECT max(length(gram)) FROM staged").fetchone()[0]
        db.execute("DROP TABLE staged")
        db.execute("CREATE TABLE meta (longest INTEGER)")
        db.execute("INSERT INTO meta VALUES (?)", (longest,))
        db.commit()
        db.execute("VACUUM")
        db.close()
        # mkstemp's file is private; the site's other users (web, jobs) read it too.
        os.chmod(scratch, 0o644)
        os.replace(scratch, target)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)


def ensure_tables() -> Path:
    """The tables' file, built first if missing — by a child process, so the peak memory of
    the build never counts against a web worker; concurrent callers wait for one build."""
    path = tables_path()
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            command = [sys.executable, "-I", __file__, str(path), str(_source())]
            subprocess.run(command, check=True)  # noqa: S603  (this interpreter, this file)
    return path


class _Tables(threading.local):
    """One read-only connection per thread and process (a SQLite connection must not cross
    a fork, and gunicorn forks)."""

    pid = None
    db = None
    longest = 0

    def connection(self) -> tuple[sqlite3.Connection, int]:
        if self.pid != os.getpid():
            uri = f"{ensure_tables().resolve().as_uri()}?mode=ro&immutable=1"
            self.db = sqlite3.connect(uri, uri=True)
            self.longest = self.db.execute("SELECT longest FROM meta").fetchone()[0]
            self.pid = os.getpid()
        return self.db, self.longest


_tables = _Tables()


# CharSplit's scoring, for every cut of :word after its third letter and before its last
# three: how likely the tail begins a word, less how likely the likeliest inner sequence
# the cut would break (a sequence from the cut to any later letter), plus how likely the
# head ends one. Heads and tails ending in a linking "s" ("Arbeits", "Verkehrs") are looked
# up without it. Sequences longer than the tables' longest are never found and count as
# unknown (the highest inner value), so they are not looked up. Done in SQLite, so no
# Python object is made per sequence.
_BEST_SPLIT = """
WITH RECURSIVE
  cut(n) AS (
    SELECT 3 UNION ALL SELECT n + 1 FROM cut WHERE n + 1 < length(:word) - 2
  ),
  part(n, head, tail) AS (
    SELECT n, substr(:word, 1, n), substr(:word, n + 1) FROM cut
  ),
  trimmed(n, head, tail) AS (
    SELECT n,
      CASE WHEN length(head) > 3 AND (head GLOB '*[tgkn]s' OR head GLOB '*hls')
        THEN substr(head, 1, length(head) - 1) ELSE head END,
      CASE WHEN length(tail) > 3 AND (tail GLOB '*[tgkn]s' OR tail GLOB '*hls')
        THEN substr(tail, 1, length(tail) - 1) ELSE tail END
    FROM part
  ),
  inner_gram(n, gram) AS (
    SELECT n, substr(:word, n + 1, 3) FROM cut
    UNION ALL
    SELECT n, substr(:word, n + 1, length(gram) + 1) FROM inner_gram
    WHERE n + length(gram) < length(:word) AND length(gram) < :longest
  ),
  inner_min(n, p) AS (
    SELECT n, min(coalesce(ngram.infix, :unknown_inner))
    FROM inner_gram LEFT JOIN ngram USING (gram) GROUP BY n
  )
SELECT coalesce(start.prefix, :unknown_edge) - inner_min.p
       + coalesce(finish.suffix, :unknown_edge) AS score,
       trimmed.n AS n
FROM trimmed
JOIN inner_min USING (n)
LEFT JOIN ngram AS start ON start.gram = trimmed.tail
LEFT JOIN ngram AS finish ON finish.gram = trimmed.head
ORDER BY score DESC, n DESC
LIMIT 1
"""


def best_split(word: str) -> tuple[float, str, str]:
    """CharSplit's best split of a lower-case word: ``(score, head, tail)``, of equal
    scores the one with the longer head, as CharSplit ranks them.

    The score runs from about -2 (nonsense) to 1 (certain). A word too short to split comes
    back whole as head and tail, scored 0.
    """
    word = word.lower()
    if len(word) < 6:
        return (0.0, word, word)
    db, longest = _tables.connection()
    score, cut = db.execute(
        _BEST_SPLIT,
        {
            "word": word,
            "longest": longest,
            "unknown_edge": UNKNOWN_EDGE,
            "unknown_inner": UNKNOWN_INNER,
        },
    ).fetchone()
    return (score, word[:cut], word[cut:])


if __name__ == "__main__":
    # Usage: python search/charsplit.py [TARGET [SOURCE]] — by default where tables_path() says.
    build(
        Path(sys.argv[1]) if len(sys.argv) > 1 else tables_path(),
        Path(sys.argv[2]) if len(sys.argv) > 2 else None,
    )
