"""Per-room, per-tick batching: a busy board costs one `ops` frame per client per tick, not one per edit."""
from __future__ import annotations

import logging
import threading

log = logging.getLogger(__name__)
NAMESPACE = "/board"


def room_of(project_id: int) -> str:
    """The Socket.IO room of a project's board (always derived on the server)."""
    return f"project:{project_id}"


class Fanout:
    """Buffers committed Events and presence per room; a background task flushes them every tick."""

    def __init__(self, socketio, tick: float) -> None:
        self.socketio = socketio
        self.tick = tick
        self._lock = threading.Lock()
        self._events: dict[int, list[dict]] = {}
        self._presence: dict[int, dict[str, dict]] = {}
        self._started = False

    def _ensure_started(self) -> None:
        if self.tick <= 0:  # no batching (the handler tests): send at once, in the caller's thread
            self.flush()
            return
        if not self._started:
            with self._lock:
                if self._started:
                    return
                self._started = True
            self.socketio.start_background_task(self._run)

    def add_events(self, project_id: int, events: list[dict]) -> None:
        """Called after commit with a project's new Events (any process; REST and sockets alike)."""
        with self._lock:
            self._events.setdefault(project_id, []).extend(events)
        self._ensure_started()

    def add_presence(self, project_id: int, state: dict) -> None:
        """Queue a presence change; only the latest per socket is sent each tick."""
        with self._lock:
            self._presence.setdefault(project_id, {})[state["sid"]] = state
        self._ensure_started()

    def flush(self) -> None:
        """Send what is buffered: one `ops` list (in seq order) and one `presence` list per room."""
        with self._lock:
            events, self._events = self._events, {}
            presence, self._presence = self._presence, {}
        for project_id, batch in events.items():
            batch.sort(key=lambda event: event["seq"])
            self.socketio.emit("ops", batch, to=room_of(project_id), namespace=NAMESPACE)
        for project_id, states in presence.items():
            self.socketio.emit("presence", list(states.values()), to=room_of(project_id), namespace=NAMESPACE)

    def _run(self) -> None:
        while True:
            self.socketio.sleep(self.tick)
            try:
                self.flush()
            except Exception:  # keep the loop alive whatever one emit does
                log.exception("fan-out flush failed")
