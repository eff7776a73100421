"""govlab.offload: blocking calls run through the installed runner, at most `gate` of them at once."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from govlab import offload


@pytest.fixture(autouse=True)
def _reset():
    yield
    offload.reset()


def test_without_a_runner_calls_are_direct():
    caller = threading.get_ident()
    assert offload.run_blocking(lambda a, b: (a + b, threading.get_ident()), 2, 3) == (5, caller)


def test_the_gate_bounds_concurrency_and_results_and_errors_come_back():
    pool = ThreadPoolExecutor(max_workers=8)
    offload.install(lambda fn, *args: pool.submit(fn, *args).result(), threading.BoundedSemaphore(2))
    running, peak, lock = [0], [0], threading.Lock()

    def work(n):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        if n == 3:
            raise ValueError("boom")
        return n * n

    results, errors = [], []

    def caller(n):
        try:
            results.append(offload.run_blocking(work, n))
        except ValueError as error:
            errors.append(str(error))

    callers = [threading.Thread(target=caller, args=(n,)) for n in range(8)]
    for thread in callers:
        thread.start()
    for thread in callers:
        thread.join(10)
    pool.shutdown()
    assert peak[0] == 2
    assert sorted(results) == [n * n for n in range(8) if n != 3]
    assert errors == ["boom"]


def test_hash_threads_setting(monkeypatch):
    monkeypatch.delenv("GOVLAB_HASH_THREADS", raising=False)
    assert offload.hash_threads() == 1
    monkeypatch.setenv("GOVLAB_HASH_THREADS", "3")
    assert offload.hash_threads() == 3
    for bad in ("0", "-2", "x"):
        monkeypatch.setenv("GOVLAB_HASH_THREADS", bad)
        assert offload.hash_threads() == 1
