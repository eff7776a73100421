"""How busy this process is: the share of one core its threads used over the last period."""
from __future__ import annotations

import time

# Over this share of a core the process has no CPU to spare: the committer groups even a slow stream of ops,
# and when its frames go to many sockets the fan-out sends a room's frames, and the committer commits, only
# every other tick (realtime/fanout.py).
BUSY_SHARE = 0.6


class CpuMeter:
    """Reads the process's CPU time at most once per `period` and reports the share of the last period."""

    def __init__(self, period: float = 1.0) -> None:
        self.period = period
        self.value = 0.0  # CPU seconds per second over the last whole period (0 until one has passed)
        self._mark = (time.monotonic(), time.process_time())

    def share(self) -> float:
        """The process's CPU share over the last whole period (all its threads: 1.0 is one full core)."""
        now = time.monotonic()
        if now - self._mark[0] >= self.period:
            cpu = time.process_time()
            self.value = (cpu - self._mark[1]) / (now - self._mark[0])
            self._mark = (now, cpu)
        return self.value

    def busy(self) -> bool:
        """Did the process use more than BUSY_SHARE of a core over the last period?"""
        return self.share() > BUSY_SHARE
