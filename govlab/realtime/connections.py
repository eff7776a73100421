"""Per-process registry of board sockets, and the per-connection token bucket."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    """Allows `rate` events per second on average and bursts of `burst`."""

    rate: float
    burst: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)
    refused: int = 0

    def take(self) -> bool:
        """Spend one token; False when the bucket is empty (and count the refusal)."""
        now = time.monotonic()
        if self.tokens < 0:
            self.tokens = self.burst
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            self.refused = 0
            return True
        self.refused += 1
        return False


@dataclass
class Connection:
    """One socket: who it is, which boards it joined, its rate limit and presence throttle."""

    sid: str
    user_id: int | None
    bucket: TokenBucket
    projects: set[int] = field(default_factory=set)
    identity: dict | None = None  # name, organisation and sector shown in presence
    actor: object | None = None  # services.access.ActorRef, refreshed every few seconds
    actor_checked: float = 0.0
    locale: str | None = None  # the UI language settled at connect (error messages, stage labels)


class Registry:
    """sid → Connection, and user → sids, for this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}

    def add(self, connection: Connection) -> None:
        """Remember a new socket."""
        with self._lock:
            self._by_sid[connection.sid] = connection

    def remove(self, sid: str) -> Connection | None:
        """Forget a socket; returns what it was."""
        with self._lock:
            return self._by_sid.pop(sid, None)

    def get(self, sid: str) -> Connection | None:
        """The socket's record, if it is connected here."""
        return self._by_sid.get(sid)

    def sids_of(self, user_id: int, project_id: int | None = None) -> list[str]:
        """This process's sockets of a user (optionally only those on one board)."""
        with self._lock:
            return [c.sid for c in self._by_sid.values()
                    if c.user_id == user_id and (project_id is None or project_id in c.projects)]

    def __len__(self) -> int:
        return len(self._by_sid)
