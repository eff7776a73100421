"""Collects socket ops and commits them as one group per live tick (one transaction per group).

Handlers submit a job and wait; at every tick the fan-out loop first calls `commit_pending`, which
runs everything queued through services.batch.run_batch in one transaction and wakes the handlers
(they then send their acks), and then emits the committed Events. An op therefore waits at most one
tick to be committed and is on every screen right after, and a busy board pays for one transaction
per tick, not one per op.
"""
from __future__ import annotations

import logging
import threading

from ..extensions import db
from ..services.batch import Job, run_batch

log = logging.getLogger(__name__)
WAIT_SECONDS = 30


class Committer:
    """One per process: the queue of jobs waiting for the next tick's group commit."""

    def __init__(self, app, socketio, fanout) -> None:
        self.app = app
        self.socketio = socketio
        self.fanout = fanout
        self.queue: list[Job] = []
        self._lock = threading.Lock()  # a real lock in threading mode: a job appended mid-swap must not be lost

    def submit(self, job: Job) -> None:
        """Queue a job and block (cooperatively) until its group has committed."""
        if self.fanout.tick <= 0:  # no ticking (handler tests): commit at once, in the caller's context
            run_batch([job])
            return
        # Hand back this handler's pooled connection first: handlers holding connections while they wait
        # for the tick would starve the group commit of one (a deadlock once the pool runs dry).
        db.session.remove()
        job.done = self.socketio.server.eio.create_event()
        with self._lock:
            self.queue.append(job)
        self.fanout.ensure_started()
        if job.done.wait(WAIT_SECONDS):
            return
        with self._lock:
            still_queued = job in self.queue
            if still_queued:
                self.queue.remove(job)
        if still_queued:  # never taken: truly nothing was changed, as the error ack will say
            raise TimeoutError("the op was not committed in time")
        job.done.wait()  # its group is committing right now: the outcome is near, and the ack must tell it

    def commit_pending(self) -> None:
        """Called by the tick: commit what is queued now as one group; ops arriving meanwhile wait for the next."""
        with self._lock:
            jobs, self.queue = self.queue, []
        if not jobs:
            return
        with self.app.app_context():
            try:
                run_batch(jobs)
            except Exception as error:  # the tick must survive anything one group does
                log.exception("group commit failed")
                for job in jobs:
                    if job.ack is None and job.error is None:
                        job.error = error
            finally:
                db.session.remove()
        for job in jobs:
            job.done.set()
