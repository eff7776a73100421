"""A parallel run that loses tests fails: every test the workers collected must report back.

pytest-xdist summarises only the tests that reported, so a worker whose link to the controller broke
mid-run still ended "N passed" with exit code 0, and so did a run where several tests shared one node
id (xdist's file scheduler keeps one test per id: schemathesis once named all its cases alike, and 51
of them never ran). This plugin, active on the xdist controller only, fails the run when a collected
id repeats or a collected test never reports, and names them.
"""
from __future__ import annotations

from collections import Counter

import pytest


class RunGuard:
    """Counts what the workers collected against what they reported."""

    def __init__(self) -> None:
        self.expected: Counter[str] | None = None
        self.finished: Counter[str] = Counter()
        self.missing: list[str] = []
        self.repeated: list[str] = []

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids) -> None:
        """Each worker collects the same list (after -m/-k deselection): keep the first."""
        if self.expected is None:
            self.expected = Counter(ids)

    def pytest_runtest_logreport(self, report) -> None:
        """A test has run once its teardown reported (also when its setup failed or skipped it)."""
        if report.when == "teardown":
            self.finished[report.nodeid] += 1

    def pytest_sessionfinish(self, session) -> None:
        """Fail the session when ids repeat or a collected test never reported (unless stopped on purpose)."""
        if self.expected is None or session.shouldstop or session.shouldfail:
            return
        self.repeated = sorted(nodeid for nodeid, count in self.expected.items() if count > 1)
        self.missing = sorted((self.expected - self.finished).elements())
        if self.missing or self.repeated:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter) -> None:
        """Name the repeated ids and the tests that never ran."""
        if not (self.missing or self.repeated):
            return
        terminalreporter.section("tests that never ran", sep="=", red=True, bold=True)
        if self.repeated:
            terminalreporter.line("These node ids name several tests (xdist runs one of each); "
                                  "the run fails:", red=True)
            for nodeid in self.repeated:
                terminalreporter.line(f"  {nodeid} ({self.expected[nodeid]} tests)")
        if self.missing:
            total = sum(self.expected.values())
            terminalreporter.line(f"{len(self.missing)} of {total} collected tests never reported; "
                                  "the run fails:", red=True)
            for nodeid in self.missing:
                terminalreporter.line(f"  {nodeid}")


def pytest_configure(config) -> None:
    """Only the controller of a parallel run counts (a worker, or a plain run, has nothing to compare)."""
    if not hasattr(config, "workerinput") and getattr(config.option, "numprocesses", None):
        config.pluginmanager.register(RunGuard(), "govlab-run-guard")
