"""Socket.IO namespace /board: connect, join, op, resync, text.sync, presence, leave.

Handlers are thin: check the connection, the rate limit and the payload's shape (the schemas in
domain/schemas.py, declared once), call the same service functions as REST (ops through the op
registry), and answer with an ack `{"ok": true, ...}` or `{"ok": false, "error": {...}}`. Bad input
never raises out of a handler, so it never kills the connection or the worker.

`connect` and `disconnect` run in Flask-SocketIO's request context (connect reads the handshake's
cookie session). The board events run in a plain app context: who the socket is and which language
it speaks were settled at connect, so a busy board does not rebuild a request and reopen the session
cookie for every edit. Reserved event names sent by a client never reach a handler.
"""
from __future__ import annotations

import functools
import logging
import re
import time

from flask import current_app, g, request
from flask_login import current_user
from flask_socketio import Namespace
from socketio import packet

from .. import jsoncodec
from ..domain import permissions, schemas
from ..domain.guests import window_open
from ..domain.errors import N_, DomainError, NotAuthenticated, NotFound, PermissionDenied, ValidationError
from ..domain.text_rules import nesting_depth_exceeds
from ..extensions import db
from ..models.base import utcnow
from ..i18n import select_locale, translate, translated_board
from ..domain.workshop_schemas import Clock
from ..domain.theme_schemas import ThemeSuggest
from ..services import cards, events, guests, projects, registry, sessions, text, theme_suggestions, workshops
from ..services.access import ActorRef, active_user, card_in_project
from ..services.batch import Job
from .committer import Committer
from .connections import Connection, Registry, TokenBucket
from .fanout import NAMESPACE, Fanout, room_of
from .personal import user_room
from .presence_book import PresenceBook
from .private import user_room as board_user_room

log = logging.getLogger(__name__)
MESSAGE_MAX = 64 * 1024
JSON_DEPTH_MAX = 32
RESYNC_MAX = 1000
# The access sweep (every 5 s) refreshes every socket's actor in one query; an op re-reads its own
# account only when the sweep fell this far behind (or the socket is new).
ACTOR_RECHECK_SECONDS = 12.0
BOARD_EVENTS = ("join", "leave", "op", "resync", "text_sync", "presence", "clock", "themes_suggest")


def error_ack(code: str, message: str, field: str | None = None) -> dict:
    """The failure ack shared by every handler."""
    error = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"ok": False, "error": error}


def refuse_reserved_events(server, reserved: frozenset[str]) -> None:
    """Make the server refuse client events named like its own (connect, disconnect, …) or not named by text.

    python-socketio hands a client's `connect` event to the same handler as a real connection; a
    client could re-run connect (escaping revocation, refilling its rate limit). Such an event is
    answered like an unknown one and never dispatched.
    """
    dispatch = server._handle_event

    def handle_event(eio_sid, namespace, id, data):
        name = data[0] if data else None
        if isinstance(name, str) and name not in reserved:
            return dispatch(eio_sid, namespace, id, data)
        log.info("refused reserved or malformed event name %r", name)
        if id is not None:
            server._send_packet(eio_sid, server.packet_class(
                packet.ACK, namespace=namespace or "/", id=id,
                data=[error_ack("unknown_event", "Unknown event.")]))
        return None

    server._handle_event = handle_event
    receive = server._handle_eio_message

    def handle_eio_message(eio_sid, data):
        try:
            return receive(eio_sid, data)
        except (ValueError, TypeError, RecursionError):  # a frame the packet decoder refuses
            match = _EVENT_HEADER.match(data) if isinstance(data, str) else None
            if match and match.group("id"):
                namespace = match.group("namespace") or "/"
                server._send_packet(eio_sid, server.packet_class(
                    packet.ACK, namespace=namespace, id=int(match.group("id")),
                    data=[error_ack("invalid_json", "The message is not valid JSON.")]))
            return None

    server._handle_eio_message = handle_eio_message


# The head of a Socket.IO EVENT frame: type 2, optional namespace, optional ack id.
_EVENT_HEADER = re.compile(r"^2(?P<namespace>/[^,\[]*)?,?(?P<id>[0-9]{1,9})?\[")


