"""Run CPU-heavy calls (password hashing) on real OS threads, a bounded number at a time.

The async-specific runner and semaphore are installed by `govlab/entry.py`, the only module that may
import eventlet or gevent. Without one (tests, CLI commands, threading mode) calls run directly.
"""
from __future__ import annotations

import os
from typing import Any, Callable, ContextManager, TypeVar

T = TypeVar("T")
Runner = Callable[..., Any]


def run_direct(fn: Callable[..., T], *args: Any) -> T:
    """Call fn(*args) here and now."""
    return fn(*args)


_runner: Runner = run_direct
_gate: ContextManager | None = None


def hash_threads() -> int:
    """GOVLAB_HASH_THREADS: how many hashes may run at once (default 1, at least 1)."""
    try:
        value = int(os.environ.get("GOVLAB_HASH_THREADS", "1"))
    except ValueError:
        return 1
    return max(1, min(value, 64))


def install(runner: Runner, gate: ContextManager | None) -> None:
    """Use `runner(fn, *args)` for blocking calls, at most as many at once as `gate` lets through."""
    global _runner, _gate
    _runner, _gate = runner, gate


def reset() -> None:
    """Back to direct, unbounded calls."""
    install(run_direct, None)


def run_on_worker(fn: Callable[..., T], *args: Any) -> T:
    """Call fn(*args) on a worker thread (or directly) without taking a hashing slot: for other CPU work
    that limits itself (suggested themes), so it never queues sign-ins behind it."""
    return _runner(fn, *args)


def run_blocking(fn: Callable[..., T], *args: Any) -> T:
    """Call fn(*args) on a worker thread (or directly), waiting cooperatively for a free slot."""
    if _gate is None:
        return _runner(fn, *args)
    # The gate is a green semaphore under eventlet/gevent: queued callers yield to the hub instead of
    # blocking it, and a storm of sign-ups holds at most GOVLAB_HASH_THREADS cores.
    with _gate:
        return _runner(fn, *args)
