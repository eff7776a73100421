"""Per-person rooms on /board: every signed-in socket joins its user's room at connect, and a person's
unread notification count is pushed there (through the Redis message queue to every process)."""
from __future__ import annotations

from flask_socketio import SocketIO

from .fanout import NAMESPACE


def user_room(user_id: int) -> str:
    """The room of one person's sockets (derived on the server; clients never name rooms)."""
    return f"user:{user_id}"


class NotificationPush:
    """Sends `notifications` {unread} to a person's sockets, whichever process holds them."""

    def __init__(self, socketio: SocketIO) -> None:
        self.socketio = socketio

    def __call__(self, user_id: int, payload: dict) -> None:
        """Emit the payload to the person's room."""
        self.socketio.emit("notifications", payload, to=user_room(user_id), namespace=NAMESPACE)
