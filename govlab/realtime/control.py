"""Control messages between processes (revocations, "recheck this board"), on the Socket.IO channel.

They travel as a reserved event through the same client manager as the `ops` frames — over Redis
when there are several processes — so every process handles them in the same order as the frames:
a card created after a board turned private can never reach a watcher before that watcher was taken
off the board. The manager hands the event to the access guard instead of delivering it to sockets.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from .fanout import NAMESPACE
from .managers import CONTROL_EVENT

log = logging.getLogger(__name__)


class Control:
    """Publishes control messages to every process (this one included)."""

    def __init__(self, socketio, handler: Callable[[dict], None]) -> None:
        self.socketio = socketio
        self.handler = handler

    def publish(self, message: dict) -> None:
        """Send a control message to every process; applied here at least, whatever happens to Redis."""
        try:
            self.socketio.emit(CONTROL_EVENT, message, namespace=NAMESPACE)
        except Exception:
            log.exception("control publish failed; applying locally only")
            self.handler(message)
