"""The baseline: a bare Flask-SocketIO relay on eventlet (no auth, no storage, one emit per op).

    python bench/relay_server.py PORT [--nodelay]

By default it is served as Flask-SocketIO serves it (Nagle's algorithm left on); `--nodelay` sets
TCP_NODELAY on each connection, as `govlab run` does, for a comparison on equal terms.
"""
import eventlet

eventlet.monkey_patch()

import sys  # noqa: E402

from flask import Flask  # noqa: E402
from flask_socketio import SocketIO, join_room  # noqa: E402

app = Flask(__name__)
sio = SocketIO(app, async_mode="eventlet", cors_allowed_origins="*")


@sio.on("join", namespace="/board")
def join(data):
    """Sent by a client entering the room."""
    join_room("board")
    return {"ok": True, "seq": 0}


@sio.on("op", namespace="/board")
def op(data):
    """Sent by a client: relay the op to the whole room at once, then ack."""
    sio.emit("ops", [data], to="board", namespace="/board")
    return {"ok": True}


@app.get("/healthz")
def healthz():
    """Readiness probe."""
    return {"status": "ok"}


def _set_nodelay_on_every_connection() -> None:
    import socket

    import eventlet.wsgi

    setup = eventlet.wsgi.HttpProtocol.setup

    def setup_without_nagle(self):
        setup(self)
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    eventlet.wsgi.HttpProtocol.setup = setup_without_nagle


if __name__ == "__main__":
    if "--nodelay" in sys.argv[2:]:
        _set_nodelay_on_every_connection()
    sio.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_output=False)
