"""Project changes (create, edit, archive) and membership management."""
from __future__ import annotations

from sqlalchemy import func, select

from ..domain import board, permissions, schemas
from ..domain.accounts import clean_email
from ..domain.board import clean_body, clean_title
from ..domain.errors import N_, Conflict, NotAuthenticated, NotFound, PermissionDenied, ValidationError
from ..domain.payload import choice
from ..extensions import db
from ..models import Membership, Organisation, Project, User
from ..models.base import utcnow
from . import affiliations
from .access import SYSTEM, actor_id, load_project, parse_id, require_admin, role_in, signed_in
from .registry import op
from .serialize import membership_to_dict, project_to_dict
from .unit_of_work import write_transaction

HMW_MAX = schemas.HMW_MAX


def _clean_project_fields(data: dict) -> dict:
    """Validate the given project fields, returning cleaned values."""
    values = {}
    if "title" in data:
        values["title"] = clean_title(data["title"])
    if "hmw" in data:
        values["hmw"] = clean_body(data["hmw"], field="hmw", limit=HMW_MAX).strip()
    if "visibility" in data:
        values["visibility"] = choice(data["visibility"], permissions.VISIBILITIES, "visibility")
    if "status" in data:
        values["status"] = choice(data["status"], permissions.STATUSES, "status")
    if "stage" in data:
        values["stage"] = choice(data["stage"], board.STAGE_KEYS, "stage")
    if "org_id" in data:
        if data["org_id"] is None:
            values["org_id"] = None
        else:
            org_id = parse_id(data["org_id"], "org_id")
            if db.session.get(Organisation, org_id) is None:
                raise ValidationError(N_("No such organisation."), field="org_id")
            values["org_id"] = org_id
    if data.get("stall_days") is not None:
        values["stall_days"] = data["stall_days"]  # bounded by the schema
    if data.get("observers_may_comment") is not None:
        values["observers_may_comment"] = data["observers_may_comment"]
    return values


def create_project(actor, data: object) -> Project:
    """Open a new challenge; its creator becomes its first facilitator (not a workshop guest).

    Raises ValidationError, NotAuthenticated or PermissionDenied.
    """
    data = schemas.parse(schemas.ProjectCreate, data)
    if not signed_in(actor):
        raise NotAuthenticated(N_("Please sign in."))
    if getattr(actor, "guest_project_id", None) is not None:
        raise PermissionDenied(N_("A guest account can only take part in its workshop's project."))
    with write_transaction() as unit:
        values = _clean_project_fields(data)
        if "org_id" not in values:  # by default under one's own organisation, once verified
            values["org_id"] = getattr(actor, "org_id", None) if affiliations.speaks_for(actor) else None
        affiliations.require_may_speak_for(actor, values["org_id"])
        project = Project(**values, created_by=actor_id(actor))
        db.session.add(project)
        db.session.flush()
        if actor is not SYSTEM:
            db.session.add(Membership(project_id=project.id, user_id=actor.id, role="facilitator"))
        db.session.flush()
        unit.record(project, actor_id(actor), "project.create", {"project": project_to_dict(project)})
    return project


@op("project.update", schemas.ProjectFields, events=("project.update",), result="project")
def update_project(actor, project_id: object, data: dict) -> Project:
    """Edit a project's settings (facilitators); `status: archived` archives, `visibility: private` hides it.

    Sockets that lose access by the change are taken off the board. Raises ValidationError, NotFound,
    NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        values = _clean_project_fields(data)
        changed = [name for name, value in values.items() if getattr(project, name) != value]
        if not changed:
            return project
        if "org_id" in changed:
            affiliations.require_may_speak_for(actor, values["org_id"])
        for name in changed:
            setattr(project, name, values[name])
        project.updated_at = utcnow()
        db.session.flush()
        unit.record(project, actor_id(actor), "project.update",
                    {"project": project_to_dict(project), "fields": changed})
    return project


@op("member.update", schemas.MemberRole, events=("member.update",), result="member")
def change_role_op(actor, project_id: object, data: dict) -> Membership:
    """Change a member's role (facilitators); their open boards follow at once."""
    return change_role(actor, project_id, data["user_id"], data["role"])


@op("member.remove", schemas.MemberRef, events=("member.remove",), result="member")
def remove_member_op(actor, project_id: object, data: dict) -> None:
    """Take a member out of the project (facilitators); their open boards close at once."""
    return remove_member(actor, project_id, data["user_id"])


