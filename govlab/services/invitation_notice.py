"""The in-app side of an invitation: the invitee's bell rings when their address already has an account.

Only a confirmed, enabled account whose address is the invited one is told (someone who registered an
address they cannot read is told nothing). The notification names the project to that person alone;
it is never mailed as a notification, because the invitation mail went out with the change whatever
the account or its e-mail preference (see domain.notifications.MAILED_WITH_THE_CHANGE). Called inside
the inviter's write transaction, after the answer to the inviter is fixed: nothing here changes it.
"""
from __future__ import annotations

from sqlalchemy import func, select, update

from ..extensions import db
from ..models import Invitation, Notification, Project, User
from ..models.base import utcnow
from .notifications import _push_after_commit, notify
from .unit_of_work import UnitOfWork


def invitee_account(email: str) -> User | None:
    """The confirmed, enabled account that uses this (cleaned, lower-case) address, if any."""
    return db.session.scalar(select(User).where(func.lower(User.email) == email, User.confirmed_at.is_not(None),
                                                User.is_disabled.is_(False)))


def _told(user_id: int, invitation: Invitation) -> list[Notification]:
    """The person's notifications of this invitation (the id lives in `data`: filtered here, they are few)."""
    rows = db.session.scalars(select(Notification).where(
        Notification.user_id == user_id, Notification.kind == "invitation",
        Notification.project_id == invitation.project_id))
    return [row for row in rows if (row.data or {}).get("invitation_id") == invitation.id]


def tell(unit: UnitOfWork, invitation: Invitation, project: Project, actor, unless_told: bool = False) -> None:
    """Inside the inviter's write transaction: ring the invitee's bell if their address has an account.

    `unless_told` (a resend): only if this invitation has not been told to them yet, e.g. they registered
    after the first mail.
    """
    user = invitee_account(invitation.email)
    if user is None or (unless_told and _told(user.id, invitation)):
        return
    notify(unit, user.id, "invitation", actor=actor, project=project,
           data={"role": invitation.role, "invitation_id": invitation.id})


def settle(unit: UnitOfWork, invitation: Invitation, user_id: int) -> None:
    """Inside a write transaction: the person answered the invitation, so its notifications are read."""
    ids = [row.id for row in _told(user_id, invitation) if row.read_at is None]
    if ids:
        db.session.execute(update(Notification).where(Notification.id.in_(ids)).values(read_at=utcnow()),
                           execution_options={"synchronize_session": False})
        _push_after_commit(unit, user_id)
