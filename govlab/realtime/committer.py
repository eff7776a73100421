"""Commits socket ops: at once while the process is quiet, in groups per tick under load.

An op is committed straight away, in its handler's own context, and broadcast at once; ops that
arrive while such a commit runs are committed together right after it. The process counts as busy,
and ops queue for the tick, which commits each tick's worth as one group, when over the last WINDOW
(250 ms) ops arrived fast enough for a tick to gather at least GROUP_MIN of them and committing each
of them alone would take more than LOAD_SHARE (25 %) of the time (their rate times the recent cost of
a lone commit) — or when the whole process has no CPU to spare (over load.BUSY_SHARE, 60 % of a core,
over the last second) and ops arrive at GROUP_MIN_BUSY (one every other tick) or faster. With no CPU
to spare, even merging one op in two saves a transaction and a frame to every socket of the room,
which in a workshop of 200 is worth more than half a tick of delay. Then the tick also commits only
as often as the fan-out sends a busy room's frames (every other tick, when they go to many sockets:
Fanout.frame_gap): a group committed in between would only wait for the next frame, and half the
groups save half the transactions' fixed cost.

A transaction has a fixed cost (a lone `card.update` costs about as much as five more ops in the same
group), so one transaction per tick instead of one per op is what keeps a busy process ahead of its
load. When ops arrive more slowly than that, a tick holds about one op: waiting saves nothing, and each
op would only be late by half a tick. The rule looks at what lone commits would cost, not at what the
current commits cost: grouped commits are cheap, and judging by them would flip a busy process back to
lone commits that it cannot afford. The window is short, so a burst after silence is grouped within a
quarter of a second, and a board that goes quiet is fast again as soon.
Only one group commits at a time per process.
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque

from ..extensions import db
from ..services.batch import Job, run_batch

log = logging.getLogger(__name__)
WAIT_SECONDS = 30
LOAD_SHARE = 0.25  # lone commits would take more than this share of the time: group per tick ...
GROUP_MIN = 2.0  # ... if ops arrive fast enough for a tick to gather this many
WINDOW = 0.25  # seconds of arrivals behind the rate: short, so a burst after silence is grouped soon
LONE_WEIGHT = 0.2  # how much the newest lone commit moves the running estimate of their cost
# Or the process has no CPU to spare and ops arrive at GROUP_MIN_BUSY per tick or more: then merging even
# one op in two into a group is worth half a tick of delay.
GROUP_MIN_BUSY = 0.5


class Committer:
    """One per process: the queue of ops waiting for the next group commit."""

    def __init__(self, app, socketio, fanout) -> None:
        self.app = app
        self.socketio = socketio
        self.fanout = fanout  # its tick paces the groups; its meter says how busy the process is
        self.queue: list[Job] = []
        self.committing = False  # a group is being committed (by a handler or the drainer)
        self.lone_cost = 0.0  # seconds a lone commit takes (running estimate; none measured yet: affordable)
        self._arrivals: deque[float] = deque()  # when the window's ops were submitted
        self._ticked = float("-inf")  # when the tick last committed a group
        self._lock = threading.Lock()  # a real lock in threading mode: a job appended mid-swap must not be lost

    def submit(self, job: Job) -> None:
        """Commit a job (at once, or with the next group) and return when its group has committed."""
        if self.fanout.tick <= 0:  # handler tests: commit at once, in the caller's context
            run_batch([job])
            return
        # Hand back this handler's pooled connection first: handlers holding connections while they wait
        # would starve the group commit of one (a deadlock once the pool runs dry).
        db.session.remove()
        job.done = self.socketio.server.eio.create_event()
        with self._lock:
            self.queue.append(job)
            self._arrivals.append(time.monotonic())
            lead = not self.committing and not self._busy()
            if lead:
                self.committing = True
        self.fanout.ensure_started()
        if lead:
            # Let the other sockets read what they were sent while the last commit ran (one green thread runs
            # at a time): their ops join this group instead of each leading a lone commit of its own in turn.
            self.socketio.sleep(0)
            self._commit_group()  # this handler commits what is queued now, its own op first
            self._hand_over()
        if job.done.wait(WAIT_SECONDS):
            return
        with self._lock:
            still_queued = job in self.queue
            if still_queued:
                self.queue.remove(job)
        if still_queued:  # never taken: truly nothing was changed, as the error ack will say
            raise TimeoutError("the op was not committed in time")
        job.done.wait()  # its group is committing right now: the outcome is near, and the ack must tell it

    def _busy(self) -> bool:
        """Should ops wait for the tick? Yes when they arrive fast enough for a tick to gather GROUP_MIN and
        committing each alone would take more than LOAD_SHARE of the time, or when the process has no CPU to
        spare and they arrive at GROUP_MIN_BUSY per tick. (called with the lock held)"""
        now = time.monotonic()
        while self._arrivals and now - self._arrivals[0] > WINDOW:
            self._arrivals.popleft()
        rate = len(self._arrivals) / WINDOW  # ops per second
        per_tick = rate * self.fanout.tick
        if per_tick >= GROUP_MIN and rate * self.lone_cost > LOAD_SHARE:
            return True
        return per_tick >= GROUP_MIN_BUSY and self.fanout.meter.busy()

    def _hand_over(self) -> None:
        """After a group: if more ops queued meanwhile and the process is quiet, commit them at once;
        under load they wait for the tick."""
        with self._lock:
            more = bool(self.queue) and not self._busy()
            if not more:
                self.committing = False
        if more:
            self.socketio.start_background_task(self._drain)

    def _drain(self) -> None:
        while True:
            self._commit_group()
            with self._lock:
                if not self.queue or self._busy():
                    self.committing = False
                    return

    def commit_pending(self) -> None:
        """Called every tick: commit what is queued when no commit is running — while the process has no CPU
        to spare, only as often as a busy room gets a frame (Fanout.frame_gap)."""
        now = time.monotonic()
        gap = self.fanout.frame_gap()
        with self._lock:
            if self.committing or not self.queue or now - self._ticked < gap:
                return
            self.committing = True
            self._ticked = now
        self._commit_group()
        self._hand_over()

    def _commit_group(self) -> None:
        """Commit what is queued now as one group; ops arriving meanwhile wait for the next."""
        with self._lock:
            jobs, self.queue = self.queue, []
        if not jobs:
            return
        started = time.monotonic()
        with self.app.app_context():
            try:
                run_batch(jobs)
            except Exception as error:  # the committer must survive anything one group does
                log.exception("group commit failed")
                for job in jobs:
                    if job.ack is None and job.error is None:
                        job.error = error
            finally:
                db.session.remove()
        if len(jobs) == 1:
            took = time.monotonic() - started
            with self._lock:
                self.lone_cost = took if not self.lone_cost else (
                    (1 - LONE_WEIGHT) * self.lone_cost + LONE_WEIGHT * took)
        for job in jobs:
            job.done.set()
