"""The parallel run's guard: a test that never reports fails the run and is named."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

DROPPING_CONFTEST = '''
import pytest

@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """On a worker, behave like one whose link broke: claim the test ran, report nothing."""
    if item.name == "test_lost":
        return True
'''
TESTS = '''
def test_kept():
    assert True

def test_lost():
    assert True
'''


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text(DROPPING_CONFTEST)
    (tmp_path / "test_sample.py").write_text(TESTS)
    (tmp_path / "test_other.py").write_text("def test_other():\n    assert True\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.run_guard", "-p", "no:cacheprovider",
                           "-p", "no:randomly", *args], cwd=tmp_path, env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def test_a_test_that_never_reports_fails_the_parallel_run(tmp_path):
    result = _run(tmp_path, "-n", "2")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "tests that never ran" in result.stdout
    assert "test_sample.py::test_lost" in result.stdout
    assert "1 of 3 collected tests never reported; the run fails" in result.stdout


def test_a_complete_parallel_run_passes(tmp_path):
    (tmp_path / "conftest.py").write_text("")
    (tmp_path / "test_sample.py").write_text(TESTS)
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.run_guard", "-p", "no:cacheprovider",
                             "-n", "2"], cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "never ran" not in result.stdout


def test_deselected_tests_are_not_counted_as_missing(tmp_path):
    result = _run(tmp_path, "-n", "2", "-k", "not lost")
    assert result.returncode == 0, result.stdout + result.stderr


REPEATING_CONFTEST = '''
def pytest_collection_modifyitems(items):
    """Name two tests alike, as a plugin that forgets the parameters in its node ids would."""
    for item in items:
        if item.name.startswith("test_case"):
            item._id = type(item._id).parse(item.nodeid.split("[")[0])
'''


def test_tests_sharing_one_node_id_fail_the_parallel_run(tmp_path):
    (tmp_path / "conftest.py").write_text(REPEATING_CONFTEST)
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n\n@pytest.mark.parametrize('n', [1, 2, 3])\ndef test_case(n):\n    assert n\n")
    result = subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.run_guard", "-p", "no:cacheprovider",
                             "-n", "2", "--dist", "loadfile"], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "test_sample.py::test_case (3 tests)" in result.stdout
