"""The baseline: a bare Flask-SocketIO relay on eventlet (no auth, no storage, one emit per op)."""
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


if __name__ == "__main__":
    sio.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_output=False)