class BoardNamespace(Namespace):
    """Live board: one room per project, derived on the server; every event re-checks the actor's rights."""

    def __init__(self, namespace: str, registry_: Registry, fanout: Fanout, committer: Committer, guard,
                 presence_book: PresenceBook | None = None) -> None:
        super().__init__(namespace)
        self.presence_book = presence_book or PresenceBook()
        self.registry = registry_
        self.fanout = fanout
        self.committer = committer
        self.guard = guard

    # -- plumbing -------------------------------------------------------------------------------

    def trigger_event(self, event, *args):
        """Dispatch: connect/disconnect as usual; board events in a lean app context; others refused."""
        if event in ("connect", "disconnect"):
            return super().trigger_event(event, *args)
        name = event.replace(".", "_")  # Socket.IO event names may contain dots (text.sync)
        sid, data = args[0], args[1:]
        environ = self.socketio.server.get_environ(sid, namespace=self.namespace)
        if not environ:
            return None  # a socket this process no longer knows: nothing to answer
        with environ["flask.app"].app_context():
            if name not in BOARD_EVENTS:
                return self._unknown(sid)
            return getattr(self, "on_" + name)(sid, *data)

    def _unknown(self, sid: str) -> dict:
        """An event name no handler has: refused (and counted against the rate limit)."""
        connection = self.registry.get(sid)
        if connection is not None:
            g.govlab_locale = connection.locale
            if not connection.bucket.take():
                return error_ack("rate_limited", translate("Too many requests. Please wait a moment and try again."))
        return error_ack("unknown_event", translate("Unknown event."))

    def _guarded(handler):  # noqa: N805 - a decorator used inside the class body
        """Rate limit, size and depth limits, and turn every error into an ack."""

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
                if nesting_depth_exceeds(data, JSON_DEPTH_MAX):
                    return error_ack("invalid_json", translate(
                        "The JSON body is nested too deeply (at most %(max)d levels).", max=JSON_DEPTH_MAX))
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
        """The connection's user (refreshed by the access sweep, or re-read here when the sweep is late),
        its session or token still live; None for watchers. Roles are checked afresh on every event by the
        services. Raises NotAuthenticated when an account is required or has ended."""
        if connection.user_id is None:
            if required:
                raise NotAuthenticated(N_("Please sign in to make changes."))
            return None
        now = time.monotonic()
        cached = connection.actor
        # A guest whose cached time is up is re-read at once: a facilitator may have just given the code more time.
        if cached is None or now - connection.actor_checked > ACTOR_RECHECK_SECONDS \
                or not window_open(cached.guest_until, utcnow()):
            user = active_user(connection.user_id)
            if user is None or (connection.session_hash and not sessions.session_is_live(connection.session_hash)) \
                    or (connection.token_id and not sessions.token_is_live(connection.token_id)):
                connection.actor = None
                raise NotAuthenticated(N_("Please sign in."))
            connection.actor, connection.actor_checked = ActorRef.of(user), now
        return connection.actor

    @staticmethod
    def _joined(connection: Connection, project_id: int) -> int:
        if project_id not in connection.projects:
            raise ValidationError(N_("Join the board first."), field="project_id")
        return project_id

    # -- connection -----------------------------------------------------------------------------

    def on_connect(self, auth=None):
        """Sent by a client opening the socket: a personal token in `auth`, or the browser session.

        Anonymous sockets may only watch public boards, and only so many per address. A bad token is refused.
        """
        user = None
        if isinstance(auth, dict) and auth.get("token") is not None:
            user = sessions.user_for_token(str(auth["token"]))
            if user is None:
                raise ConnectionRefusedError({"code": "unauthorized", "message": "invalid or expired token"})
        elif current_user.is_authenticated:
            user = current_user._get_current_object()
        config = current_app.config
        bucket = TokenBucket(rate=config.get("SOCKET_RATE", 100.0), burst=config.get("SOCKET_BURST", 200.0))
        connection = Connection(sid=request.sid, user_id=user.id if user else None, bucket=bucket,
                                locale=user.locale if user and user.locale in config["LANGUAGES"] else select_locale(),
                                address=request.remote_addr or "")
        if user is not None:
            org = user.organisation
            connection.identity = {"user_id": user.id, "name": user.name,
                                   "organisation": {"name_th": org.name_th, "name_en": org.name_en} if org else None,
                                   "sector": org.sector if org else None}
            if user.guest is not None:  # a workshop guest: the badge, and what they said when joining
                connection.identity.update(guests.presence_fields(user))
            connection.token_id = getattr(user, "token_id", None)
            key = getattr(user, "session_key", None)
            connection.session_hash = sessions.digest(key) if key and connection.token_id is None else None
        if not self.registry.add(connection, anonymous_cap=config.get("WATCHERS_PER_ADDRESS", 500)):
            raise ConnectionRefusedError({"code": "rate_limited",
                                          "message": "too many anonymous connections from this address"})
        if user is not None:
            self.enter_room(request.sid, user_room(user.id))  # the bell's unread count (realtime/personal.py)
        self.fanout.ensure_started()  # the tick also sweeps access and sends seq heartbeats: run it while sockets are open

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
        """Sent by a client opening a board. Ack: {ok, seq, board, server_ms, presence, presence_alias?}; the
        socket then receives `ops`, `presence` and `seq` (in anonymous mode participants' copies name no one).
        `presence` lists who is on the board already (nobody needs to announce again), named as in the frames.

        `include_deleted: true` lists deleted cards too (facilitators only, as in REST). A board the
        user may not see is `forbidden`, whether or not it exists, so a refusal reveals nothing.
        """
        data = schemas.parse(schemas.Join, data)
        actor = self._actor(connection)
        project_id = data["project_id"]
        try:
            _project, role = projects.get_project(actor, project_id)  # the permission check, before entering the room
        except NotFound:
            raise PermissionDenied(N_("This board does not exist or you are not a member of it.")) from None
        # Enter the room before the snapshot: an event committed in between arrives in `ops`
        # with a seq the client already has, instead of being lost.
        self.enter_room(connection.sid, room_of(project_id))
        if connection.user_id is not None:  # hidden notes and own dots arrive here, never in the board's room
            self.enter_room(connection.sid, board_user_room(project_id, connection.user_id))
        connection.projects.add(project_id)
        # Anonymous mode: facilitators and participants get different copies of the frames (audience.py).
        audience = self.fanout.audience
        audience.place(connection, project_id, role == "facilitator")
        try:
            snapshot = translated_board(cards.board_snapshot(actor, project_id, data.get("include_deleted", False)))
        except BaseException as error:  # access lost meanwhile, or any failure: never stay in the room
            self._forget(connection, project_id)
            if isinstance(error, NotFound):
                raise PermissionDenied(N_("This board does not exist or you are not a member of it.")) from None
            raise
        project = snapshot["project"]
        connection.can_edit[project_id] = permissions.can_edit_board(project["role"], project["status"])
        audience.set_anonymous(project_id, project.get("anonymous_since"))
        audience.place(connection, project_id, project["role"] == "facilitator")
        self._announce(connection, project_id, None)
        facilitator = project["role"] == "facilitator"
        ack = {"ok": True, "seq": snapshot["seq"], "board": snapshot, "server_ms": workshops.now_ms(),
               "presence": audience.present(self.presence_book, project_id, connection.sid, facilitator)}
        alias = audience.alias(project_id, connection.sid)
        if alias is not None:  # how participants' presence frames name this socket, so it can skip itself
            ack["presence_alias"] = alias
        return ack

    def _forget(self, connection: Connection, project_id: int) -> None:
        self.leave_room(connection.sid, room_of(project_id))
        if connection.user_id is not None:
            self.leave_room(connection.sid, board_user_room(project_id, connection.user_id))
        connection.projects.discard(project_id)
        connection.can_edit.pop(project_id, None)
        self.fanout.audience.leave(connection, project_id)

    @_guarded
    def on_leave(self, connection: Connection, data):
        """Sent by a client closing a board. Ack: {ok}."""
        project_id = self._joined(connection, schemas.parse(schemas.BoardRef, data)["project_id"])
        self._forget(connection, project_id)
        self.fanout.add_presence(project_id, {"sid": connection.sid, "state": "left"})
        return {"ok": True}

    @_guarded
    def on_resync(self, connection: Connection, data):
        """Sent by a client that saw a seq gap, a newer `seq`, or reconnected. Ack: {ok, seq, ops} or {ok, seq, board}."""
        data = schemas.parse(schemas.Resync, data)
        project_id = self._joined(connection, data["project_id"])
        actor = self._actor(connection)
        page = events.events_since(actor, project_id, data["since"], RESYNC_MAX)
        if page["more"]:
            board = translated_board(cards.board_snapshot(actor, project_id, data.get("include_deleted", False)))
            return {"ok": True, "seq": board["seq"], "board": board}
        return {"ok": True, "seq": page["seq"], "ops": page["events"]}

    @_guarded
    def on_op(self, connection: Connection, data):
        """Sent by a client changing the board. Ack: {ok, seq, card|member|project}; everyone gets the Event in `ops`.

        The op's type, payload schema and service come from the op registry. A repeated
        client_op_id from the same user is applied once and answered with the first ack. An op is
        committed at once on a quiet board, or with the next group under load (realtime/committer.py).
        """
        envelope = schemas.parse(schemas.OpEnvelope, data)
        for name in ("project_id", "client_op_id"):
            if name not in envelope:
                raise ValidationError(N_("The field %(name)s is required."), field=name, name=name)
        project_id = self._joined(connection, envelope["project_id"])
        spec = registry.get(envelope["type"])
        payload = spec.validate(envelope.get("data", {}))  # refused here: a bad op never reaches a group
        actor = self._actor(connection, required=True)
        card_field = spec.card_id_field
        job = Job(actor=actor, project_id=project_id, client_op_id=envelope["client_op_id"],
                  card_id=payload.get(card_field) if card_field else None, result_kind=spec.result,
                  run=lambda: spec.apply(actor, project_id, payload))
        self.committer.submit(job)
        if job.error is not None:
            raise job.error
        return job.ack

    @_guarded
    def on_text_sync(self, connection: Connection, data):
        """Sent by a client opening a card's text for co-editing. Ack: {ok, card_id, update, seq}."""
        data = schemas.parse(schemas.TextSync, data)
        project_id = self._joined(connection, data["project_id"])
        return {"ok": True, **text.text_state(self._actor(connection), data["card_id"], in_project=project_id)}

    @_guarded
    def on_presence(self, connection: Connection, data):
        """Sent by a client when it opens or closes a card (and as a heartbeat). Others get `presence`."""
        data = schemas.parse(schemas.PresenceState, data)
        project_id = self._joined(connection, data["project_id"])
        if connection.user_id is None:
            raise NotAuthenticated(N_("Please sign in."))
        card_id = data.get("card_id")
        if card_id is not None and not card_in_project(card_id, project_id):
            raise NotFound(N_("No such card."))
        # No drop here: the fan-out keeps only each socket's latest state per tick.
        self._announce(connection, project_id, card_id)
        return {"ok": True}

    @_guarded
    def on_clock(self, connection: Connection, data):
        """Sent by a client measuring its clock offset (NTP-style: it notes send and receive times). Ack: {ok, server_ms, t0}."""
        data = schemas.parse(Clock, data if data is not None else {})
        return {"ok": True, "server_ms": workshops.now_ms(), "t0": data.get("t0")}

    @_guarded
    def on_themes_suggest(self, connection: Connection, data):
        """Sent by a facilitator asking for suggested themes of a lane; only the asker gets them, in the ack.

        Ack: {ok, stage, seq, considered, capped, suggestions: [{key, name, words, card_ids}]}. Read-only:
        accepting one is the op theme.create. Others: `forbidden`; too often: `rate_limited`.
        """
        data = schemas.parse(ThemeSuggest, data)
        project_id = self._joined(connection, data["project_id"])
        actor = self._actor(connection, required=True)
        return {"ok": True, **theme_suggestions.suggest_themes(actor, project_id, data["stage"])}

    def _announce(self, connection: Connection, project_id: int, card_id: int | None) -> None:
        """Queue this socket's presence for the room (watchers without an account stay invisible)."""
        identity = connection.identity
        if identity is None:
            return
        self.fanout.add_presence(project_id, {"sid": connection.sid, "state": "here", "card_id": card_id,
                                              **identity})
