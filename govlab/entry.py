"""The `govlab` console script. The only module that touches the async library directly.

`govlab run` must patch the standard library before anything else imports it, so this module
imports nothing of GovLab until the hub is set up.
"""
from __future__ import annotations

import os
import sys


def _prepare_hub(argv: list[str]) -> None:
    """Monkey-patch for eventlet or gevent when serving; make psycopg2 cooperate under eventlet."""
    if not argv or argv[0] != "run":
        os.environ.setdefault("GOVLAB_ASYNC_MODE", "threading")
        return
    mode = os.environ.get("GOVLAB_ASYNC_MODE", "eventlet")
    if mode == "eventlet":
        import warnings

        # eventlet warns that it is in maintenance mode; we know (docs/architecture.md).
        warnings.filterwarnings("ignore", message=r"(?s).*Eventlet is deprecated")
        import eventlet

        eventlet.monkey_patch()
        if os.environ.get("GOVLAB_DATABASE_URL", "").startswith(("postgres://", "postgresql")):
            from psycogreen.eventlet import patch_psycopg

            patch_psycopg()
    elif mode == "gevent":
        from gevent import monkey

        monkey.patch_all()
    _install_offload(mode)


def _install_offload(mode: str) -> None:
    """Password hashing runs on real OS threads the hub can wait on, GOVLAB_HASH_THREADS at a time."""
    from . import offload

    slots = offload.hash_threads()
    if mode == "eventlet":
        from eventlet import semaphore, tpool

        offload.install(tpool.execute, semaphore.BoundedSemaphore(slots))
    elif mode == "gevent":
        import gevent
        from gevent.lock import BoundedSemaphore

        offload.install(lambda fn, *args: gevent.get_hub().threadpool.apply(fn, args), BoundedSemaphore(slots))
    else:
        import threading

        offload.install(offload.run_direct, threading.BoundedSemaphore(slots))


def main(argv: list[str] | None = None) -> None:
    """Entry point of `govlab` and `python -m govlab`."""
    argv = list(sys.argv[1:] if argv is None else argv)
    _prepare_hub(argv)
    from .cli import cli

    cli.main(args=argv, prog_name="govlab")
