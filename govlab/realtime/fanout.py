"""The live tick: per room, at most one `ops` frame per client per tick, not one per edit.

Committed Events (socket ops, REST, pages, CLI alike) go out at once when their room has had no
frame within the last tick — a quiet board is not delayed — and are otherwise buffered until the
tick, so a busy room costs one frame per client per tick. Every tick the loop also runs its
`before_flush` hooks and, every `presence_period` (GOVLAB_PRESENCE_TICK, 250 ms), sends the latest
presence of each socket that changed or beat; every few seconds it runs its `periodic` hooks (the seq
heartbeat and the access sweep). Presence has its own, slower cadence because it is the busiest
stream of a workshop: 200 people's heartbeats and open/close of cards changed something nearly every
25 ms tick, which cost a `presence` frame to each of the 200 sockets per tick — as many frames as
all the ops together (bench/workshop.py). For the same reason a room gets a frame only every other tick
while the process has no CPU to spare (load.BUSY_SHARE) and its frames, one per tick, would go to more
than FRAME_WRITES_BUSY sockets a second: each frame costs one write per socket, and in a room of 200
those writes cost more than committing the ops they carry. A room of 50 gets its frame every tick however
busy the process: its writes cost less than the half tick of delay that thinning would add to every op
(bench/fanout: 15 ops/s per client held against 10 at 50 clients; 200 clients need the thinning).
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from .audience import Audience
from .load import CpuMeter

log = logging.getLogger(__name__)
NAMESPACE = "/board"
# While writing `ops` frames took less than this share of the last second, every commit's Events go out
# at once (a quiet board is not held for the tick); beyond it, one frame per room per tick.
SEND_SHARE = 0.10
# While the process has no CPU to spare (CpuMeter.busy), a room gets one frame every BUSY_FRAME_TICKS ticks
# instead of every tick: half the writes, for at most one tick more of delay.
BUSY_FRAME_TICKS = 2
# ... but only while frames at one per tick would go to more than this many sockets a second (at about 45 µs
# a write through Engine.IO's queue, an eighth of a core): 50 sockets at 40 frames a second stay under it, 200
# do not. Direct writes (direct_writes.py) cost about a quarter of that; the threshold stays, since thinning
# also halves the tick commits and 200 clients did no better without it (docs/benchmarks.md, eighth sitting).
FRAME_WRITES_BUSY = 3000


def room_of(project_id: int) -> str:
    """The Socket.IO room of a project's board (always derived on the server)."""
    return f"project:{project_id}"


