"""Who is on each board now, as the `presence` frames delivered by this process said.

Every process delivers every room's `presence` frames (its own, and with Redis everyone else's), so
each keeps the latest state per socket from them and hands a joining socket the whole room in its
`join` ack. Without it each newcomer made every socket already on the board announce itself again
(n re-announcements per arrival, each fanned out to n sockets: a 200-person workshop filling up
cost millions of deliveries). A state not refreshed for STALE_SECONDS is forgotten, as the browser
forgets it (a process that died never says "left" for its sockets; their heartbeats stop).
"""
from __future__ import annotations

import threading
import time

STALE_SECONDS = 60.0


class PresenceBook:
    """room -> sid -> (state, when last seen), fed from delivered `presence` frames."""

    def __init__(self) -> None:
        self._rooms: dict[str, dict[str, tuple[dict, float]]] = {}
        self._lock = threading.Lock()

    def record(self, room: str, states: object) -> None:
        """Note a delivered `presence` batch (a list of states with their `sid`); "left" forgets."""
        if not isinstance(states, list):
            return
        now = time.monotonic()
        with self._lock:
            book = self._rooms.setdefault(room, {})
            for state in states:
                if not isinstance(state, dict) or not isinstance(state.get("sid"), str):
                    continue
                if state.get("state") == "left":
                    book.pop(state["sid"], None)
                else:
                    book[state["sid"]] = (state, now)
            if not book:
                del self._rooms[room]

    def states(self, room: str, skip_sid: str | None = None) -> list[dict]:
        """The room's current states (fresh ones only), without `skip_sid`'s."""
        cutoff = time.monotonic() - STALE_SECONDS
        with self._lock:
            book = self._rooms.get(room, {})
            for sid in [sid for sid, (_state, seen) in book.items() if seen < cutoff]:
                del book[sid]
            return [state for sid, (state, _seen) in book.items() if sid != skip_sid]
