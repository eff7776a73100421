"""Server-side sessions and personal API tokens: created, listed, ended, revoked, and checked.

A browser session is a row; the cookie carries its random key (only the key's SHA-256 is stored).
Signing out ends the row, so a copied cookie stops working on pages, the API and sockets alike.
Ending sessions or revoking a token also tells the live layer (on every process) to drop the
sockets that were opened with them.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import select, update

from ..domain import schemas
from ..domain.errors import N_, NotFound, PermissionDenied
from ..domain.guests import window_open
from ..extensions import db
from ..models import ApiToken, User, UserSession
from ..models.base import utcnow
from .access import parse_id
from .unit_of_work import publish_control, write_transaction

TOUCH_EVERY = timedelta(minutes=5)  # last_seen_at / last_used_at are written at most this often
TOKEN_PREFIX = "glb_"
MAX_TOKEN_LENGTH = 200


def digest(secret: str) -> str:
    """SHA-256 hex of a session key or token: what the database keeps."""
    return hashlib.sha256(secret.encode()).hexdigest()


def start_session(user: User, ip: str = "", user_agent: str = "") -> str:
    """Record a new signed-in browser for the user; returns the key for the cookie (set on `user`)."""
    key = secrets.token_urlsafe(32)
    with write_transaction():
        db.session.add(UserSession(user_id=user.id, key_hash=digest(key), ip=(ip or "")[:45],
                                   user_agent=(user_agent or "")[:200]))
    user.session_key = key
    return key


def user_for_session(session_id: str) -> User | None:
    """Flask-Login's loader: "id:key" must name a live session of an active user."""
    user_id, _, key = (session_id or "").partition(":")
    if not user_id.isascii() or not user_id.isdigit() or len(user_id) > 10 or not key or len(key) > 100:
        return None
    row = db.session.scalar(select(UserSession).where(UserSession.key_hash == digest(key)))
    if row is None or row.ended_at is not None or row.user_id != int(user_id):
        return None
    user = db.session.get(User, row.user_id)
    if user is None or user.is_disabled:
        return None
    if not window_open(user.guest_until, utcnow()):  # a workshop guest whose time is up: the session ends
        session_row_id = row.id
        with write_transaction():
            _end(select(UserSession).where(UserSession.id == session_row_id), "guest_ended")
        return None
    if utcnow() - row.last_seen_at > TOUCH_EVERY:
        session_row_id = row.id
        with write_transaction():
            db.session.execute(update(UserSession).where(UserSession.id == session_row_id)
                               .values(last_seen_at=utcnow()))
        user = db.session.get(User, int(user_id))
    user.session_key = key
    return user


def session_is_live(key_hash: str) -> bool:
    """True while the session with this key digest has not ended (sockets re-check it now and then)."""
    ended = db.session.execute(select(UserSession.ended_at).where(UserSession.key_hash == key_hash)).first()
    return ended is not None and ended[0] is None


def list_sessions(user: User) -> list[UserSession]:
    """The user's live sessions, most recently seen first."""
    return list(db.session.scalars(select(UserSession).where(
        UserSession.user_id == user.id, UserSession.ended_at.is_(None)).order_by(UserSession.last_seen_at.desc())))


def _end(query, reason: str) -> list[str]:
    """End the sessions the query selects; return their key digests."""
    rows = list(db.session.scalars(query.where(UserSession.ended_at.is_(None))))
    for row in rows:
        row.ended_at, row.end_reason = utcnow(), reason
    return [row.key_hash for row in rows]


def end_session(user_id: int, key: str | None, reason: str = "signed_out") -> None:
    """End one session (sign-out) and drop the sockets opened with it, on every process."""
    if not key:
        return
    key_hash = digest(key)
    with write_transaction():
        ended = _end(select(UserSession).where(UserSession.key_hash == key_hash, UserSession.user_id == user_id),
                     reason)
    for ended_hash in ended:
        publish_control({"type": "revoke", "user_id": user_id, "session": ended_hash, "reason": reason})


def end_session_by_id(user: User, session_id: object) -> None:
    """Sign one of one's own browsers out (from the profile page). Raises NotFound."""
    session_id = parse_id(session_id, "session_id")
    with write_transaction():
        ended = _end(select(UserSession).where(UserSession.id == session_id, UserSession.user_id == user.id),
                     "signed_out")
        if not ended:
            raise NotFound(N_("This session has already ended."))
    publish_control({"type": "revoke", "user_id": user.id, "session": ended[0], "reason": "session_ended"})