class Fanout:
    """Buffers committed Events and presence per room; a background task flushes them every tick."""

    def __init__(self, socketio, tick: float, presence_period: float = 0.0, meter: CpuMeter | None = None,
                 room_size: Callable[[str], int] | None = None) -> None:
        self.socketio = socketio
        self.tick = tick
        self.meter = meter or CpuMeter()
        self.room_size = room_size or self._sockets_in_room  # how many of this process's sockets a frame goes to
        self.presence_period = presence_period
        self._presence_due = 0.0
        self.before_flush: list[Callable[[], None]] = []
        self.periodic: list[Callable[[], None]] = []
        self.period = 5.0
        self._lock = threading.Lock()
        self._events: dict[int, list[dict]] = {}
        self._presence: dict[int, dict[str, dict]] = {}
        self._last_sent: dict[int, float] = {}
        self._sent: deque[tuple[float, float]] = deque()  # (ended at, seconds) of the last second's `ops` emits
        self._writes: deque[tuple[float, int]] = deque()  # (sent at, sockets) of the last second's frames
        self._writes_sum = 0
        self._thinning = False  # busy rooms get a frame every BUSY_FRAME_TICKS ticks (see _thin)
        self._started = False
        self._stopped = False
        self.audience = Audience(socketio, NAMESPACE, room_of)  # which room gets which copy (anonymous mode)

    def ensure_started(self) -> None:
        """Start the tick loop once (with tick <= 0, as in the handler tests, send at once instead)."""
        if self.tick <= 0:
            self.flush()
            return
        if not self._started:
            with self._lock:
                if self._started:
                    return
                self._started = True
            self.socketio.start_background_task(self._run)

    def stop(self) -> None:
        """End the tick loop after its current tick (an app thrown away: the tests stop the loops they start)."""
        self._stopped = True

    def add_events(self, project_id: int, events: list[dict]) -> None:
        """Called after commit with a project's new Events: sent at once while sending is cheap (or to a room
        that had no frame this tick), else with the room's next tick."""
        now = time.monotonic()
        interval = self.frame_interval()
        busy = interval > self.tick
        with self._lock:
            quiet = project_id not in self._events and (now - self._last_sent.get(project_id, -1e9) >= interval or (
                not busy and not self._sending_busy(now)))
            if quiet:
                self._last_sent[project_id] = now
            else:
                self._events.setdefault(project_id, []).extend(events)
        if quiet:
            self._emit_events(project_id, sorted(events, key=lambda event: event["seq"]))
        self.ensure_started()

    def frame_interval(self) -> float:
        """How often a busy room gets a frame: every tick, or every BUSY_FRAME_TICKS ticks while frames are
        thinned (see _thin)."""
        return self.tick * BUSY_FRAME_TICKS if self._thin() else self.tick

    def frame_gap(self) -> float:
        """The least time between two frames of a busy room (and, for the committer, two tick commits): none
        unless frames are thinned, else BUSY_FRAME_TICKS ticks less half a tick of slack (the ticks
        themselves come a little early or late)."""
        return self.tick * (BUSY_FRAME_TICKS - 0.5) if self._thin() else float("-inf")

    def _thin(self) -> bool:
        """Thin the frames? While the process has no CPU to spare and its frames, at one per tick, would go
        to more than FRAME_WRITES_BUSY sockets a second. (called without the lock)"""
        if not self.meter.busy():
            self._thinning = False
            return False
        now = time.monotonic()
        with self._lock:
            while self._writes and now - self._writes[0][0] > 1.0:
                self._writes_sum -= self._writes.popleft()[1]
            # Thinned frames go out half as often: count them at the cadence they would have unthinned, or
            # thinning would halve the count and switch itself off the next second.
            at_every_tick = self._writes_sum * (BUSY_FRAME_TICKS if self._thinning else 1)
        self._thinning = at_every_tick > FRAME_WRITES_BUSY
        return self._thinning

    def _sockets_in_room(self, room: str) -> int:
        """This process's sockets in a room (the Socket.IO manager's own table; other processes write their
        own)."""
        return len(self.socketio.server.manager.rooms.get(NAMESPACE, {}).get(room, ()))

    def _sending_busy(self, now: float) -> bool:
        """Did writing frames take more than SEND_SHARE of the last second? (called with the lock held)"""
        while self._sent and now - self._sent[0][0] > 1.0:
            self._sent.popleft()
        return sum(seconds for _at, seconds in self._sent) > SEND_SHARE

    def _emit_events(self, project_id: int, events: list[dict]) -> None:
        started = time.monotonic()
        sockets = 0
        for room, batch in self.audience.event_frames(project_id, events):
            sockets += self.room_size(room)
            self.socketio.emit("ops", batch, to=room, namespace=NAMESPACE)
        ended = time.monotonic()
        with self._lock:
            self._sent.append((ended, ended - started))
            self._count_frame(ended, sockets)

    def _count_frame(self, at: float, sockets: int) -> None:
        """A frame went to `sockets` sockets (called with the lock held)."""
        self._writes.append((at, sockets))
        self._writes_sum += sockets

    def _emit_presence(self, project_id: int, states: list[dict]) -> None:
        for room, batch in self.audience.presence_frames(project_id, states):
            self.socketio.emit("presence", batch, to=room, namespace=NAMESPACE)

    def add_presence(self, project_id: int, state: dict) -> None:
        """Queue a presence change; only the latest per socket is sent each tick."""
        with self._lock:
            self._presence.setdefault(project_id, {})[state["sid"]] = state
        self.ensure_started()

    def flush(self) -> None:
        """Send what is buffered: one `ops` list (in seq order) per room, and when its period is due (or
        without a tick loop, at once) one `presence` list per room (two rooms, one copy each, for a board in
        anonymous mode)."""
        now = time.monotonic()
        presence_due = self.tick <= 0 or now >= self._presence_due
        # With no CPU to spare, a room whose last frame is younger than the gap waits for a later tick.
        wait = self.frame_gap()
        with self._lock:
            events = {project_id: batch for project_id, batch in self._events.items()
                      if now - self._last_sent.get(project_id, -1e9) >= wait}
            self._events = {project_id: batch for project_id, batch in self._events.items() if project_id not in events}
            presence = {}
            if presence_due and self._presence:
                presence, self._presence = self._presence, {}
                self._presence_due = now + self.presence_period
            for project_id in events:
                self._last_sent[project_id] = now
            if len(self._last_sent) > 4096:  # forget rooms that have been quiet for a while
                self._last_sent = {key: value for key, value in self._last_sent.items() if now - value < 60}
        for project_id, batch in events.items():
            batch.sort(key=lambda event: event["seq"])
            self._emit_events(project_id, batch)
        for project_id, states in presence.items():
            self._emit_presence(project_id, list(states.values()))

    def _run(self) -> None:
        due = time.monotonic()
        next_period = due + self.period
        while not self._stopped:
            # Keep the cadence: a tick that ran long shortens the next wait instead of adding to it.
            due = max(due + self.tick, time.monotonic())
            self.socketio.sleep(max(0.0, due - time.monotonic()))
            for hook in self.before_flush:
                try:
                    hook()
                except Exception:  # keep the loop alive whatever one hook does
                    log.exception("tick hook failed")
            try:
                self.flush()
            except Exception:
                log.exception("fan-out flush failed")
            if time.monotonic() >= next_period:
                next_period = time.monotonic() + self.period
                for hook in self.periodic:
                    try:
                        hook()
                    except Exception:  # keep the loop alive whatever one hook does
                        log.exception("periodic hook failed")
