"""Accounts: registration, sign-in, profile, personal API tokens, and user admin."""
from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, select

from ..domain import accounts as rules
from ..domain.errors import N_, Conflict, NotAuthenticated, ValidationError
from ..domain.payload import check_fields
from ..extensions import db
from ..models import ApiToken, Organisation, User
from .access import parse_id, require_admin
from .unit_of_work import publish_control, write_transaction

_HASHERS = {"default": PasswordHasher(), "test": PasswordHasher.from_parameters(profiles.CHEAPEST)}
_DUMMY_HASHES: dict[str, str] = {}
LOCALES = ("th", "en")


def _hasher() -> PasswordHasher:
    """Argon2id with RFC 9106 low-memory defaults; tests may pick the cheapest profile."""
    return _HASHERS[current_app.config.get("PASSWORD_HASHER", "default")]


def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so a miss costs as much time as a hit."""
    name = current_app.config.get("PASSWORD_HASHER", "default")
    if name not in _DUMMY_HASHES:
        _DUMMY_HASHES[name] = _hasher().hash("not-a-real-password")
    return _DUMMY_HASHES[name]


def hash_password(password: str) -> str:
    """Argon2id hash of a password."""
    return _hasher().hash(password)


def _org_id(value: object) -> int | None:
    """An existing organisation id, or None."""
    if value in (None, "", 0, "0"):
        return None
    org_id = parse_id(value, "org_id")
    if db.session.get(Organisation, org_id) is None:
        raise ValidationError(N_("No such organisation."), field="org_id")
    return org_id


def find_user(email: str) -> User | None:
    """The user with this e-mail (case-insensitive)."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def register(data: object, is_admin: bool = False) -> User:
    """Create an account from {email, name, password, org_id?, locale?}."""
    data = check_fields(data, {"email", "name", "password", "org_id", "locale"},
                        required=("email", "name", "password"))
    email = rules.clean_email(data["email"])
    name = rules.clean_name(data["name"])
    password = rules.clean_password(data["password"])
    locale = rules.clean_locale(data.get("locale"), LOCALES)
    password_hash = hash_password(password)  # slow: outside the write lock
    with write_transaction():
        org_id = _org_id(data.get("org_id"))
        if find_user(email) is not None:
            raise Conflict(N_("An account with this e-mail address already exists."), field="email")
        user = User(email=email, name=name, password_hash=password_hash, locale=locale,
                    org_id=org_id, is_admin=is_admin)
        db.session.add(user)
    return user


def authenticate(email: object, password: object) -> User:
    """The active user with these credentials, or NotAuthenticated (same error either way)."""
    user = find_user(email) if isinstance(email, str) else None
    candidate = user.password_hash if user else _dummy_hash()
    try:
        ok = isinstance(password, str) and _hasher().verify(candidate, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or user.is_disabled:
        raise NotAuthenticated(N_("Wrong e-mail address or password."))
    if _hasher().check_needs_rehash(user.password_hash):
        new_hash = hash_password(password)
        with write_transaction():
            db.session.get(User, user.id).password_hash = new_hash
    return user


def update_profile(user: User, data: object) -> User:
    """Change one's own name, language and organisation."""
    data = check_fields(data, {"name", "locale", "org_id"})
    with write_transaction():
        user = db.session.get(User, user.id)
        if "name" in data:
            user.name = rules.clean_name(data["name"])
        if "locale" in data:
            user.locale = rules.clean_locale(data["locale"], LOCALES)
        if "org_id" in data:
            user.org_id = _org_id(data["org_id"])
    return user


def signed_out(user_id: int) -> None:
    """A browser signed out: drop that user's live board connections everywhere."""
    publish_control({"type": "revoke", "user_id": user_id, "reason": "signed_out"})


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(data: object) -> str:
    """Exchange {email, password} for a new personal API token (shown once)."""
    data = check_fields(data, {"email", "password"}, required=("email", "password"))
    user = authenticate(data["email"], data["password"])
    token = "glb_" + secrets.token_urlsafe(32)
    user_id = user.id
    with write_transaction():
        db.session.add(ApiToken(user_id=user_id, token_hash=_token_digest(token)))
    return token


def user_for_token(token: str) -> User | None:
    """The active owner of a Bearer token, or None."""
    if not token or len(token) > 200:
        return None
    record = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_digest(token)))
    if record is None or record.user.is_disabled:
        return None
    return record.user


def user_for_session(session_id: str) -> User | None:
    """Flask-Login's loader: "id:version" must match an active user's current session version."""
    user_id, _, version = (session_id or "").partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.is_disabled or user.session_version != int(version):
        return None
    return user


def create_user(actor, data: dict) -> User:
    """Admin or CLI: create an account, optionally a site admin."""
    require_admin(actor)
    data = dict(data)
    is_admin = bool(data.pop("is_admin", False))
    return register(data, is_admin=is_admin)


def set_disabled(actor, user_id: object, disabled: bool) -> User:
    """Admin: disable or re-enable an account; disabling also ends its sessions."""
    require_admin(actor)
    with write_transaction():
        user = db.session.get(User, parse_id(user_id, "user_id"))
        if user is None:
            raise ValidationError(N_("No such user."), field="user_id")
        user.is_disabled = disabled
        if disabled:
            user.session_version += 1
    if disabled:
        publish_control({"type": "revoke", "user_id": user.id, "reason": "disabled"})
    return user
