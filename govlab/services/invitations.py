"""Invitations: a facilitator invites any e-mail address; the person joins when they follow the mailed link.

The answer to an invitation never says whether the address has an account: the service does not
look (only whether a current member uses it, which facilitators already see on the members page).
Everyone gets the same mail; who they are is found out when the link is followed — a signed-in
person whose address matches accepts with one button, someone without an account creates it there
(the link proves the mailbox, so the account starts confirmed), and the membership is created in
the same transaction. A link is "<selector>.<verifier>": only the selector and an HMAC of the
verifier are stored; accepting is one conditional UPDATE, so two clicks racing accept once.
Event payloads carry no address (public boards broadcast them to anonymous watchers).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from ..domain import accounts as account_rules
from ..domain import invitations as rules
from ..domain import permissions, schemas
from ..domain.errors import N_, Conflict, NotAuthenticated, NotFound, PermissionDenied
from ..domain.mail import split_token
from ..extensions import db
from ..models import Invitation, Membership, Project, User
from ..models.base import utcnow
from . import invitation_mail, invitation_notice
from .access import SYSTEM, actor_id, load_project, lock_user, parse_id, signed_in
from .registry import op
from .serialize import iso, membership_to_dict, user_to_dict
from .unit_of_work import write_transaction


def _keyed(selector: str, verifier: str) -> str:
    """HMAC-SHA256 of a link's secret part, bound to the invitation purpose and its selector."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{rules.PURPOSE}|{selector}|{verifier}".encode(), hashlib.sha256).hexdigest()


def _new_link(invitation: Invitation) -> str:
    """Give the invitation a fresh link (any older link stops working); returns the token for the URL."""
    selector, verifier = secrets.token_urlsafe(12), secrets.token_urlsafe(32)
    invitation.selector, invitation.verifier_hash = selector, _keyed(selector, verifier)
    return f"{selector}.{verifier}"


def state_of(invitation: Invitation) -> str:
    """pending, accepted, declined, revoked or expired."""
    return rules.state(invitation.accepted_at, invitation.revoked_at, invitation.expires_at, utcnow(),
                       invitation.declined_at)


def invitation_to_dict(invitation: Invitation, with_email: bool = False) -> dict:
    """An invitation as clients see it; the address only for facilitators' eyes (never in Events)."""
    data = {"id": invitation.id, "project_id": invitation.project_id, "role": invitation.role,
            "state": state_of(invitation), "invited_by": invitation.invited_by,
            "created_at": iso(invitation.created_at), "expires_at": iso(invitation.expires_at),
            "last_sent_at": iso(invitation.last_sent_at), "send_count": invitation.send_count}
    if with_email:
        data["email"] = invitation.email
    return data


def _member_with_email(project: Project, email: str) -> Membership | None:
    """The current membership of whoever uses this address (facilitators see members' addresses anyway)."""
    return db.session.scalar(select(Membership).join(User, Membership.user_id == User.id).where(
        Membership.project_id == project.id, func.lower(User.email) == email))


def _pending_for(project: Project, email: str, now) -> Invitation | None:
    """A live invitation of this project to this address."""
    return db.session.scalar(select(Invitation).where(
        Invitation.project_id == project.id, Invitation.email == email, *open_now(now)))


def open_now(now) -> tuple:
    """The conditions of an invitation that can still be accepted at `now` (pending)."""
    return (Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None), Invitation.declined_at.is_(None),
            Invitation.expires_at > now)


def _check_quota(actor, project: Project, now) -> None:
    """The inviter's invitations of the last 24 hours and the project's pending ones (RateLimited)."""
    inviter = actor_id(actor)
    sent_today = 0 if inviter is None else db.session.scalar(
        select(func.count()).select_from(Invitation).where(Invitation.invited_by == inviter,
                                                           Invitation.created_at > now - timedelta(days=1)))
    pending = db.session.scalar(select(func.count()).select_from(Invitation).where(
        Invitation.project_id == project.id, *open_now(now)))
    rules.check_invite_quota(sent_today, pending)


