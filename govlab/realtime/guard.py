"""Keeping every open socket's access true, on every process.

Control messages (over Redis when there are several processes) carry revocations at once: a
signed-out or ended session, a revoked token, a disabled account, a withdrawn guest code, and
"recheck this board" after a board turned private or was archived, or a member was removed or
demoted. A periodic sweep re-checks every socket against the database as well (workshop guests
whose time is up included), so a lost message (Redis down, a CLI process
without Redis) costs at most one sweep period, and sends each busy board's latest seq so clients
that missed frames resync.
"""
from __future__ import annotations

import logging
import time

from sqlalchemy import select

from ..domain import permissions
from ..domain.guests import window_open
from ..extensions import db
from ..models import ApiToken, Guest, Membership, Project, User, UserSession
from ..models.base import utcnow
from ..services.access import ActorRef
from .connections import Connection, Registry
from .fanout import NAMESPACE, room_of
from .private import user_room

log = logging.getLogger(__name__)
FULL_HEARTBEAT_EVERY = 6  # periods: quiet rooms get their seq now and then too


class AccessGuard:
    """Revokes sockets (revoked event, then leave or disconnect) and runs the periodic sweep."""

    def __init__(self, app, socketio, registry: Registry, audience) -> None:
        self.app = app
        self.socketio = socketio
        self.registry = registry
        self.audience = audience  # realtime/audience.py: anonymous mode and the audience rooms
        self._heartbeats: dict[int, int] = {}  # board -> last seq sent in a heartbeat
        self._periods = 0

    # -- messages ---------------------------------------------------------------------------------

    def on_control(self, message: dict) -> None:
        """Apply a control message from any process (revoke, or recheck a board)."""
        kind = message.get("type")
        if kind == "revoke" and isinstance(message.get("user_id"), int):
            for connection in self.registry.matching(user_id=message["user_id"]):
                if self._concerns(connection, message):
                    self._drop(connection, message.get("reason") or "signed_out")
        elif kind == "anonymous" and isinstance(message.get("project_id"), int):
            since = message.get("since")
            self.audience.set_anonymous(message["project_id"], since if isinstance(since, int) else None)
        elif kind == "recheck" and isinstance(message.get("project_id"), int):
            with self.app.app_context():
                try:
                    self.recheck(message["project_id"], message.get("user_id"), message.get("reason"))
                finally:
                    db.session.remove()

    @staticmethod
    def _concerns(connection: Connection, message: dict) -> bool:
        """Does a revocation reach this socket (one session, one token, or the whole account)?"""
        if "session" in message:
            return connection.session_hash == message["session"]
        if "token_id" in message:
            return connection.token_id == message["token_id"]
        if message.get("all_tokens"):
            return connection.token_id is not None
        return True

    def _drop(self, connection: Connection, reason: str) -> None:
        """Tell the socket why, then disconnect it (its credentials are gone)."""
        self.socketio.emit("revoked", {"reason": reason}, to=connection.sid, namespace=NAMESPACE, ignore_queue=True)
        self.socketio.server.disconnect(connection.sid, namespace=NAMESPACE)

    # -- boards -----------------------------------------------------------------------------------

    def recheck(self, project_id: int, user_id: int | None = None, reason: str | None = None) -> None:
        """Re-derive each local socket's right to a board: take it off, or make it read-only, as needed.

        `reason` is what changed (private, membership), when the caller knows it.
        """
        connections = self.registry.matching(user_id=user_id, project_id=project_id)
        if not connections:
            return
        project = db.session.get(Project, project_id, populate_existing=True)
        if project is not None:  # the sweep also keeps this process's view of anonymous mode true
            self.audience.set_anonymous(project_id, project.anonymous_since)
        users = {c.user_id for c in connections if c.user_id is not None}
        roles = dict(db.session.execute(select(Membership.user_id, Membership.role).where(
            Membership.project_id == project_id, Membership.user_id.in_(users))).all()) if users else {}
        admins = set(db.session.scalars(select(User.id).where(User.id.in_(users), User.is_admin.is_(True)))) \
            if users else set()
        for connection in connections:
            role = permissions.effective_role(roles.get(connection.user_id), connection.user_id in admins)
            if project is None or not permissions.can_view(role, project.visibility):
                why = reason or ("private" if connection.user_id is None else "membership")
                self.take_off(connection, project_id, why)
                continue
            # A promoted or demoted facilitator changes audience room before the next frame (anonymous mode).
            self.audience.place(connection, project_id, role == "facilitator")
            editable = permissions.can_edit_board(role, project.status)
            if connection.can_edit.get(project_id) and not editable:
                downgrade = "archived" if project.status == "archived" else "demoted"
                self.socketio.emit("revoked", {"reason": downgrade, "project_id": project_id, "read_only": True},
                                   to=connection.sid, namespace=NAMESPACE, ignore_queue=True)
            connection.can_edit[project_id] = editable

    def take_off(self, connection: Connection, project_id: int, reason: str) -> None:
        """Remove a socket from a board's room and tell it why; the socket itself stays connected."""
        self.socketio.server.leave_room(connection.sid, room_of(project_id), namespace=NAMESPACE)
        if connection.user_id is not None:
            self.socketio.server.leave_room(connection.sid, user_room(project_id, connection.user_id), namespace=NAMESPACE)
        self.audience.leave(connection, project_id)
        connection.projects.discard(project_id)
        connection.can_edit.pop(project_id, None)
        self.socketio.emit("revoked", {"reason": reason, "project_id": project_id}, to=connection.sid,
                           namespace=NAMESPACE, ignore_queue=True)

    # -- the periodic sweep -----------------------------------------------------------------------

    def sweep(self) -> None:
        """Re-check every socket's credentials and boards, then send the boards' latest seq."""
        with self.app.app_context():
            try:
                self._sweep_credentials()
                boards = self.registry.boards()
                for project_id in boards:
                    self.recheck(project_id)
                self._heartbeat(self.registry.boards())
            finally:
                db.session.remove()

    def _sweep_credentials(self) -> None:
        """Drop the sockets whose account, guest time, session or token ended; refresh the others' actor.

        The refreshed actor (one query for every account) spares each op its own re-read of the user,
        session and token (realtime/handlers._actor re-reads only when this sweep fell behind).
        """
        connections = [c for c in self.registry.matching() if c.user_id is not None]
        if not connections:
            return
        users = {c.user_id for c in connections}
        accounts = {user.id: user for user in db.session.scalars(
            select(User).where(User.id.in_(users)).execution_options(populate_existing=True))}
        now = utcnow()
        # Workshop guests whose time is up (the code expired): their sockets end like their sessions.
        ended_guests = set(db.session.scalars(select(Guest.user_id).where(Guest.user_id.in_(users),
                                                                          Guest.until <= now)))
        hashes = {c.session_hash for c in connections if c.session_hash}
        live_sessions = set(db.session.scalars(select(UserSession.key_hash).where(
            UserSession.key_hash.in_(hashes), UserSession.ended_at.is_(None)))) if hashes else set()
        token_ids = {c.token_id for c in connections if c.token_id}
        live_tokens = {token_id for token_id, expires in db.session.execute(
            select(ApiToken.id, ApiToken.expires_at).where(ApiToken.id.in_(token_ids))).all()
            if expires is None or expires > now} if token_ids else set()
        checked = time.monotonic()
        for connection in connections:
            account = accounts.get(connection.user_id)
            if account is None or account.is_disabled:
                self._drop(connection, "disabled")
            elif connection.user_id in ended_guests or not window_open(account.guest_until, now):
                self._drop(connection, "guest_ended")
            elif connection.session_hash and connection.session_hash not in live_sessions:
                self._drop(connection, "session_ended")
            elif connection.token_id and connection.token_id not in live_tokens:
                self._drop(connection, "token_revoked")
            else:
                connection.actor, connection.actor_checked = ActorRef.of(account), checked

    def _heartbeat(self, boards: set[int]) -> None:
        """Each board's latest seq to this process's sockets on it (never through Redis, which may be down).

        Boards whose seq did not change since their last heartbeat are skipped except every
        FULL_HEARTBEAT_EVERY periods: their clients have nothing to catch up on.
        """
        self._periods += 1
        full = self._periods % FULL_HEARTBEAT_EVERY == 0
        if not boards:
            self._heartbeats.clear()
            return
        seqs = dict(db.session.execute(select(Project.id, Project.last_seq).where(Project.id.in_(boards))).all())
        for project_id, seq in seqs.items():
            if full or self._heartbeats.get(project_id) != seq:
                self._heartbeats[project_id] = seq
                self.socketio.emit("seq", {"project_id": project_id, "seq": seq}, to=room_of(project_id),
                                   namespace=NAMESPACE, ignore_queue=True)
        for project_id in set(self._heartbeats) - boards:
            del self._heartbeats[project_id]
