"""Socket.IO wiring: async mode, optional Redis message queue, same-origin by default."""
from __future__ import annotations

from flask import Flask

from ..extensions import socketio

SOCKET_MESSAGE_MAX = 64 * 1024


def init_realtime(app: Flask) -> None:
    """Bind Flask-SocketIO; with GOVLAB_REDIS_URL, several processes share one message queue."""
    origins = app.config["ALLOWED_ORIGINS"] or None  # None: same origin only
    socketio.init_app(app, async_mode=app.config["ASYNC_MODE"], message_queue=app.config["REDIS_URL"],
                      cors_allowed_origins=origins, max_http_buffer_size=SOCKET_MESSAGE_MAX,
                      manage_session=False)
