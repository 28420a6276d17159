"""The end of ``make test``: each pass's wall time and the slowest tests of all passes.

``make test`` runs the suite in passes (SQLite, PostgreSQL, browser), writes a JUnit report
per pass and a line ``<pass> <seconds> <exit status>`` per pass to ``passes.txt``, all in one
folder; this prints them together, so that a pass or a test that became slow shows.

    python -m tests.timings .test-reports [--slowest 20]
"""

import argparse
import sys
import xml.etree.ElementTree as ET  # noqa: S405 (reads the suite's own JUnit reports)
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Pass:
    name: str
    seconds: int
    status: int
    tests: int
    failures: int
    skipped: int


@dataclass(frozen=True)
class TestTime:
    seconds: float
    pass_name: str
    test: str


def read_passes(folder: Path) -> list[Pass]:
    passes = []
    lines = (folder / "passes.txt").read_text().splitlines() if folder.exists() else []
    for line in lines:
        name, seconds, status = line.split()
        tests = failures = skipped = 0
        report = folder / f"{name}.xml"
        if report.exists():
            for suite in ET.parse(report).getroot().iter("testsuite"):  # noqa: S314
                tests += int(suite.get("tests", 0))
                failures += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
                skipped += int(suite.get("skipped", 0))
        passes.append(Pass(name, int(seconds), int(status), tests, failures, skipped))
    return passes


def read_test_times(folder: Path) -> list[TestTime]:
    times = []
    for report in sorted(folder.glob("*.xml")):
        for case in ET.parse(report).getroot().iter("testcase"):  # noqa: S314
            test = f"{case.get('classname', '')}::{case.get('name', '')}"
            times.append(TestTime(float(case.get("time", 0)), report.stem, test))
    return sorted(times, key=lambda each: each.seconds, reverse=True)


def minutes(seconds: float) -> str:
    return f"{int(seconds) // 60}m {int(seconds) % 60:02d}s"


def report(folder: Path, slowest: int) -> list[str]:
    passes = read_passes(folder)
    lines = ["", "== Wall time of each pass"]
    for each in passes:
        outcome = "passed" if each.status == 0 else f"FAILED (exit {each.status})"
        counts = f"{each.tests} tests, {each.failures} failed, {each.skipped} skipped"
        lines.append(f"  {each.name:<10} {minutes(each.seconds):>8}  {outcome:<18} {counts}")
    lines.append(f"  {'all':<10} {minutes(sum(each.seconds for each in passes)):>8}")
    lines.append(f"== The {slowest} slowest tests (set-up, call and tear-down together)")
    for each in read_test_times(folder)[:slowest]:
        lines.append(f"  {each.seconds:6.2f}s  {each.pass_name:<10} {each.test}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--slowest", type=int, default=20)
    args = parser.parse_args(argv)
    sys.stdout.write("\n".join(report(args.folder, args.slowest)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