@op("member.add", schemas.MemberAdd, events=("invitation.create",), result="invitation")
def invite(actor, project_id: object, data: dict) -> Invitation:
    """Invite anyone by e-mail with a role (facilitators); they join once they accept the mailed link.

    The answer is the same whether or not the address has an account. Raises ValidationError, Conflict (already a member, already invited, archived project), RateLimited,
    NotFound, NotAuthenticated or PermissionDenied.
    """
    email = account_rules.clean_email(data["email"])
    role = data["role"]
    now = utcnow()
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        if project.status == "archived":
            raise Conflict(N_("This project is archived. Reopen it before inviting people."), field="email")
        if _member_with_email(project, email) is not None:
            raise Conflict(N_("This person is already a member of the project. Change their role in the list "
                              "instead."), field="email")
        if _pending_for(project, email, now) is not None:
            raise Conflict(N_("An invitation to this address is already waiting. Send it again or withdraw it "
                              "from the list of invitations."), field="email")
        _check_quota(actor, project, now)
        invitation = Invitation(project_id=project.id, email=email, role=role, invited_by=actor_id(actor),
                                created_at=now, expires_at=rules.expiry(now), last_sent_at=now, send_count=1)
        token = _new_link(invitation)
        db.session.add(invitation)
        db.session.flush()
        invitation_mail.enqueue(unit, invitation, project, token)
        # A confirmed account with this address also hears of it in the app (its bell rings); nothing of that
        # reaches the inviter's answer, the Event or the mail, which are the same for every address.
        invitation_notice.tell(unit, invitation, project, actor)
        unit.record(project, actor_id(actor), "invitation.create", {"invitation": invitation_to_dict(invitation)})
    return invitation


def _invitation(project: Project, invitation_id: object) -> Invitation:
    """An invitation of this project, or NotFound (an id of another project is not found either)."""
    invitation = db.session.get(Invitation, parse_id(invitation_id, "id"))
    if invitation is None or invitation.project_id != project.id:
        raise NotFound(N_("No such invitation."))
    return invitation


@op("invitation.resend", schemas.InvitationRef, events=("invitation.resend",), result="invitation")
def resend(actor, project_id: object, data: dict) -> Invitation:
    """Mail a waiting or expired invitation again with a new 14-day link (facilitators; rate-limited).

    At most SENDS_MAX mails per invitation, RESEND_MINUTES apart. Raises Conflict (accepted or withdrawn), RateLimited, NotFound, NotAuthenticated or PermissionDenied.
    """
    now = utcnow()
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        invitation = _invitation(project, data["id"])
        if state_of(invitation) in ("accepted", "revoked"):
            raise Conflict(N_("Only a waiting or expired invitation can be sent again."), field="id")
        if invitation.declined_at is not None:
            raise Conflict(N_("The person declined this invitation. Invite them again if they should still join."),
                           field="id")
        if project.status == "archived":
            raise Conflict(N_("This project is archived. Reopen it before inviting people."), field="id")
        rules.check_resend(invitation.send_count, invitation.last_sent_at, now)
        token = _new_link(invitation)
        invitation.expires_at, invitation.last_sent_at = rules.expiry(now), now
        invitation.send_count += 1
        db.session.flush()
        invitation_mail.enqueue(unit, invitation, project, token)
        invitation_notice.tell(unit, invitation, project, actor, unless_told=True)  # e.g. registered since
        unit.record(project, actor_id(actor), "invitation.resend", {"invitation": invitation_to_dict(invitation)})
    return invitation


@op("invitation.revoke", schemas.InvitationRef, events=("invitation.revoke",), result="invitation")
def revoke(actor, project_id: object, data: dict) -> Invitation:
    """Withdraw an invitation (facilitators); its link then says it was withdrawn.

    Withdrawing a declined invitation takes it off the list; withdrawing twice changes nothing. Raises Conflict (already accepted: remove the member instead), NotFound, NotAuthenticated or
    PermissionDenied.
    """
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        invitation = _invitation(project, data["id"])
        if invitation.accepted_at is not None:
            raise Conflict(N_("This invitation has already been accepted. Remove the member instead."), field="id")
        if invitation.revoked_at is not None:
            return invitation
        invitation.revoked_at = utcnow()
        db.session.flush()
        unit.record(project, actor_id(actor), "invitation.revoke", {"invitation": invitation_to_dict(invitation)})
    return invitation


def list_invitations(actor, project_id: object) -> list[Invitation]:
    """Facilitators: the project's invitations not yet accepted or withdrawn (waiting, declined or expired),
    newest first.

    Raises NotFound, NotAuthenticated or PermissionDenied.
    """
    project, _role = load_project(actor, project_id, "manage")
    return list(db.session.scalars(select(Invitation).where(
        Invitation.project_id == project.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())))


# -- following the link ---------------------------------------------------------------------------

def check_link(token: object) -> Invitation:
    """The invitation this link names, if it can still be accepted. Raises InvitationRefused."""
    parts = split_token(token)
    row = db.session.scalar(select(Invitation).where(Invitation.selector == parts[0])) if parts else None
    expected = _keyed(*(parts or ("", "")))
    # Compare even without a row, so a miss costs what a hit costs.
    if not hmac.compare_digest(expected, row.verifier_hash if row is not None else "0" * 64) or row is None:
        raise rules.InvitationRefused("invalid")
    current = state_of(row)
    if current != "pending":
        raise rules.InvitationRefused(current)
    return row


def account_exists(invitation: Invitation) -> bool:
    """Whether an account uses the invited address (asked only for whoever holds the mailed link)."""
    return db.session.scalar(select(User.id).where(func.lower(User.email) == invitation.email)) is not None


