"""Join codes: facilitators make a short code for a workshop, list them with how many joined, give a live one
more time when the workshop runs over, and withdraw them.

The changes are ops (`join_code.create`, `join_code.extend`, `join_code.revoke`) recorded as Events. The
Events never carry the code itself: they reach anonymous watchers of public boards, the timeline and exports,
and a code posted there would let anyone in. Facilitators read it from the list (page, REST) and the
projector. Withdrawing a code ends its guests' time at once: their window closes, their sessions end and their
open sockets are dropped on every process (after the commit).
"""
from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from ..domain import guest_schemas as shapes
from ..domain import guests as rules
from ..domain.errors import N_, Conflict, NotFound
from ..extensions import db
from ..models import Guest, JoinCode, Workshop
from ..models.base import utcnow
from .access import actor_id, load_project, parse_id
from .registry import op
from .serialize import iso
from .sessions import end_all_sessions_in_transaction
from .unit_of_work import publish_control, write_transaction
from .workshops import load_workshop

CODES_LISTED = 100
NEW_CODE_TRIES = 8  # 2**40 codes: a clash is already a one-in-millions event, eight in a row never happens


def state_of(row: JoinCode) -> str:
    """live, expired or revoked, now."""
    return rules.state(row.revoked_at, row.expires_at, utcnow())


def code_to_dict(row: JoinCode, guests: int, with_code: bool = False) -> dict:
    """A join code as clients see it; the code itself only for facilitators' eyes (never in an Event)."""
    data = {"id": row.id, "project_id": row.project_id, "workshop_id": row.workshop_id, "role": row.role,
            "state": state_of(row), "guests": guests, "created_by": row.created_by,
            "created_at": iso(row.created_at), "expires_at": iso(row.expires_at), "revoked_at": iso(row.revoked_at)}
    if with_code:
        data["code"] = rules.shown(row.code)
    return data


def guest_counts(code_ids: list[int]) -> dict[int, int]:
    """How many guests joined with each code (one GROUP BY)."""
    if not code_ids:
        return {}
    return dict(db.session.execute(select(Guest.join_code_id, func.count()).where(Guest.join_code_id.in_(code_ids))
                                   .group_by(Guest.join_code_id)).all())


def _fresh_code() -> str:
    """A random code no other row uses (the unique key is the final guard)."""
    for _ in range(NEW_CODE_TRIES):
        code = rules.new_code()
        if db.session.scalar(select(JoinCode.id).where(JoinCode.code == code)) is None:
            return code
    raise Conflict(N_("Could not make a new code. Please try again."))  # pragma: no cover - 2**-320


@op("join_code.create", shapes.JoinCodeCreate, events=("join_code.create",), result="join_code")
def create_code(actor, project_id: object, data: dict) -> JoinCode:
    """Make a join code for a workshop (facilitators); guests who use it get its role until it expires.

    Raises ValidationError (too many live codes), Conflict (archived project), NotFound, NotAuthenticated
    or PermissionDenied.
    """
    now = utcnow()
    with write_transaction() as unit:
        workshop, project, _role = load_workshop(actor, project_id, data["workshop_id"])
        if project.status == "archived":
            raise Conflict(N_("This project is archived. Reopen it before letting guests in."), field="workshop_id")
        live = db.session.scalar(select(func.count()).select_from(JoinCode).where(
            JoinCode.project_id == project.id, JoinCode.revoked_at.is_(None), JoinCode.expires_at > now))
        rules.check_new_code(live)
        grace = current_app.config.get("GUEST_GRACE_MINUTES", rules.DEFAULT_GRACE_MINUTES)
        expires = rules.expiry(now, workshop.starts_at, [item["duration"] for item in workshop.agenda], grace,
                               data.get("expires_in_minutes"))
        row = JoinCode(project_id=project.id, workshop_id=workshop.id, code=_fresh_code(),
                       role=data.get("role", "member"), created_by=actor_id(actor), created_at=now, expires_at=expires)
        db.session.add(row)
        db.session.flush()
        unit.record(project, actor_id(actor), "join_code.create", {"join_code": code_to_dict(row, 0)})
    return row


