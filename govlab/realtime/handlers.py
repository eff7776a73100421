"""Socket.IO namespace /board: connect, join, op, resync, text.sync, presence, leave.

Handlers are thin: check the connection, the rate limit and the payload's shape, call the same
service functions as REST, and answer with an ack `{"ok": true, ...}` or `{"ok": false, "error": {...}}`.
Bad input never raises out of a handler, so it never kills the connection or the worker.

`connect` and `disconnect` run in Flask-SocketIO's request context (connect reads the handshake's
cookie session). The board events run in a plain app context: who the socket is and which language
it speaks were settled at connect, so a busy board does not rebuild a request and reopen the session
cookie for every edit.
"""
from __future__ import annotations

import functools
import logging
import re
import time

from flask import current_app, g, request
from flask_login import current_user
from flask_socketio import Namespace

from .. import jsoncodec
from ..domain.errors import N_, DomainError, NotAuthenticated, NotFound, PermissionDenied, ValidationError
from ..domain.payload import check_fields, choice
from ..extensions import db
from ..i18n import select_locale, translate, translated_board
from ..services import accounts, cards, events, projects, text
from ..services.access import ActorRef, active_user, parse_id
from ..services.batch import Job
from .committer import Committer
from .connections import Connection, Registry, TokenBucket
from .fanout import NAMESPACE, Fanout, room_of

log = logging.getLogger(__name__)
MESSAGE_MAX = 64 * 1024
RESYNC_MAX = 1000
ACTOR_RECHECK_SECONDS = 5.0
_OP_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
OP_TYPES = ("card.create", "card.update", "card.move", "card.delete", "card.restore", "card.text")
BOARD_EVENTS = ("join", "leave", "op", "resync", "text_sync", "presence")


def error_ack(code: str, message: str, field: str | None = None) -> dict:
    """The failure ack shared by every handler."""
    error = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"ok": False, "error": error}


