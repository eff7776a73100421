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
    session_hash: str | None = None  # the browser session it was opened with (sign-out ends it)
    token_id: int | None = None  # or the personal token (revoking it ends it)
    address: str = ""  # the peer address (anonymous watchers are capped per address)
    can_edit: dict[int, bool] = field(default_factory=dict)  # per joined board: may it write (read-only after a demotion)
    audience: dict[int, bool] = field(default_factory=dict)  # per joined board: facilitators' room? (audience.py)


class Registry:
    """sid → Connection, and user → sids, for this process only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_sid: dict[str, Connection] = {}
        self._anonymous: dict[str, int] = {}  # address -> anonymous sockets open from it

    def add(self, connection: Connection, anonymous_cap: int | None = None) -> bool:
        """Remember a new socket; False (not added) when it is anonymous and its address is at the cap."""
        with self._lock:
            if connection.user_id is None:
                count = self._anonymous.get(connection.address, 0)
                if anonymous_cap is not None and count >= anonymous_cap:
                    return False
                self._anonymous[connection.address] = count + 1
            self._by_sid[connection.sid] = connection
            return True

    def remove(self, sid: str) -> Connection | None:
        """Forget a socket; returns what it was."""
        with self._lock:
            connection = self._by_sid.pop(sid, None)
            if connection is not None and connection.user_id is None:
                left = self._anonymous.get(connection.address, 1) - 1
                if left > 0:
                    self._anonymous[connection.address] = left
                else:
                    self._anonymous.pop(connection.address, None)
            return connection

    def matching(self, user_id: int | None = None, project_id: int | None = None) -> list[Connection]:
        """This process's sockets, optionally only a user's and/or only those on one board."""
        with self._lock:
            return [c for c in self._by_sid.values()
                    if (user_id is None or c.user_id == user_id) and (project_id is None or project_id in c.projects)]

    def boards(self) -> set[int]:
        """The boards that at least one socket of this process has joined."""
        with self._lock:
            return {project_id for c in self._by_sid.values() for project_id in c.projects}

    def get(self, sid: str) -> Connection | None:
        """The socket's record, if it is connected here."""
        return self._by_sid.get(sid)

    def __len__(self) -> int:
        return len(self._by_sid)
