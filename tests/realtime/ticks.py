"""A fan-out for committer tests: its tick is set on paper but never runs, and its CPU share is set by hand."""
from __future__ import annotations

import time

from govlab.realtime.fanout import Fanout
from govlab.realtime.load import CpuMeter


class TickThatNeverComes(Fanout):
    """A queued op is never committed by this fan-out's tick. Its CPU meter never reads this (busy) test
    process: a test sets `meter.value` itself."""

    def __init__(self, socketio, tick: float):
        super().__init__(socketio, tick=tick, meter=CpuMeter(period=float("inf")))

    def ensure_started(self):
        """The tick loop never runs."""

    def frame_went_to(self, sockets: int) -> None:
        """Record a frame to `sockets` sockets, as a room of that size receives one."""
        with self._lock:
            self._count_frame(time.monotonic(), sockets)
