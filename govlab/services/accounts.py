"""Accounts: registration, sign-in, profile, password change, and user admin (disable, enable, list)."""
from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import func, or_, select

from ..domain import accounts as rules
from ..domain.errors import N_, Conflict, NotAuthenticated, NotConfirmed, PermissionDenied, ValidationError
from ..domain.payload import check_fields
from ..extensions import db
from ..models import Organisation, User
from ..models.base import utcnow
from ..offload import run_blocking
from . import sessions
from .access import parse_id, require_admin
from .affiliations import record_claim, vouch
from .guests import require_not_guest
from .unit_of_work import publish_control, write_transaction

# OWASP Argon2id m=46 MiB, t=1, p=1: one lane, so one hash holds one core (p=4 spread over several).
_HASHERS = {"default": PasswordHasher(time_cost=1, memory_cost=47104, parallelism=1),
            "test": PasswordHasher.from_parameters(profiles.CHEAPEST)}
_DUMMY_HASHES: dict[str, str] = {}
LOCALES = ("th", "en")


def _hasher() -> PasswordHasher:
    """Argon2id with OWASP's parameters (see _HASHERS); tests may pick the cheapest profile."""
    return _HASHERS[current_app.config.get("PASSWORD_HASHER", "default")]


def _dummy_hash() -> str:
    """Verified against when the e-mail is unknown, so a miss costs as much time as a hit."""
    name = current_app.config.get("PASSWORD_HASHER", "default")
    if name not in _DUMMY_HASHES:
        _DUMMY_HASHES[name] = _off_loop(_hasher().hash, "not-a-real-password")
    return _DUMMY_HASHES[name]


def hash_password(password: str) -> str:
    """Argon2id hash of a password."""
    return _off_loop(_hasher().hash, password)


def _off_loop(fn, *args):
    """Run a hash on a worker thread (govlab/offload.py) without holding a pooled connection meanwhile."""
    session = db.session()
    # Callers queue for a hash slot: had each kept its request's read transaction, a sign-up storm would
    # drain the pool and stall every other request (/healthz p50 ~350 ms with 20 clients). A write
    # transaction, or one with unflushed changes, is left alone (hashes run outside them anyway).
    if (session.in_transaction() and not (session.new or session.dirty or session.deleted)
            and not session.connection().get_execution_options().get("govlab_write")):
        session.rollback()
    return run_blocking(fn, *args)


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


def _new_account(data: object, is_admin: bool, confirmed: bool, unit_hook=None) -> User | None:
    """Validate and store an account; None, with nothing stored, when the e-mail is taken.

    `unit_hook(unit, user_or_none, existing)` runs inside the transaction (registration mails there).
    """
    data = check_fields(data, {"email", "name", "password", "org_id", "locale"},
                        required=("email", "name", "password"))
    email = rules.clean_email(data["email"])
    name = rules.clean_name(data["name"])
    password = rules.clean_password(data["password"], hints=(email, email.split("@")[0], name))
    locale = rules.clean_locale(data.get("locale"), LOCALES)
    password_hash = hash_password(password)  # slow: outside the write lock
    with write_transaction() as unit:
        org_id = _org_id(data.get("org_id"))
        existing = find_user(email)
        user = None
        if existing is None:
            user = User(email=email, name=name, password_hash=password_hash, locale=locale, is_admin=is_admin,
                        confirmed_at=utcnow() if confirmed else None)
            db.session.add(user)
            db.session.flush()
            record_claim(user, org_id)  # a claim until verified (at once when a confirmed address is on its domain)
        if unit_hook is not None:
            unit_hook(unit, user, existing)
    return user


def register(data: object, mail_locale: str | None = None) -> User | None:
    """Self-service sign-up from {email, name, password, org_id?, locale?}; the account works once the
    link mailed to the address is followed (48 hours).

    When the e-mail already has an account, nothing is created and its owner is mailed that someone
    tried to register with it. Callers answer the same either way: the same work is done on both
    paths (the password hash, a mail rendered and stored). `mail_locale` is the language of the
    request, for a person without a language setting. Returns the new user or None.
    Raises ValidationError.
    """
    from . import account_links, outbox

    def mail(unit, user, existing):
        if user is not None:
            account_links.mail_link(unit, user, "confirm", account_links.mail_locale(user, mail_locale))
        else:
            outbox.enqueue(unit, existing.email, "register_attempt", account_links.mail_locale(existing),
                           name=existing.name, login=outbox.external_url("auth.login"),
                           forgot=outbox.external_url("links.forgot"))

    return _new_account(data, is_admin=False, confirmed=False, unit_hook=mail)


