"""Who gets which copy of a board's live frames: in anonymous mode participants get theirs without authors.

Every socket on a board is in the board's room and in exactly one audience room: the facilitators'
(`project:<id>:facilitators`) or everyone else's (`project:<id>:participants`; members, observers,
watchers). While a board is not anonymous, frames go to the board's room as before: one emit. While it
is, the facilitators' room gets the frames as they are and the participants' room a copy scrubbed by
domain/anonymity.py: still one frame per client per tick, the scrubbing done once per batch.

Whether an Event is scrubbed is decided by the transaction that committed it (the ANONYMOUS_MARK set
under the board's lock), so no process can send an author after the mode was turned on. Presence is
ephemeral and not committed: it follows this process's view of the mode, set at join, by the
`board.anonymous` Events this process publishes, by the control message every process receives, and
by the periodic sweep. A participant's presence frames name no one: each socket is an alias derived
from the socket id and the anonymous period, so nobody can link it to the names seen before or after.
"""
from __future__ import annotations

import hashlib
import threading

from ..domain.anonymity import scrub, scrub_presence
from ..services.unit_of_work import ANONYMOUS_MARK


def facilitators_room(project_id: int) -> str:
    """The facilitators' audience room of a board (derived on the server)."""
    return f"project:{project_id}:facilitators"


def participants_room(project_id: int) -> str:
    """Everyone else's audience room of a board (derived on the server)."""
    return f"project:{project_id}:participants"


class Audience:
    """The anonymous mode of the boards this process serves, and the frames each audience room gets."""

    def __init__(self, socketio, namespace: str, board_room, secret: bytes = b"") -> None:
        self.socketio = socketio
        self.namespace = namespace
        self.board_room = board_room  # the board's own room (fanout.room_of)
        self._key = hashlib.blake2s(b"govlab presence alias " + secret).digest()
        self._since: dict[int, int] = {}  # board -> seq that turned anonymous mode on (absent: off)
        self._lock = threading.Lock()

    # -- the mode ---------------------------------------------------------------------------------

    def set_anonymous(self, project_id: int, since: int | None) -> None:
        """Record a board's mode as this process last learned it (None: off)."""
        with self._lock:
            if since is None:
                self._since.pop(project_id, None)
            else:
                self._since[project_id] = since

    def anonymous_since(self, project_id: int) -> int | None:
        """The board's anonymous period (the seq that began it), or None when it is off."""
        return self._since.get(project_id)

    def alias(self, project_id: int, sid: str, since: int | None = None) -> str | None:
        """The name a socket's presence goes by for participants during this anonymous period (None: off)."""
        since = self._since.get(project_id) if since is None else since
        if since is None:
            return None
        digest = hashlib.blake2s(f"{project_id}:{since}:{sid}".encode(), key=self._key, digest_size=12)
        return "a" + digest.hexdigest()

    # -- rooms ------------------------------------------------------------------------------------

    def place(self, connection, project_id: int, facilitator: bool) -> None:
        """Put a socket in the audience room its role gives it (and out of the other one)."""
        if connection.audience.get(project_id) is facilitator:
            return
        server = self.socketio.server
        enter, leave = ((facilitators_room, participants_room) if facilitator else
                        (participants_room, facilitators_room))
        server.enter_room(connection.sid, enter(project_id), namespace=self.namespace)
        if project_id in connection.audience:
            server.leave_room(connection.sid, leave(project_id), namespace=self.namespace)
        connection.audience[project_id] = facilitator

    def leave(self, connection, project_id: int) -> None:
        """Take a socket out of a board's audience rooms (it left or was taken off the board)."""
        if connection.audience.pop(project_id, None) is None:
            return
        for room in (facilitators_room(project_id), participants_room(project_id)):
            self.socketio.server.leave_room(connection.sid, room, namespace=self.namespace)

    # -- frames -----------------------------------------------------------------------------------

    def event_frames(self, project_id: int, events: list[dict]) -> list[tuple[str, list[dict]]]:
        """(room, Events) to emit for a batch in seq order; a `board.anonymous` Event updates the mode."""
        marked = False
        plain = []
        for event in events:
            if event.get("type") == "board.anonymous" and isinstance(event.get("payload"), dict):
                self.set_anonymous(project_id, event["payload"].get("since"))
            if ANONYMOUS_MARK in event:
                marked = True
                event = {key: value for key, value in event.items() if key != ANONYMOUS_MARK}
            plain.append(event)
        if not marked:
            return [(self.board_room(project_id), plain)]
        hidden = [scrub(shown) if ANONYMOUS_MARK in original else shown for original, shown in zip(events, plain)]
        return [(facilitators_room(project_id), plain), (participants_room(project_id), hidden)]

    def presence_frames(self, project_id: int, states: list[dict]) -> list[tuple[str, list[dict]]]:
        """(room, presence states) to emit: names for facilitators, aliases only for participants."""
        since = self._since.get(project_id)
        if since is None:
            return [(self.board_room(project_id), states)]
        hidden = [scrub_presence(state, self.alias(project_id, state["sid"], since)) for state in states]
        return [(facilitators_room(project_id), states), (participants_room(project_id), hidden)]

    def present(self, book, project_id: int, sid: str, facilitator: bool) -> list[dict]:
        """Who is on the board already, for a joining socket's ack: as its presence frames would say it.

        `book` is the PresenceBook; while the board is anonymous the named states travel in the facilitators'
        room (those from before the mode, in the board's room), and a participant gets them aliased.
        """
        since = self._since.get(project_id)
        if since is None:
            return book.states(self.board_room(project_id), skip_sid=sid)
        states = {state["sid"]: state for state in book.states(self.board_room(project_id))}
        states.update({state["sid"]: state for state in book.states(facilitators_room(project_id))})
        states.pop(sid, None)
        if facilitator:
            return list(states.values())
        return [scrub_presence(state, self.alias(project_id, state["sid"], since)) for state in states.values()]