def end_other_sessions(user_id: int, keep_key: str | None, reason: str) -> int:
    """End every session of the user but the one with `keep_key`; returns how many ended."""
    query = select(UserSession).where(UserSession.user_id == user_id)
    if keep_key:
        query = query.where(UserSession.key_hash != digest(keep_key))
    with write_transaction():
        ended = _end(query, reason)
    for ended_hash in ended:
        publish_control({"type": "revoke", "user_id": user_id, "session": ended_hash, "reason": reason})
    return len(ended)


def end_all_sessions_in_transaction(user_id: int, reason: str, keep_key: str | None = None) -> list[str]:
    """Inside a caller's write transaction: end every session of the user (but the one with `keep_key`)."""
    query = select(UserSession).where(UserSession.user_id == user_id)
    if keep_key:
        query = query.where(UserSession.key_hash != digest(keep_key))
    return _end(query, reason)


# -- personal API tokens ------------------------------------------------------------------------

def create_token(user: User, data: object) -> tuple[str, ApiToken]:
    """A new named personal token for the user, optionally expiring; the secret is returned once.

    Asked for with a token (not a password or a browser session), the new token never outlives
    that token: a copied short-lived token cannot be turned into permanent access. Workshop guests get
    none. Raises ValidationError or PermissionDenied.
    """
    if getattr(user, "guest_project_id", None) is not None:
        raise PermissionDenied(N_("A guest account can only take part in its workshop's project."))
    data = schemas.parse(schemas.TokenCreate, data)
    data.pop("email", None), data.pop("password", None)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    days = data.get("expires_in_days")
    expires_at = utcnow() + timedelta(days=days) if days else None
    parent_id = getattr(user, "token_id", None)
    if parent_id is not None:
        parent_expiry = db.session.scalar(select(ApiToken.expires_at).where(ApiToken.id == parent_id))
        if parent_expiry is not None and (expires_at is None or expires_at > parent_expiry):
            expires_at = parent_expiry
    record = ApiToken(user_id=user.id, token_hash=digest(token), name=(data.get("name") or "").strip(),
                      expires_at=expires_at)
    with write_transaction():
        db.session.add(record)
    return token, record


def list_tokens(user: User) -> list[ApiToken]:
    """The user's tokens (expired ones too, marked by their expiry), newest first."""
    return list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke_token(user: User, token_id: object) -> None:
    """Delete one of one's own tokens; sockets opened with it are dropped. Raises NotFound."""
    token_id = parse_id(token_id, "token_id")
    with write_transaction():
        record = db.session.scalar(select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id))
        if record is None:
            raise NotFound(N_("No such token."))
        db.session.delete(record)
    publish_control({"type": "revoke", "user_id": user.id, "token_id": token_id, "reason": "token_revoked"})


def revoke_all_tokens(user_id: int, reason: str) -> int:
    """Delete every personal token of the user and drop the sockets opened with them; returns how many."""
    with write_transaction():
        records = list(db.session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)))
        for record in records:
            db.session.delete(record)
    if records:
        publish_control({"type": "revoke", "user_id": user_id, "all_tokens": True, "reason": reason})
    return len(records)


def user_for_token(token: str) -> User | None:
    """The active owner of a live (unexpired) Bearer token, or None; sets `user.token_id`."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    record = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest(token)))
    now = utcnow()
    if record is None or record.user.is_disabled or (record.expires_at is not None and record.expires_at <= now):
        return None
    user, record_id = record.user, record.id
    if record.last_used_at is None or now - record.last_used_at > TOUCH_EVERY:
        with write_transaction():
            db.session.execute(update(ApiToken).where(ApiToken.id == record_id).values(last_used_at=now))
        user = db.session.get(User, user.id)
    user.token_id = record_id
    return user


def token_is_live(token_id: int) -> bool:
    """True while the token exists and has not expired (sockets re-check it now and then)."""
    expires = db.session.execute(select(ApiToken.expires_at).where(ApiToken.id == token_id)).first()
    return expires is not None and (expires[0] is None or expires[0] > utcnow())