def _code(project_id: int, code_id: object) -> JoinCode:
    """A code of this project, or NotFound (another project's id is not found either)."""
    row = db.session.get(JoinCode, parse_id(code_id, "id"))
    if row is None or row.project_id != project_id:
        raise NotFound(N_("No such code."))
    return row


@op("join_code.revoke", shapes.JoinCodeRef, events=("join_code.revoke",), result="join_code")
def revoke_code(actor, project_id: object, data: dict) -> JoinCode:
    """Withdraw a join code (facilitators): nobody joins with it any more, and its guests' time ends now.

    Withdrawing twice changes nothing. Raises NotFound, NotAuthenticated or PermissionDenied.
    """
    now = utcnow()
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        row = _code(project.id, data["id"])
        if row.revoked_at is not None:
            return row
        row.revoked_at, row.revoked_by = now, actor_id(actor)
        guests = list(db.session.scalars(select(Guest).where(Guest.join_code_id == row.id)))
        ended: list[int] = []
        for guest in guests:
            if guest.until > now:
                guest.until = now
                ended.append(guest.user_id)
            end_all_sessions_in_transaction(guest.user_id, "guest_ended")
        db.session.flush()
        unit.record(project, actor_id(actor), "join_code.revoke", {"join_code": code_to_dict(row, len(guests))})
        # Only once the change is committed: a socket dropped before could reconnect on a still-live session.
        unit.after_commit[f"join_code.revoke:{row.id}"] = lambda: end_guest_sockets(ended)
    return row


@op("join_code.extend", shapes.JoinCodeExtend, events=("join_code.extend",), result="join_code")
def extend_code(actor, project_id: object, data: dict) -> JoinCode:
    """Let a live join code work `minutes` longer (facilitators), and its guests keep their access as long.

    Raises Conflict (the code has expired or was withdrawn: make a new one; an archived project),
    ValidationError (past the longest life of a code), NotFound, NotAuthenticated or PermissionDenied.
    """
    now = utcnow()
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        if project.status == "archived":
            raise Conflict(N_("This project is archived. Reopen it before letting guests in."), field="id")
        row = _code(project.id, data["id"])
        if state_of(row) != "live":
            raise Conflict(N_("This code no longer works. Make a new one for the guests."), field="id")
        later = rules.extended_expiry(row.expires_at, now, data["minutes"])
        guests = list(db.session.scalars(select(Guest).where(Guest.join_code_id == row.id)))
        for guest in guests:
            if guest.until > now:  # their time ran with the code's; a guest whose time ended stays out
                guest.until = later
        row.expires_at = later
        db.session.flush()
        unit.record(project, actor_id(actor), "join_code.extend", {"join_code": code_to_dict(row, len(guests))})
    return row


def end_guest_sockets(user_ids: list[int]) -> None:
    """Drop every open socket of these guests, on every process (`revoked` with reason `guest_ended`)."""
    for user_id in user_ids:
        publish_control({"type": "revoke", "user_id": user_id, "reason": "guest_ended"})


def list_codes(actor, project_id: object) -> tuple[list[JoinCode], dict[int, int], dict[int, str]]:
    """Facilitators: the project's codes, newest first, with how many joined each and the workshops' titles.

    Raises NotFound, NotAuthenticated or PermissionDenied.
    """
    project, _role = load_project(actor, project_id, "manage")
    rows = list(db.session.scalars(select(JoinCode).where(JoinCode.project_id == project.id)
                                   .order_by(JoinCode.id.desc()).limit(CODES_LISTED)))
    titles = dict(db.session.execute(select(Workshop.id, Workshop.title).where(
        Workshop.id.in_({row.workshop_id for row in rows}))).all()) if rows else {}
    return rows, guest_counts([row.id for row in rows]), titles


def get_code(actor, project_id: object, code_id: object) -> JoinCode:
    """Facilitators: one code of the project (for its QR). Raises NotFound, NotAuthenticated or PermissionDenied."""
    project, _role = load_project(actor, project_id, "manage")
    return _code(project.id, code_id)


def newest_live(rows: list[JoinCode]) -> JoinCode | None:
    """The code to show big: the newest live one."""
    return next((row for row in rows if state_of(row) == "live"), None)
