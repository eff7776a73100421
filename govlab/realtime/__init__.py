"""Live co-editing over Socket.IO: namespace /board, batched fan-out, presence, revocation.

With GOVLAB_REDIS_URL, Flask-SocketIO's Redis message queue carries emits between processes.
"""
from __future__ import annotations

import logging

from flask import Flask

from .. import jsoncodec
from ..extensions import socketio
from ..services.unit_of_work import subscribe, subscribe_control
from .committer import Committer
from .connections import Registry
from .control import Control
from .fanout import NAMESPACE, Fanout
from .handlers import BoardNamespace

log = logging.getLogger(__name__)
ENGINE_MESSAGE_MAX = 1024 * 1024  # hard cap; handlers answer `too_large` above 64 kB


class Realtime:
    """The live layer of one process: sockets, fan-out and revocation."""

    def __init__(self, app: Flask) -> None:
        self.registry = Registry()
        self.fanout = Fanout(socketio, tick=app.config["LIVE_TICK"])
        self.committer = Committer(app, socketio, self.fanout)
        self.fanout.before_flush.append(self.committer.commit_pending)
        self.control = Control(socketio, app.config.get("REDIS_URL"), self._on_control,
                               channel=app.config.get("REDIS_CHANNEL", "govlab") + ":control")

    def on_committed(self, project_id: int, events: list[dict]) -> None:
        """Committed Events (from REST, pages, sockets or CLI) go to the board's room; lost members are cut off."""
        self.fanout.add_events(project_id, events)
        for event in events:
            if event["type"] == "member.remove":
                self.control.publish({"type": "revoke", "user_id": event["payload"]["user"]["id"],
                                      "project_id": project_id, "reason": "membership"})

    def on_control(self, message: dict) -> None:
        """Session changes from the services (sign-out, disabled account)."""
        self.control.publish(message)

    def _on_control(self, message: dict) -> None:
        """Drop this process's sockets of a revoked user (all of them, or those on one board)."""
        if message.get("type") != "revoke":
            return
        for sid in self.registry.sids_of(message["user_id"], message.get("project_id")):
            socketio.emit("revoked", {"reason": message.get("reason")}, to=sid, namespace=NAMESPACE)
            socketio.server.disconnect(sid, namespace=NAMESPACE)


class StripDeflateOffer:
    """Remove permessage-deflate offers from WebSocket handshakes on /socket.io/.

    Board frames are small; compressing each one once per client costs the server more than it
    saves (with deflate offered, eventlet's relay capacity falls about threefold). Node's socket.io
    leaves it off by default too. Set WEBSOCKET_COMPRESSION=True in the config to allow it.
    """

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO", "").startswith("/socket.io"):
            environ.pop("HTTP_SEC_WEBSOCKET_EXTENSIONS", None)
        return self.wsgi_app(environ, start_response)


def init_realtime(app: Flask) -> None:
    """Bind Flask-SocketIO; same-origin only unless GOVLAB_ALLOWED_ORIGINS lists more."""
    origins = app.config["ALLOWED_ORIGINS"] or None  # None: the Origin must match the Host
    socketio.init_app(app, async_mode=app.config["ASYNC_MODE"], message_queue=app.config["REDIS_URL"],
                      cors_allowed_origins=origins, max_http_buffer_size=ENGINE_MESSAGE_MAX,
                      manage_session=False, channel=app.config.get("REDIS_CHANNEL", "govlab"), json=jsoncodec)
    if not app.config.get("WEBSOCKET_COMPRESSION", False):
        app.wsgi_app = StripDeflateOffer(app.wsgi_app)
    live = Realtime(app)
    app.extensions["govlab_realtime"] = live
    socketio.on_namespace(BoardNamespace(NAMESPACE, live.registry, live.fanout, live.committer))
    with app.app_context():
        subscribe(live.on_committed)
        subscribe_control(live.on_control)
    if app.config.get("REDIS_URL"):
        live.control.start()