def add_existing_member(actor, project_id: object, data: object,
                        recorded_as: int | None = None) -> tuple[Membership, bool]:
    """Site admins and the CLI only: add an existing account by e-mail at once, or change its role.

    Returns (membership, created). Facilitators invite instead (services/invitations.py: the answer there
    never reveals whether an address has an account; site admins see every account anyway). The system
    alone may record the Event in a facilitator's name (`recorded_as`: seeding a demo or a test project
    as its facilitator would have built it).

    Raises ValidationError (no such account), Conflict, NotFound, NotAuthenticated or PermissionDenied.
    """
    require_admin(actor)
    if recorded_as is not None and actor is not SYSTEM:
        raise PermissionDenied(N_("Only the system can record a change in someone else's name."))
    data = schemas.parse(schemas.MemberAdd, data)
    email = clean_email(data["email"])
    role = choice(data["role"], permissions.ROLES, "role")
    with write_transaction() as unit:
        project, _ = load_project(actor, project_id, "manage", lock=True)
        user = db.session.scalar(select(User).where(func.lower(User.email) == email))
        if user is None or user.is_disabled:
            raise ValidationError(N_("No account uses this e-mail address."), field="email")
        membership = db.session.scalar(select(Membership).where(
            Membership.project_id == project.id, Membership.user_id == user.id))
        created = membership is None
        if created:
            membership = Membership(project_id=project.id, user_id=user.id, role=role)
            db.session.add(membership)
        elif membership.role == role:
            return membership, False
        else:
            _keep_a_facilitator(project, membership, role)
            membership.role = role
        db.session.flush()
        unit.record(project, recorded_as or actor_id(actor), "member.add" if created else "member.update",
                    membership_to_dict(membership))
    return membership, created


def change_role(actor, project_id: object, user_id: object, role: object) -> Membership:
    """Change a member's role (facilitators); the last facilitator cannot step down, and a workshop guest cannot
    become one (Conflict)."""
    role = choice(role, permissions.ROLES, "role")
    with write_transaction() as unit:
        project, _ = load_project(actor, project_id, "manage", lock=True)
        membership = _membership(project, user_id)
        if membership.role == role:
            return membership
        if role == "facilitator" and membership.user.guest is not None:
            raise Conflict(N_("A workshop guest can be a member or an observer, not a facilitator. Invite them "
                              "with their e-mail address instead."), field="role")
        _keep_a_facilitator(project, membership, role)
        membership.role = role
        db.session.flush()
        unit.record(project, actor_id(actor), "member.update", membership_to_dict(membership))
    return membership


def remove_member(actor, project_id: object, user_id: object) -> None:
    """Take a user out of the project (facilitators); never the last facilitator (Conflict)."""
    with write_transaction() as unit:
        project, _ = load_project(actor, project_id, "manage", lock=True)
        membership = _membership(project, user_id)
        _keep_a_facilitator(project, membership, None)
        payload = membership_to_dict(membership)
        db.session.delete(membership)
        db.session.flush()
        unit.record(project, actor_id(actor), "member.remove", payload)


def _membership(project: Project, user_id: object) -> Membership:
    """The membership of this user in the project, or NotFound."""
    user_id = parse_id(user_id, "user_id")
    membership = db.session.scalar(select(Membership).where(
        Membership.project_id == project.id, Membership.user_id == user_id))
    if membership is None:
        raise NotFound(N_("This person is not a member of the project."))
    return membership


def _keep_a_facilitator(project: Project, membership: Membership, new_role: str | None) -> None:
    """Refuse a change that would leave the project without a facilitator."""
    if membership.role != "facilitator" or new_role == "facilitator":
        return
    count = db.session.scalar(select(func.count()).select_from(Membership).where(
        Membership.project_id == project.id, Membership.role == "facilitator"))
    if count <= 1:
        raise Conflict(N_("A project needs at least one facilitator."), field="role")


def list_members(actor, project_id: object) -> tuple[Project, str | None, list[Membership]]:
    """The members of a project the actor can see, facilitators first."""
    project, role = load_project(actor, project_id, "view")
    order = {name: index for index, name in enumerate(permissions.ROLES)}
    members = sorted(project.memberships, key=lambda m: (order[m.role], m.user.name.casefold()))
    return project, role, members


def get_project(actor, project_id: object) -> tuple[Project, str | None]:
    """A project the actor may see, with their role."""
    return load_project(actor, project_id, "view")


def list_projects(actor, stage: object = None, status: object = None, scope: str = "mine") -> list[tuple[Project, str | None]]:
    """Projects for a list page: the actor's own (`mine`) or every public one (`public`).

    Filters: `stage` (a stage key) and `status` (a status, or None for all but archived).
    """
    query = select(Project)
    if stage not in (None, ""):
        query = query.where(Project.stage == choice(stage, board.STAGE_KEYS, "stage"))
    if status not in (None, ""):
        query = query.where(Project.status == choice(status, permissions.STATUSES, "status"))
    else:
        query = query.where(Project.status != "archived")
    if scope == "public":
        query = query.where(Project.visibility == "public")
    elif not signed_in(actor):
        return []
    elif not actor.is_admin:
        query = query.join(Membership).where(Membership.user_id == actor.id)
    projects = list(db.session.scalars(query.order_by(Project.updated_at.desc(), Project.id.desc())).unique())
    vouched = affiliations.verified_owners(projects)  # one query for the whole list
    for project in projects:
        project.owner_verified = project.id in vouched
    return [(project, role_in(project, actor)) for project in projects]
