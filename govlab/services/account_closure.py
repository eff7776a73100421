"""A person closes their own account (PDPA: the right to erasure), from the profile page.

For an account that takes part in no project — a citizen's, or a staff account whose projects are done — the
owner closes it with their password: every contribution is erased as its private link erases it
(`citizen_privacy.erase_in`: name, contacts and text gone, the card says "Erased by its author"),
notifications, follows, personal tokens, mailed links and waiting mail go, every session ends (its rows,
with their addresses and browsers, are deleted) and every open socket is dropped on every process. The
`users` row stays, with no e-mail, name or password, because others' records (Events, an accepted
invitation) point at it; the address is free to register again. Someone still in a project leaves it (or a
facilitator removes them) first: their cards and comments belong to the board, and a board must not lose its
only facilitator. Closing cannot be undone; an administrator cannot re-enable a closed account.
"""
from __future__ import annotations

import secrets

from sqlalchemy import delete, func, select, update

from ..domain.errors import N_, Conflict, NotAuthenticated, ValidationError
from ..extensions import db
from ..models import (AccountToken, ApiToken, CardFollow, Contribution, Invitation, Membership, Notification,
                      OrganisationAdmin, OutboxMail, User, UserSession)
from ..models.base import utcnow
from . import accounts
from .access import lock_user
from .citizen_privacy import erase_in
from .guests import NO_PASSWORD, require_not_guest
from .moderation import joint_transaction
from .unit_of_work import publish_control

CLOSED_NAME = "บัญชีที่ปิดแล้ว · Closed account"  # stored, like a person's name, in both languages
CLOSED_DOMAIN = "closed.invalid"  # RFC 2606: no mail is ever sent there


def projects_taken_part_in(user: User) -> int:
    """How many projects the person is a member of (each one keeps the account from being closed)."""
    return db.session.scalar(select(func.count()).select_from(Membership).where(Membership.user_id == user.id)) or 0


def close_own_account(user: User, data: object) -> int:
    """Close the signed-in person's own account ({password, confirm: true}); returns how many contributions
    were erased.

    Raises ValidationError (the box not ticked, or a wrong password), Conflict (still in a project, or the
    site's only administrator) or PermissionDenied (a workshop guest: their access ends with the workshop).
    """
    require_not_guest(user)
    fields = data if isinstance(data, dict) else {}
    if fields.get("confirm") is not True:
        raise ValidationError(N_("Tick the box to confirm that you want to close your account."), field="confirm")
    try:
        accounts.authenticate(user.email, fields.get("password"))
    except NotAuthenticated:
        raise ValidationError(N_("The password is not right."), field="password") from None
    with joint_transaction() as unit:
        # Administrators' rows are locked first, all of them, in id order: two administrators closing at once
        # queue on the same first row instead of each holding their own and waiting for the other's.
        admins = _lock_active_admins() if user.is_admin else []
        # Then the account's row lock: a submission or an invitation accepted at this moment waits for the
        # closure and then finds the account closed (services/contributions.py, services/invitations.py).
        account = lock_user(user.id)
        if account is None or account.closed_at is not None:
            raise ValidationError(N_("The password is not right."), field="password")  # closed meanwhile
        if account.is_admin and not [admin for admin in (admins or _lock_active_admins()) if admin != account.id]:
            raise Conflict(N_("You are the only administrator of this site. Make someone else an administrator "
                              "first."))
        if projects_taken_part_in(account):
            raise Conflict(N_("You still take part in projects. Leave them, or ask their facilitators to remove "
                              "you, then close your account."))
        contributions = list(db.session.scalars(select(Contribution).where(
            Contribution.user_id == account.id, Contribution.erased_at.is_(None))))
        for contribution in contributions:
            erase_in(unit, contribution, False, "account_closed")
        # Erased earlier (by their private link): no link to the account is left either.
        db.session.execute(update(Contribution).where(Contribution.user_id == account.id).values(user_id=None)
                           .execution_options(synchronize_session=False))
        closed_email = f"closed-{account.id}-{secrets.token_hex(6)}@{CLOSED_DOMAIN}"
        # Mail to the address, whatever its state (a failed one keeps its body), and the address an accepted
        # invitation was sent to (it would pair the address with this row).
        db.session.execute(delete(OutboxMail).where(func.lower(OutboxMail.to_addr) == account.email.lower()))
        db.session.execute(update(Invitation).where(Invitation.accepted_by == account.id).values(email=closed_email)
                           .execution_options(synchronize_session=False))
        # Sessions too (they hold addresses and browsers): a cookie whose session row is gone signs nobody in.
        for model in (Notification, CardFollow, AccountToken, ApiToken, UserSession, OrganisationAdmin):
            db.session.execute(delete(model).where(model.user_id == account.id))
        account.email, account.name, account.password_hash = closed_email, CLOSED_NAME, NO_PASSWORD
        account.org_id = account.org_verified_at = account.confirmed_at = account.time_zone = None
        account.notify_email, account.is_admin, account.is_disabled = "none", False, True
        account.closed_at = utcnow()
        user_id = account.id
        # Once committed: every process drops the account's sockets, whichever session or token opened them.
        unit.after_commit["account_closed"] = lambda: publish_control(
            {"type": "revoke", "user_id": user_id, "reason": "account_closed"})
    return len(contributions)


def _lock_active_admins() -> list[int]:
    """Inside a write transaction: lock every enabled administrator's row (in id order); their ids."""
    return list(db.session.scalars(select(User.id).where(User.is_admin.is_(True), User.is_disabled.is_(False))
                                   .order_by(User.id).with_for_update()))