def _use(invitation_id: int, user_id: int) -> None:
    """Inside a write transaction: mark the invitation accepted, once. Raises InvitationRefused otherwise."""
    now = utcnow()
    used = db.session.execute(
        update(Invitation).where(Invitation.id == invitation_id, *open_now(now))
        .values(accepted_at=now, accepted_by=user_id), execution_options={"synchronize_session": False})
    if used.rowcount != 1:
        db.session.expire_all()
        row = db.session.get(Invitation, invitation_id)
        raise rules.InvitationRefused(state_of(row) if row is not None and state_of(row) != "pending" else "invalid")


def join_project(unit, invitation_id: int, user: User) -> Membership:
    """Inside a write transaction: accept the invitation and make the person a member (a current member
    keeps their role). Records `member.add` with the invitation's id. The one way in, whether by the mailed
    link or from the person's invitations page; raises InvitationRefused when it is no longer open."""
    # The person's row lock first (an account closing at this moment holds it: services/account_closure.py),
    # then the project's, in the order the closure takes them.
    person = lock_user(user.id)
    if person is None or person.is_disabled:
        raise NotAuthenticated(N_("Please sign in."))
    invitation = db.session.get(Invitation, invitation_id)
    # The project's row lock, as any membership change takes it; the person is not a member yet, so the
    # lock is taken in the system's name (the link is the permission).
    project, _ = load_project(SYSTEM, invitation.project_id, "view", lock=True)
    _use(invitation_id, user.id)
    invitation_notice.settle(unit, invitation, user.id)  # answered: its notification is done with
    membership = db.session.scalar(select(Membership).where(Membership.project_id == project.id,
                                                            Membership.user_id == user.id))
    if membership is not None:
        return membership
    membership = Membership(project_id=project.id, user_id=user.id, role=invitation.role)
    db.session.add(membership)
    db.session.flush()
    unit.record(project, user.id, "member.add", {**membership_to_dict(membership), "invitation_id": invitation.id})
    return membership


def accept(actor, token: object) -> Membership:
    """A signed-in person whose e-mail is the invited address accepts: they join with the invited role.

    Raises InvitationRefused, NotAuthenticated or PermissionDenied (signed in with another address).
    """
    if not signed_in(actor) or actor is SYSTEM:
        raise NotAuthenticated(N_("Please sign in."))
    invitation_id = check_link(token).id
    with write_transaction() as unit:
        user = db.session.get(User, actor.id)
        invitation = db.session.get(Invitation, invitation_id)
        if user is None or user.is_disabled:
            raise NotAuthenticated(N_("Please sign in."))
        if user.email.lower() != invitation.email:
            raise PermissionDenied(N_("This invitation was sent to another e-mail address than the one you are "
                                      "signed in with. Sign out, then open the link again."))
        membership = join_project(unit, invitation_id, user)
    return membership


def accept_with_new_account(token: object, data: object) -> tuple[User, Membership]:
    """Someone without an account creates it from the link ({name, password, locale?}): the address counts as
    confirmed (the link reached it) and the membership is created in the same transaction; returns both.

    Raises InvitationRefused, Conflict (an account already uses the address: sign in instead) or
    ValidationError (name, password: the link stays usable).
    """
    from .accounts import LOCALES, hash_password
    from ..domain.payload import check_fields

    data = check_fields(data, {"name", "password", "locale"}, required=("name", "password"))
    invitation = check_link(token)
    invitation_id, email = invitation.id, invitation.email
    if account_exists(invitation):
        raise Conflict(N_("An account already uses this e-mail address. Sign in to accept the invitation."),
                       field="email")
    name = account_rules.clean_name(data["name"])
    password = account_rules.clean_password(data["password"], hints=(email, email.split("@")[0], name))
    locale = account_rules.clean_locale(data.get("locale"), LOCALES)
    password_hash = hash_password(password)  # slow: outside the write lock
    try:
        with write_transaction() as unit:
            user = User(email=email, name=name, password_hash=password_hash, locale=locale,
                        confirmed_at=utcnow())
            db.session.add(user)
            db.session.flush()
            membership = join_project(unit, invitation_id, user)
    except IntegrityError:  # someone registered the address meanwhile
        db.session.rollback()
        raise Conflict(N_("An account already uses this e-mail address. Sign in to accept the invitation."),
                       field="email") from None
    return user, membership


def invitation_page(token: object) -> tuple[Invitation, Project, dict]:
    """What the invitation page shows: the invitation, its project, and the inviter's public fields.

    Raises InvitationRefused.
    """
    invitation = check_link(token)
    project = db.session.get(Project, invitation.project_id)
    inviter = user_to_dict(invitation.inviter) if invitation.inviter is not None else None
    return invitation, project, {"inviter": inviter, "role_label": permissions.ROLE_LABELS[invitation.role]}
