"""Single-use links sent by mail: confirm an address (48 h) and reset a password (1 h).

A link carries "<selector>.<verifier>". The database keeps the selector and an HMAC of the verifier
keyed with the secret key (a copy of the table alone forges nothing); the check compares digests in
constant time. Using a link is one conditional UPDATE (`used_at IS NULL`), so two clicks racing on
any number of processes use it once.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import select, update

from ..domain import accounts as account_rules
from ..domain import mail as rules
from ..domain.errors import N_, ValidationError
from ..extensions import db
from ..i18n import format_date
from ..models import AccountToken, User
from ..models.base import utcnow
from . import outbox, sessions
from .access import require_admin
from .affiliations import verify_by_domain
from .unit_of_work import UnitOfWork, publish_control, write_transaction

HOURS = {"confirm": rules.CONFIRM_HOURS, "reset": rules.RESET_HOURS, "claim": rules.CLAIM_HOURS}
ENDPOINTS = {"confirm": "links.confirm", "reset": "links.reset", "claim": "citizen_account.claim"}


def _keyed(purpose: str, selector: str, verifier: str) -> str:
    """HMAC-SHA256 of a link's secret part, bound to its purpose and selector."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{purpose}|{selector}|{verifier}".encode(), hashlib.sha256).hexdigest()


def mail_locale(user: User | None, fallback: str | None = None) -> str:
    """The language of mail to this person: their setting, else the given one, else the site default."""
    supported = current_app.config["LANGUAGES"]
    for choice in (getattr(user, "locale", None), fallback):
        if choice in supported:
            return choice
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def issue(user_id: int, purpose: str) -> tuple[str, AccountToken]:
    """Inside a write transaction: a new link for the user; returns (token for the URL, row)."""
    selector = secrets.token_urlsafe(12)
    verifier = secrets.token_urlsafe(32)
    row = AccountToken(user_id=user_id, purpose=purpose, selector=selector,
                       verifier_hash=_keyed(purpose, selector, verifier),
                       expires_at=utcnow() + timedelta(hours=HOURS[purpose]))
    db.session.add(row)
    return f"{selector}.{verifier}", row


def mail_link(unit: UnitOfWork, user: User, purpose: str, locale: str) -> None:
    """Inside a write transaction: issue a link and put the mail that carries it in the outbox."""
    token, row = issue(user.id, purpose)
    outbox.enqueue(unit, user.email, purpose, locale, name=user.name,
                   link=outbox.external_url(ENDPOINTS[purpose], token=token),
                   expires=_until(row.expires_at, locale), hours=HOURS[purpose])


def until(moment, locale: str) -> str:
    """The expiry of a link as its recipient reads it (see _until)."""
    return _until(moment, locale)


def use(row_id: int) -> None:
    """Inside a write transaction: mark a link used, once. Raises LinkRefused when it no longer can be."""
    _use(row_id)


def _until(moment, locale: str) -> str:
    """The expiry as the recipient reads it (Thai: Buddhist Era year), in the site's time zone."""
    from flask_babel import force_locale

    with force_locale(locale):
        return format_date(moment, with_time=True)


def check(token: object, purpose: str) -> AccountToken:
    """The live link this token names. Raises LinkRefused (invalid, used or expired)."""
    parts = rules.split_token(token)
    row = None
    if parts is not None:
        row = db.session.scalar(select(AccountToken).where(AccountToken.selector == parts[0],
                                                           AccountToken.purpose == purpose))
    expected = _keyed(purpose, *(parts or ("", "")))
    # Compare even without a row, so a miss costs what a hit costs.
    if not hmac.compare_digest(expected, row.verifier_hash if row is not None else "0" * 64) or row is None:
        raise rules.LinkRefused("invalid")
    if row.used_at is not None:
        raise rules.LinkRefused("used")
    if row.expires_at <= utcnow():
        raise rules.LinkRefused("expired")
    return row


def _use(row_id: int) -> None:
    """Inside a write transaction: mark a link used, once. Raises LinkRefused when it no longer can be."""
    now = utcnow()
    used = db.session.execute(update(AccountToken).where(AccountToken.id == row_id, AccountToken.used_at.is_(None),
                                                         AccountToken.expires_at > now).values(used_at=now),
                              execution_options={"synchronize_session": False})
    if used.rowcount != 1:
        raise rules.LinkRefused("used")


