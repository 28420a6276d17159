"""The timing summary at the end of ``make test`` (no database needed)."""

from tests.timings import report

JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="3" failures="1" errors="0" skipped="1">
<testcase classname="tests.kb.test_pages" name="test_fast" time="0.10"/>
<testcase classname="tests.kb.test_pages" name="test_slow" time="7.50"/>
<testcase classname="tests.forum.test_posting" name="test_middle" time="2.25"/>
</testsuite></testsuites>
"""


def write_pass(folder, name, seconds, status):
    (folder / f"{name}.xml").write_text(JUNIT)
    with (folder / "passes.txt").open("a") as record:
        record.write(f"{name} {seconds} {status}\n")


def test_each_pass_is_listed_with_its_wall_time_and_counts(tmp_path):
    write_pass(tmp_path, "sqlite", 130, 0)
    write_pass(tmp_path, "browser", 61, 1)
    lines = report(tmp_path, slowest=2)
    assert "  sqlite       2m 10s  passed             3 tests, 1 failed, 1 skipped" in lines
    assert "  browser      1m 01s  FAILED (exit 1)    3 tests, 1 failed, 1 skipped" in lines
    assert "  all          3m 11s" in lines


def test_the_slowest_tests_of_all_passes_come_first_and_no_more_than_asked(tmp_path):
    write_pass(tmp_path, "sqlite", 10, 0)
    write_pass(tmp_path, "postgres", 12, 0)
    lines = report(tmp_path, slowest=3)
    heading = next(n for n, line in enumerate(lines) if line.startswith("== The 3 slowest"))
    slowest = lines[heading + 1 :]
    assert [line.split() for line in slowest] == [
        ["7.50s", "postgres", "tests.kb.test_pages::test_slow"],
        ["7.50s", "sqlite", "tests.kb.test_pages::test_slow"],
        ["2.25s", "postgres", "tests.forum.test_posting::test_middle"],
    ]
