"""Private deliveries to some people of a board (hidden notes, their own dots): one room per person per board.

Nothing private goes to the board's room. A socket enters its own room (`project:<id>:user:<id>`)
when it joins as a signed-in user and leaves it with the board. The audience is worked out by the
service at each change (the author and the current facilitators), so a demoted facilitator's room
simply stops being named.
"""
from __future__ import annotations

from .fanout import NAMESPACE


def user_room(project_id: int, user_id: int) -> str:
    """The private room of one person on one board (derived on the server)."""
    return f"project:{project_id}:user:{user_id}"


class PrivateRelay:
    """Sends a service's private message to the named users' rooms (through the Redis queue when configured)."""

    def __init__(self, socketio) -> None:
        self.socketio = socketio

    def send(self, project_id: int, user_ids: list[int], name: str, data: dict) -> None:
        """Emit `private` {kind, ...data} to each user's room of this board, one emit for all of them."""
        rooms = [user_room(project_id, user_id) for user_id in user_ids]
        self.socketio.emit("private", {"kind": name, **data}, to=rooms, namespace=NAMESPACE)
