"""Socket.IO test clients on the Flask-SocketIO test harness."""
from __future__ import annotations

import contextvars
import time

import pytest
from flask.globals import _cv_app

from govlab.extensions import socketio

NS = "/board"


def isolated(function, *args, **kwargs):
    """Run a socket call in its own app context, as the server would (own DB session and `g`)."""
    def run():
        _cv_app.set(None)
        return function(*args, **kwargs)

    return contextvars.copy_context().run(run)


class Socket:
    """A test client with helpers for acks and waiting for fan-out."""

    def __init__(self, app, client=None, token=None, headers=None):
        self.raw = isolated(socketio.test_client, app, namespace=NS, auth={"token": token} if token else None,
                            flask_test_client=client, headers=headers)
        self.inbox: list[dict] = []

    def call(self, event: str, data=None) -> dict:
        """Emit with an ack and return it."""
        return isolated(self.raw.emit, event, data, namespace=NS, callback=True)

    def disconnect(self) -> None:
        isolated(self.raw.disconnect, NS)

    def join(self, project_id: int) -> dict:
        return self.call("join", {"project_id": project_id})

    def op(self, project_id: int, op_type: str, data: dict, op_id: str) -> dict:
        return self.call("op", {"project_id": project_id, "type": op_type, "client_op_id": op_id, "data": data})

    def drain(self) -> None:
        """Move what arrived into the inbox (also after the server disconnected the socket)."""
        arrived = [packet for packet in self.raw.queue if packet["namespace"] == NS]
        self.raw.queue = [packet for packet in self.raw.queue if packet["namespace"] != NS]
        self.inbox.extend(arrived)

    def wait_for(self, name: str, predicate=lambda args: True, timeout: float = 3.0) -> list:
        """Wait until an event `name` whose first argument satisfies predicate has arrived; return it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.drain()
            for index, packet in enumerate(self.inbox):
                if packet["name"] == name and predicate(packet["args"][0]):
                    del self.inbox[index]
                    return packet["args"][0]
            time.sleep(0.01)
        raise AssertionError(f"no {name} event arrived; got {self.inbox}")

    def ops(self, timeout: float = 3.0, count: int = 1) -> list[dict]:
        """Collect at least `count` ops events (concatenating batches)."""
        seen: list[dict] = []
        deadline = time.monotonic() + timeout
        while len(seen) < count and time.monotonic() < deadline:
            self.drain()
            rest = []
            for packet in self.inbox:
                if packet["name"] == "ops":
                    seen.extend(packet["args"][0])
                else:
                    rest.append(packet)
            self.inbox = rest
            time.sleep(0.01)
        return seen

    @property
    def connected(self) -> bool:
        return self.raw.is_connected(NS)


@pytest.fixture
def sockets(app):
    """Open sockets as users (by token) or anonymously; all are closed at the end."""
    from tests.conftest import token_for

    opened = []

    def open_socket(user=None, token=None, headers=None, client=None):
        if user is not None and token is None:
            token = token_for(app.test_client(), user)["Authorization"].split()[1]
        sock = Socket(app, client=client, token=token, headers=headers)
        opened.append(sock)
        return sock

    yield open_socket
    for sock in opened:
        if sock.connected:
            sock.disconnect()
