"""Invitations for you: the open invitations sent to the signed-in person's confirmed address, answered by id.

The permission is the address itself, as for the mailed link: an invitation to any other address is
"not found", so an id tells nobody anything. Someone invited before they registered finds the invitation
here once their account is confirmed (matched by address). Accepting goes through
`invitations.join_project`, the same write as the mailed link (`member.add` with `invitation_id`);
declining is `invitation.decline`, recorded without an actor: Events reach anonymous watchers of public
boards and the timeline, which never name whom a project invited (the facilitators see who declined in
their list of invitations, by address).
"""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from ..domain import invitations as rules
from ..domain.errors import N_, NotAuthenticated, NotFound
from ..extensions import db
from ..models import Invitation, Membership, User
from ..models.base import utcnow
from . import invitation_notice
from .access import SYSTEM, load_project, parse_id, signed_in
from .invitations import invitation_to_dict, join_project, open_now, state_of
from .serialize import iso, user_to_dict
from .unit_of_work import write_transaction

LIST_MAX = 100  # open invitations shown at once (a project may hold only 200 open ones in all)


def _person(actor) -> User:
    """The signed-in, confirmed, enabled account acting (NotAuthenticated otherwise)."""
    if not signed_in(actor) or actor is SYSTEM or getattr(actor, "id", None) is None:
        raise NotAuthenticated(N_("Please sign in."))
    user = db.session.get(User, actor.id)
    if user is None or user.is_disabled or user.confirmed_at is None:
        raise NotAuthenticated(N_("Please sign in."))
    return user


def _address(user: User) -> str:
    """The address invitations to this person carry (stored addresses are cleaned: lower-case)."""
    return user.email.lower()


def _mine(user: User, invitation_id: object) -> Invitation:
    """One of the invitations sent to the person's address, in any state (NotFound for anyone else's)."""
    invitation = db.session.get(Invitation, parse_id(invitation_id, "id"))
    if invitation is None or invitation.email != _address(user):
        raise NotFound(N_("No such invitation."))
    return invitation


def open_invitations(actor) -> list[Invitation]:
    """The person's invitations that can still be accepted, newest first (with project and inviter loaded).

    Raises NotAuthenticated.
    """
    user = _person(actor)
    return list(db.session.scalars(
        select(Invitation).options(selectinload(Invitation.project)).where(
            Invitation.email == _address(user), *open_now(utcnow()))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc()).limit(LIST_MAX)))


def open_count(user_id: int) -> int:
    """How many invitations wait for this person's answer (0 for an unconfirmed or disabled account)."""
    user = db.session.get(User, user_id)
    if user is None or user.is_disabled or user.confirmed_at is None:
        return 0
    return db.session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.email == _address(user), *open_now(utcnow()))) or 0


def state_of_mine(actor, invitation_id: object) -> str | None:
    """What became of one of the person's invitations (pending, accepted, declined, revoked, expired), or None
    when there is no such invitation to their address. Raises NotAuthenticated or ValidationError (the id)."""
    user = _person(actor)
    try:
        return state_of(_mine(user, invitation_id))
    except NotFound:
        return None


def to_dict(invitation: Invitation) -> dict:
    """An invitation as its invitee sees it: the project's id and title, who invited, the role, until when."""
    inviter = user_to_dict(invitation.inviter) if invitation.inviter is not None else None
    return {"id": invitation.id, "project": {"id": invitation.project_id, "title": invitation.project.title},
            "role": invitation.role, "state": state_of(invitation), "invited_by": inviter,
            "created_at": iso(invitation.created_at), "expires_at": iso(invitation.expires_at)}


def accept(actor, invitation_id: object) -> Membership:
    """Accept one of the person's open invitations: they join its project with the invited role.

    Raises NotFound (not an invitation to their address), InvitationRefused (accepted, declined, withdrawn
    or expired), NotAuthenticated or ValidationError (the id).
    """
    user = _person(actor)
    invitation_id = _mine(user, invitation_id).id
    with write_transaction() as unit:
        return join_project(unit, invitation_id, db.session.get(User, user.id))


def decline(actor, invitation_id: object) -> Invitation:
    """Decline one of the person's open invitations; the facilitators see it as declined.

    Records `invitation.decline` (no actor). Raises NotFound (not an invitation to their address),
    InvitationRefused (already accepted, declined, withdrawn or expired), NotAuthenticated or ValidationError.
    """
    user = _person(actor)
    invitation_id = _mine(user, invitation_id).id
    with write_transaction() as unit:
        invitation = db.session.get(Invitation, invitation_id)
        # The project's row lock, as every change of its invitations takes it (the invitee is no member).
        project, _ = load_project(SYSTEM, invitation.project_id, "view", lock=True)
        now = utcnow()
        declined = db.session.execute(
            update(Invitation).where(Invitation.id == invitation_id, *open_now(now)).values(declined_at=now),
            execution_options={"synchronize_session": False}).rowcount
        db.session.refresh(invitation)
        if declined != 1:
            current = state_of(invitation)
            raise rules.InvitationRefused(current if current != "pending" else "invalid")
        invitation_notice.settle(unit, invitation, user.id)
        unit.record(project, None, "invitation.decline", {"invitation": invitation_to_dict(invitation)})
    return invitation
