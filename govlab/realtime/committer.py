"""Collects socket ops and applies them in group commits (one transaction per batch).

Handlers submit a job and wait; one background task takes everything queued, runs it through
services.batch.run_batch, and wakes the handlers, which then send their acks. While one batch
commits the next one fills up, so a busy board pays for one transaction per batch, not per op.
"""
from __future__ import annotations

import logging

from ..extensions import db
from ..services.batch import Job, run_batch

log = logging.getLogger(__name__)
WAIT_SECONDS = 30


class Committer:
    """One per process: a queue of jobs and the task that commits them."""

    def __init__(self, app, socketio, window: float = 0.0) -> None:
        self.app = app
        self.window = window
        self.socketio = socketio
        self.queue: list[Job] = []
        self.wake = None
        self.started = False

    def _start(self) -> None:
        if not self.started:
            self.started = True
            self.wake = self.socketio.server.eio.create_event()
            self.socketio.start_background_task(self._run)

    def submit(self, job: Job) -> None:
        """Queue a job and block (cooperatively) until its batch has committed."""
        self._start()
        job.done = self.socketio.server.eio.create_event()
        self.queue.append(job)
        self.wake.set()
        if not job.done.wait(WAIT_SECONDS):
            raise TimeoutError("the op was not committed in time")

    def _run(self) -> None:
        while True:
            self.wake.wait()
            self.wake.clear()
            # Let the ops arriving right now join this batch: a short wait buys a bigger group commit.
            self.socketio.sleep(self.window)
            while self.queue:
                jobs, self.queue = self.queue, []
                with self.app.app_context():
                    try:
                        run_batch(jobs)
                    except Exception as error:  # the loop must survive anything one batch does
                        log.exception("batch failed")
                        for job in jobs:
                            if job.ack is None and job.error is None:
                                job.error = error
                    finally:
                        db.session.remove()
                for job in jobs:
                    job.done.set()