class BoardNamespace(Namespace):
    """Live board: one room per project, derived on the server; every event re-checks the actor's rights."""

    def __init__(self, namespace: str, registry: Registry, fanout: Fanout, committer: Committer) -> None:
        super().__init__(namespace)
        self.registry = registry
        self.fanout = fanout
        self.committer = committer

    # -- plumbing -------------------------------------------------------------------------------

    def trigger_event(self, event, *args):
        """Dispatch an event: `text.sync` to on_text_sync; board events in a lean app context."""
        name = (event or "").replace(".", "_")  # Socket.IO event names may contain dots
        if name not in BOARD_EVENTS:
            return super().trigger_event(name, *args)
        sid, data = args[0], args[1:]
        environ = self.socketio.server.get_environ(sid, namespace=self.namespace)
        if not environ:
            return None  # a socket this process no longer knows: nothing to answer
        with environ["flask.app"].app_context():
            return getattr(self, "on_" + name)(sid, *data)

    def _guarded(handler):  # noqa: N805 - a decorator used inside the class body
        """Rate limit, size limit, and turn every error into an ack."""

        @functools.wraps(handler)
        def wrapper(self, sid, data=None, *extra):
            connection = self.registry.get(sid)
            if connection is None:
                return error_ack("unauthorized", translate("This connection is not registered; reconnect."))
            g.govlab_locale = connection.locale  # the language chosen at connect (error messages, labels)
            if not connection.bucket.take():
                if connection.bucket.refused > current_app.config.get("SOCKET_FLOOD_LIMIT", 200):
                    log.warning("disconnecting flooding socket %s", sid)
                    self.socketio.server.disconnect(sid, namespace=NAMESPACE)
                return error_ack("rate_limited", translate("Too many requests. Please wait a moment and try again."))
            if extra:
                return error_ack("validation_error", translate("Send one object per event."))
            try:
                if jsoncodec.size(data) > MESSAGE_MAX:
                    return error_ack("too_large", translate("The message is too large (at most 64 kB)."))
                return handler(self, connection, data)
            except DomainError as error:
                db.session.rollback()
                return error_ack(error.code, translate(error.message, error.params), error.field)
            except Exception:
                db.session.rollback()
                log.exception("socket handler %s failed", handler.__name__)
                return error_ack("server_error", translate("Something went wrong on our side. Nothing was changed."))

        return wrapper

    def _actor(self, connection: Connection, required: bool = False):
        """The connection's user (re-read every few seconds; disabling an account also drops its sockets
        at once); None for watchers. Roles are checked afresh on every event by the services."""
        if connection.user_id is None:
            if required:
                raise NotAuthenticated(N_("Please sign in to make changes."))
            return None
        now = time.monotonic()
        if connection.actor is None or now - connection.actor_checked > ACTOR_RECHECK_SECONDS:
            user = active_user(connection.user_id)
            if user is None:
                raise NotAuthenticated(N_("Please sign in."))
            connection.actor, connection.actor_checked = ActorRef.of(user), now
        return connection.actor

    @staticmethod
    def _project_id(connection: Connection, data: dict) -> int:
        project_id = parse_id(data.get("project_id"), "project_id")
        if project_id not in connection.projects:
            raise ValidationError(N_("Join the board first."), field="project_id")
        return project_id

    # -- connection -----------------------------------------------------------------------------

    def on_connect(self, auth=None):
        """Sent by a client opening the socket: a personal token in `auth`, or the browser session.

        Anonymous sockets may only watch public boards. A bad token is refused.
        """
        user = None
        if isinstance(auth, dict) and auth.get("token") is not None:
            user = accounts.user_for_token(str(auth["token"]))
            if user is None:
                raise ConnectionRefusedError({"code": "unauthorized", "message": "invalid token"})
        elif current_user.is_authenticated:
            user = current_user._get_current_object()
        config = current_app.config
        bucket = TokenBucket(rate=config.get("SOCKET_RATE", 100.0), burst=config.get("SOCKET_BURST", 200.0))
        connection = Connection(sid=request.sid, user_id=user.id if user else None, bucket=bucket,
                                locale=user.locale if user and user.locale in config["LANGUAGES"] else select_locale())
        if user is not None:
            org = user.organisation
            connection.identity = {"user_id": user.id, "name": user.name,
                                   "organisation": {"name_th": org.name_th, "name_en": org.name_en} if org else None,
                                   "sector": org.sector if org else None}
        self.registry.add(connection)

    def on_disconnect(self, reason=None):
        """Sent by Socket.IO when the socket closes: forget it and clear its presence."""
        connection = self.registry.remove(request.sid)
        if connection is None:
            return
        for project_id in connection.projects:
            self.fanout.add_presence(project_id, {"sid": connection.sid, "state": "left"})

    # -- board ----------------------------------------------------------------------------------

    @_guarded
    def on_join(self, connection: Connection, data):
        """Sent by a client opening a board. Ack: {ok, seq, board}; the socket then receives `ops`.

        `include_deleted: true` lists deleted cards too (facilitators only, as in REST). A board the
        user may not see is `forbidden`, whether or not it exists, so a refusal reveals nothing.
        """
        data = check_fields(data, {"project_id", "include_deleted"}, required=("project_id",))
        actor = self._actor(connection)
        project_id = parse_id(data["project_id"], "project_id")
        include_deleted = data.get("include_deleted") is True
        try:
            projects.get_project(actor, project_id)  # the permission check, before entering the room
        except NotFound:
            raise PermissionDenied(N_("This board does not exist or you are not a member of it.")) from None
        # Enter the room before the snapshot: an event committed in between arrives in `ops`
        # with a seq the client already has, instead of being lost.
        self.enter_room(connection.sid, room_of(project_id))
        connection.projects.add(project_id)
        try:
            snapshot = translated_board(cards.board_snapshot(actor, project_id, include_deleted))
        except DomainError:
            self.leave_room(connection.sid, room_of(project_id))
            connection.projects.discard(project_id)
            raise
        self._announce(connection, project_id, None)
        return {"ok": True, "seq": snapshot["seq"], "board": snapshot}

    @_guarded
    def on_leave(self, connection: Connection, data):
        """Sent by a client closing a board. Ack: {ok}."""
        data = check_fields(data, {"project_id"}, required=("project_id",))
        project_id = self._project_id(connection, data)
        self.leave_room(connection.sid, room_of(project_id))
        connection.projects.discard(project_id)
        self.fanout.add_presence(project_id, {"sid": connection.sid, "state": "left"})
        return {"ok": True}

    @_guarded
    def on_resync(self, connection: Connection, data):
        """Sent by a client that saw a seq gap or reconnected. Ack: {ok, seq, ops} or {ok, seq, board}."""
        data = check_fields(data, {"project_id", "since", "include_deleted"}, required=("project_id", "since"))
        project_id = self._project_id(connection, data)
        actor = self._actor(connection)
        since = data["since"]
        if isinstance(since, bool) or not isinstance(since, int) or since < 0:
            raise ValidationError(N_("%(name)s must be a non-negative integer."), field="since", name="since")
        page = events.events_since(actor, project_id, since, RESYNC_MAX)
        if page["more"]:
            board = translated_board(cards.board_snapshot(actor, project_id, data.get("include_deleted") is True))
            return {"ok": True, "seq": board["seq"], "board": board}
        return {"ok": True, "seq": page["seq"], "ops": page["events"]}

    @_guarded
    def on_op(self, connection: Connection, data):
        """Sent by a client changing the board. Ack: {ok, seq, card}; everyone gets the change in `ops`.

        A repeated client_op_id from the same user is applied once and answered with the first ack.
        Ops are committed as one group per tick (realtime/committer.py); each is still its own service call.
        """
        data = check_fields(data, {"project_id", "type", "client_op_id", "data"},
                            required=("project_id", "type", "client_op_id"))
        project_id = self._project_id(connection, data)
        op_type = choice(data["type"], OP_TYPES, "type")
        op_id = data["client_op_id"]
        if not isinstance(op_id, str) or not _OP_ID.match(op_id):
            raise ValidationError(N_("client_op_id must be 1 to 64 letters, digits or _.:-"), field="client_op_id")
        body = data.get("data", {})
        if not isinstance(body, dict):
            raise ValidationError(N_("The op data must be an object."), field="data")
        actor = self._actor(connection, required=True)
        body = dict(body)
        card_id = body.get("id") if isinstance(body.get("id"), int) else None
        job = Job(actor=actor, project_id=project_id, client_op_id=op_id, card_id=card_id,
                  run=lambda: self._apply(actor, project_id, op_type, dict(body)))
        self.committer.submit(job)  # committed with the other ops of this tick
        if job.error is not None:
            raise job.error
        return job.ack

    @staticmethod
    def _apply(actor, project_id: int, op_type: str, body: dict):
        """Run one op through the same service function REST uses."""
        if op_type == "card.create":
            return cards.create_card(actor, project_id, body)
        card_id = body.pop("id", None)
        if card_id is None:
            raise ValidationError(N_("The field %(name)s is required."), field="id", name="id")
        if op_type == "card.update":
            return cards.update_card(actor, card_id, body, allowed=cards.CONTENT_FIELDS | {"version"},
                                     in_project=project_id)
        if op_type == "card.move":
            return cards.update_card(actor, card_id, body, allowed=cards.MOVE_FIELDS | {"version"},
                                     in_project=project_id)
        if op_type == "card.delete":
            check_fields(body, set())
            return cards.delete_card(actor, card_id, in_project=project_id)
        if op_type == "card.restore":
            check_fields(body, set())
            return cards.restore_card(actor, card_id, in_project=project_id)
        check_fields(body, {"update"}, required=("update",))
        return text.apply_text_update(actor, card_id, body["update"], in_project=project_id)

    @_guarded
    def on_text_sync(self, connection: Connection, data):
        """Sent by a client opening a card's text for co-editing. Ack: {ok, card_id, update, seq}."""
        data = check_fields(data, {"project_id", "card_id"}, required=("project_id", "card_id"))
        project_id = self._project_id(connection, data)
        return {"ok": True, **text.text_state(self._actor(connection), data["card_id"], in_project=project_id)}

    @_guarded
    def on_presence(self, connection: Connection, data):
        """Sent by a client when it opens or closes a card (and as a heartbeat). Others get `presence`."""
        data = check_fields(data, {"project_id", "card_id"}, required=("project_id",))
        project_id = self._project_id(connection, data)
        card_id = data.get("card_id")
        if card_id is not None:
            card_id = parse_id(card_id, "card_id")
        if connection.user_id is None:
            raise NotAuthenticated(N_("Please sign in."))
        # No drop here: the fan-out keeps only each socket's latest state per tick.
        self._announce(connection, project_id, card_id)
        return {"ok": True}

    def _announce(self, connection: Connection, project_id: int, card_id: int | None) -> None:
        """Queue this socket's presence for the room (watchers without an account stay invisible)."""
        identity = connection.identity
        if identity is None:
            return
        self.fanout.add_presence(project_id, {"sid": connection.sid, "state": "here", "card_id": card_id,
                                              **identity})