def authenticate(email: object, password: object) -> User:
    """The active user with these credentials, or NotAuthenticated (same error either way).

    Raises NotConfirmed when the credentials are right but the address is not confirmed yet (only
    someone who knows the password learns it).
    """
    user = find_user(email) if isinstance(email, str) else None
    candidate = user.password_hash if user else _dummy_hash()
    try:
        ok = isinstance(password, str) and _off_loop(_hasher().verify, candidate, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or user is None or user.is_disabled:
        raise NotAuthenticated(N_("Wrong e-mail address or password."))
    if user.confirmed_at is None:
        error = NotConfirmed(N_("Your e-mail address is not confirmed yet. Follow the link in the mail we sent "
                                "you, or ask for a new one."))
        error.user_id = user.id
        raise error
    if _hasher().check_needs_rehash(user.password_hash):
        new_hash = hash_password(password)
        with write_transaction():
            db.session.get(User, user.id).password_hash = new_hash
    return user


def update_profile(user: User, data: object) -> User:
    """Change one's own name, language and organisation (workshop guests: the language only).

    Raises ValidationError or PermissionDenied.
    """
    data = check_fields(data, {"name", "locale", "org_id"})
    if set(data) - {"locale"}:
        require_not_guest(user)
    with write_transaction():
        user = db.session.get(User, user.id)
        if "name" in data:
            user.name = rules.clean_name(data["name"])
        if "locale" in data:
            user.locale = rules.clean_locale(data["locale"], LOCALES)
        if "org_id" in data:
            record_claim(user, _org_id(data["org_id"]))  # a new organisation is a claim until verified
    return user


def change_password(user: User, data: object) -> int:
    """Change one's own password ({current, new}); every other session and every personal token ends.

    A password is changed when it may have leaked, and whoever had it could have made tokens: all
    of them are revoked and their sockets dropped too. Returns how many other sessions were ended.
    Raises ValidationError (wrong current password, or a weak new one) or PermissionDenied (a workshop guest).
    """
    require_not_guest(user)
    data = check_fields(data, {"current", "new"}, required=("current", "new"))
    try:
        authenticate(user.email, data["current"])
    except NotAuthenticated:
        raise ValidationError(N_("The current password is not right."), field="current") from None
    new = rules.clean_password(data["new"], hints=(user.email, user.email.split("@")[0], user.name), field="new")
    new_hash = hash_password(new)
    with write_transaction():
        db.session.get(User, user.id).password_hash = new_hash
    sessions.revoke_all_tokens(user.id, "password_changed")
    return sessions.end_other_sessions(user.id, user.session_key, "password_changed")


def signed_out(user: User) -> None:
    """A browser signed out: its session ends on the server and its live board connections close."""
    sessions.end_session(user.id, user.session_key, "signed_out")


def issue_token(data: object) -> tuple[str, object]:
    """Exchange {email, password, name?, expires_in_days?} for a new personal API token (shown once).

    Raises NotAuthenticated or ValidationError.
    """
    data = dict(data) if isinstance(data, dict) else data
    check_fields(data, {"email", "password", "name", "expires_in_days"}, required=("email", "password"))
    user = authenticate(data["email"], data["password"])
    return sessions.create_token(user, data)


def create_user(actor, data: dict) -> User:
    """Admin or CLI: create an account (confirmed), optionally a site admin. Raises Conflict when the e-mail is taken."""
    require_admin(actor)
    data = dict(data)
    is_admin = bool(data.pop("is_admin", False))
    user = _new_account(data, is_admin=is_admin, confirmed=True)
    if user is None:
        raise Conflict(N_("An account with this e-mail address already exists."), field="email")
    if user.org_id is not None:
        vouch(actor, user.id)  # an account an admin makes belongs to the organisation the admin gave it
    return user


def set_disabled(actor, user_id: object, disabled: bool) -> User:
    """Admin: disable or re-enable an account; disabling ends its sessions and sockets everywhere.

    Raises ValidationError (no such user), PermissionDenied (one's own account) or Conflict (enabling an
    account its owner closed).
    """
    require_admin(actor)
    with write_transaction():
        user = db.session.get(User, parse_id(user_id, "user_id"))
        if user is None:
            raise ValidationError(N_("No such user."), field="user_id")
        if getattr(actor, "id", None) == user.id:
            raise PermissionDenied(N_("You cannot disable your own account."))
        if not disabled and user.closed_at is not None:
            raise Conflict(N_("Its owner closed this account and its data is erased: it cannot be enabled again."),
                           field="user_id")
        user.is_disabled = disabled
        if disabled:
            sessions.end_all_sessions_in_transaction(user.id, "disabled")
    if disabled:
        publish_control({"type": "revoke", "user_id": user.id, "reason": "disabled"})
    return user


def list_users(actor, query: object = "", limit: int = 200) -> list[User]:
    """Admin: accounts whose name or e-mail contains the query (any case), newest first."""
    require_admin(actor)
    statement = select(User).order_by(User.created_at.desc(), User.id.desc()).limit(limit)
    text = query.strip() if isinstance(query, str) else ""
    if text:
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(or_(User.name.ilike(pattern, escape="\\"),
                                        User.email.ilike(pattern, escape="\\")))
    return list(db.session.scalars(statement))


def user_by_email(actor, email: object) -> User:
    """Admin or CLI: the account with this e-mail. Raises ValidationError."""
    require_admin(actor)
    user = find_user(rules.clean_email(email))
    if user is None:
        raise ValidationError(N_("No account uses this e-mail address."), field="email")
    return user