def confirm(token: object) -> User:
    """Follow a confirmation link: the account can sign in from now on. Raises LinkRefused."""
    row = check(token, "confirm")
    row_id, user_id = row.id, row.user_id
    with write_transaction():
        _use(row_id)
        user = db.session.get(User, user_id)
        if user.confirmed_at is None:
            user.confirmed_at = utcnow()
            verify_by_domain(user)  # an address on the organisation's domain vouches for the claim
    return user


def resend_confirmation(user_id: object) -> None:
    """Mail a new confirmation link to an account that is still unconfirmed (nothing otherwise)."""
    if not isinstance(user_id, int):
        return
    with write_transaction() as unit:
        user = db.session.get(User, user_id)
        if user is None or user.confirmed_at is not None or user.is_disabled:
            return
        mail_link(unit, user, "confirm", mail_locale(user))


def request_reset(email: object, locale: str | None = None) -> None:
    """"Forgot password": mail a reset link if an active account uses the address; the same otherwise.

    Raises ValidationError only for input that is not an e-mail address at all.
    """
    from .accounts import find_user

    address = account_rules.clean_email(email)
    with write_transaction() as unit:
        user = find_user(address)
        if user is None or user.is_disabled:
            # The same rendering work as a hit; nothing is stored or sent.
            outbox.render("reset", mail_locale(None, locale), name="", link=outbox.external_url(
                ENDPOINTS["reset"], token="x" * 60), expires=_until(utcnow(), mail_locale(None, locale)),
                hours=rules.RESET_HOURS)
            return
        mail_link(unit, user, "reset", mail_locale(user, locale))


def reset_password(token: object, new_password: object, keep_session_key: str | None = None) -> User:
    """Use a reset link: a new password (same rules), the address counts as confirmed, every other
    session and every personal token of the account ends, and their sockets close.

    Raises LinkRefused or ValidationError (a weak password; the link stays usable).
    """
    row = check(token, "reset")
    row_id, user_id = row.id, row.user_id
    user = db.session.get(User, user_id)
    if user is None or user.is_disabled:
        raise rules.LinkRefused("invalid")
    return _set_password(user, new_password, keep_session_key, link_id=row_id)


def _set_password(user: User, new_password: object, keep_session_key: str | None,
                  link_id: int | None = None) -> User:
    """Store a new password and end the account's other sessions, tokens and sockets."""
    from .accounts import hash_password

    new = account_rules.clean_password(new_password, field="new",
                                       hints=(user.email, user.email.split("@")[0], user.name))
    user_id = user.id
    new_hash = hash_password(new)  # slow: outside the write lock
    with write_transaction():
        if link_id is not None:
            _use(link_id)
        user = db.session.get(User, user_id)
        user.password_hash = new_hash
        if user.confirmed_at is None:
            user.confirmed_at = utcnow()  # the link reached the mailbox: that is a confirmation
            verify_by_domain(user)
        now = utcnow()
        db.session.execute(update(AccountToken).where(AccountToken.user_id == user_id,
                                                      AccountToken.purpose == "reset",
                                                      AccountToken.used_at.is_(None)).values(used_at=now),
                           execution_options={"synchronize_session": False})
        ended = sessions.end_all_sessions_in_transaction(user_id, "password_reset", keep_key=keep_session_key)
    for key_hash in ended:
        publish_control({"type": "revoke", "user_id": user_id, "session": key_hash, "reason": "password_reset"})
    sessions.revoke_all_tokens(user_id, "password_reset")
    return user


def _account(actor, email: object) -> User:
    """Admin or CLI: the account with this e-mail. Raises ValidationError or PermissionDenied."""
    from .accounts import user_by_email

    return user_by_email(actor, email)


def admin_reset_link(actor, email: object) -> str:
    """Admin or CLI: a one-time reset link (1 hour) to hand to the person. Raises ValidationError."""
    require_admin(actor)
    user = _account(actor, email)
    if user.is_disabled:
        raise ValidationError(N_("This account is disabled; enable it first."), field="email")
    user_id = user.id
    with write_transaction():
        token, _row = issue(user_id, "reset")
    return outbox.external_url(ENDPOINTS["reset"], token=token)


def admin_set_password(actor, email: object, new_password: object) -> User:
    """Admin or CLI: set a password (same rules); the account's sessions, tokens and sockets end.

    Raises ValidationError.
    """
    require_admin(actor)
    return _set_password(_account(actor, email), new_password, None)
