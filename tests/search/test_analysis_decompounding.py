import subprocess
import sys
from pathlib import Path

import pytest

from search import charsplit
from search.analysis import index_terms

ROOT = Path(__file__).resolve().parents[2]

# CharSplit's own tables in dicts took a process from 10 to 330 MiB; the analysis of a
# text now costs a few MiB over the interpreter, the stemmer and the stop words.
ANALYSIS_PROCESS_MIB = 60

# The peak from /proc (VmHWM, in KiB): getrusage's would count the forking test process.
MEASURE = """
import sys
from search import analysis
analysis.index_terms("Die Digitalisierungsstrategie des Kreises und der Breitbandausbau")
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
print(int(status["VmHWM"].split()[0]) // 1024)
print(any(name.startswith("compound_split.") for name in sys.modules))
"""


def terms_of(text):
    return set(index_terms(text))


@pytest.fixture
def tiny_tables(tmp_path, monkeypatch):
    """CharSplit tables of three entries, in the package's format, in a file of the test's
    own; the split they make of "digitalisierungsstrategie" is worked out by hand below."""
    source = tmp_path / "de_ngram_probs.py"
    source.write_text(
        "prefix={'strategie': 0.9}\ninfix={'str': 0.1}\nsuffix={'digitalisierung': 0.8}\n"
    )
    monkeypatch.setattr(charsplit, "_source", lambda: source)
    monkeypatch.setenv("SEARCH_CHARSPLIT_TABLES", str(tmp_path / "tables.sqlite3"))
    monkeypatch.setattr(charsplit, "_tables", charsplit._Tables())
    return tmp_path / "tables.sqlite3"


def test_analysing_a_text_keeps_the_process_small():
    charsplit.ensure_tables()
    result = subprocess.run(  # noqa: S603  (this interpreter, the fixed script above)
        [sys.executable, "-c", MEASURE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert int(result.stdout.split()[0]) < ANALYSIS_PROCESS_MIB


def test_analysing_a_text_does_not_load_charsplits_tables_into_memory():
    charsplit.ensure_tables()
    result = subprocess.run(  # noqa: S603  (this interpreter, the fixed script above)
        [sys.executable, "-c", MEASURE], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split()[1] == "False"


@pytest.mark.parametrize(
    ("compound", "part"),
    [
        ("Digitalisierungsstrategie", "Strategie"),
        ("Breitbandausbau", "Ausbau"),
        ("Bürgerbüro", "Büro"),
        ("Kreisverwaltung", "Verwaltung"),
        ("Verwaltungsdigitalisierung", "Digitalisierung"),
    ],
)
def test_a_typical_compound_is_found_by_its_last_part(compound, part):
    assert terms_of(part) <= terms_of(compound)


def test_the_head_of_a_compound_with_a_linking_s_is_found_without_it():
    assert terms_of("Verwaltung") <= terms_of("Verwaltungsdigitalisierung")


def test_the_tables_are_built_on_first_use(tiny_tables):
    charsplit.best_split("digitalisierungsstrategie")

    assert tiny_tables.exists()


def test_a_split_scores_tail_start_less_broken_inner_sequence_plus_head_end(tiny_tables):
    # "strategie" starts words (0.9), "str" inside a word is rare (0.1), "digitalisierung"
    # ends words (0.8) once its linking "s" is off: 0.9 - 0.1 + 0.8.
    assert charsplit.best_split("digitalisierungsstrategie") == (
        pytest.approx(1.6),
        "digitalisierungs",
        "strategie",
    )


def test_a_word_too_short_to_split_comes_back_whole(tiny_tables):
    assert charsplit.best_split("amt") == (0.0, "amt", "amt")
