"""Live co-editing over Socket.IO: namespace /board, batched fan-out, presence, revocation.

With GOVLAB_REDIS_URL, Flask-SocketIO's Redis message queue carries emits between processes.
"""
from __future__ import annotations

import logging

from flask import Flask

from .. import jsoncodec
from ..extensions import socketio
from ..services import notifications
from ..services.private import subscribe_private
from ..services.unit_of_work import subscribe, subscribe_control
from .committer import Committer
from .connections import Registry
from .control import Control
from .audience import Audience
from .fanout import NAMESPACE, Fanout, room_of
from .guard import AccessGuard
from .handlers import BoardNamespace, refuse_reserved_events
from .heap import HeapTrimmer
from .managers import client_manager
from .packets import JsonOnlyPacket
from .personal import NotificationPush
from .presence_book import PresenceBook
from .private import PrivateRelay

log = logging.getLogger(__name__)
# Event names Socket.IO keeps for itself: a client that sends one is refused, never dispatched.
RESERVED_EVENTS = frozenset({"connect", "disconnect", "connect_error", "__disconnect_final", "message"})
ENGINE_MESSAGE_MAX = 1024 * 1024  # hard cap; handlers answer `too_large` above 64 kB


class Realtime:
    """The live layer of one process: sockets, fan-out and revocation."""

    def __init__(self, app: Flask) -> None:
        self.registry = Registry()
        self.presence = PresenceBook()
        self.fanout = Fanout(socketio, tick=app.config["LIVE_TICK"], presence_period=app.config["PRESENCE_TICK"])
        self.fanout.period = app.config.get("SEQ_HEARTBEAT", 5.0)
        self.committer = Committer(app, socketio, self.fanout)
        secret = app.config.get("SECRET_KEY") or ""
        # Presence aliases are keyed with the app's secret: the same on every process, unknown to clients.
        self.fanout.audience = Audience(socketio, NAMESPACE, room_of,
                                        secret.encode() if isinstance(secret, str) else bytes(secret))
        self.guard = AccessGuard(app, socketio, self.registry, self.fanout.audience)
        self.fanout.before_flush.append(self.committer.commit_pending)
        self.fanout.periodic.append(self.guard.sweep)
        self.fanout.periodic.append(HeapTrimmer())  # a burst of joins leaves freed memory resident
        self.control = Control(socketio, self.guard.on_control)

    def on_committed(self, project_id: int, events: list[dict]) -> None:
        """Committed Events (from REST, pages, sockets or CLI) go to the board's room; access changes follow.

        A board turned private or archived, and a member removed or demoted, make every process
        re-check the affected sockets at once.
        """
        self.fanout.add_events(project_id, events)
        for event in events:
            kind, payload = event["type"], event["payload"]
            if kind == "project.update" and {"visibility", "status"} & set(payload.get("fields", ())):
                self.control.publish({"type": "recheck", "project_id": project_id, "reason": "private"})
            elif kind in ("member.remove", "member.update", "member.add"):  # add: a watcher may now write
                self.control.publish({"type": "recheck", "project_id": project_id,
                                      "user_id": payload["user"]["id"], "reason": "membership"})
            elif kind == "board.anonymous":  # every process: presence to participants without names from now on
                self.control.publish({"type": "anonymous", "project_id": project_id, "since": payload.get("since")})

    def on_control(self, message: dict) -> None:
        """Session changes from the services (sign-out, password change, revoked token, disabled account)."""
        self.control.publish(message)


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
    manager = client_manager(app.config["REDIS_URL"], app.config.get("REDIS_CHANNEL", "govlab"))
    socketio.init_app(app, async_mode=app.config["ASYNC_MODE"], client_manager=manager,
                      cors_allowed_origins=origins, max_http_buffer_size=ENGINE_MESSAGE_MAX,
                      manage_session=False, json=jsoncodec, serializer=JsonOnlyPacket)
    if not app.config.get("WEBSOCKET_COMPRESSION", False):
        app.wsgi_app = StripDeflateOffer(app.wsgi_app)
    live = Realtime(app)
    app.extensions["govlab_realtime"] = live
    manager.on_control = live.guard.on_control
    manager.presence_book = live.presence
    socketio.on_namespace(BoardNamespace(NAMESPACE, live.registry, live.fanout, live.committer, live.guard,
                                         live.presence))
    refuse_reserved_events(socketio.server, RESERVED_EVENTS)
    with app.app_context():
        subscribe(live.on_committed)
        subscribe_control(live.on_control)
        subscribe_private(PrivateRelay(socketio).send)
        notifications.subscribe(NotificationPush(socketio))
