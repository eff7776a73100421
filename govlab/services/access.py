"""The one place that decides an actor's role in a project and enforces the domain permissions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select

from ..domain import permissions
from ..domain.errors import N_, Locked, NotAuthenticated, NotFound, ValidationError
from ..domain.guests import window_open
from ..domain.text_rules import INT32_MAX, parse_int_text
from ..extensions import db
from ..models import Card, Membership, Project, User
from ..models.base import utcnow
from .unit_of_work import current_batch


class _System:
    """The actor for CLI and seeding: trusted, acts as a site admin."""

    id = None
    is_admin = True
    is_disabled = False

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = _System()


@dataclass(frozen=True)
class ActorRef:
    """What the services need to know about an actor, detached from any session (cached by sockets)."""

    id: int
    is_admin: bool
    is_disabled: bool
    org_id: int | None
    guest_project_id: int | None = None  # a workshop guest sees this project only ...
    guest_until: datetime | None = None  # ... until then

    @classmethod
    def of(cls, user: User) -> "ActorRef":
        """A snapshot of a user row."""
        return cls(id=user.id, is_admin=user.is_admin, is_disabled=user.is_disabled, org_id=user.org_id,
                   guest_project_id=user.guest_project_id, guest_until=user.guest_until)


def signed_in(actor) -> bool:
    """True for a real, active user or the system actor."""
    return actor is not None and not actor.is_disabled


def actor_id(actor) -> int | None:
    """The user id to record on Events (None for the system)."""
    return getattr(actor, "id", None) if actor is not SYSTEM else None


def role_key(project_id: int, actor) -> tuple[int, int | str | None]:
    """How roles are cached within a group commit: (project id, actor id; None for the system)."""
    return project_id, getattr(actor, "id", None) if actor is not None else "anonymous"


# Built once: every op's transaction runs it, and building the statement anew cost about a tenth of a
# lone op's commit (SQLAlchemy computes a new statement's cache key each time).
_ROLES_STATEMENT = select(Membership.user_id, Membership.role).where(
    Membership.project_id == bindparam("project_id"), Membership.user_id.in_(bindparam("members", expanding=True)))


def roles_in(project: Project, actors) -> dict[tuple[int, int | str | None], str | None]:
    """The effective roles of actors in the project, by role_key, with at most one query.

    Disabled actors and anonymous watchers have none; admins and the system act as facilitators.
    """
    members = {actor.id for actor in actors if actor is not None and not actor.is_disabled and not actor.is_admin}
    found = dict(db.session.execute(_ROLES_STATEMENT, {"project_id": project.id, "members": list(members)}).all()
                 ) if members else {}
    return {role_key(project.id, actor): None if actor is None or actor.is_disabled
            else permissions.effective_role(found.get(actor.id), actor.is_admin) for actor in actors}


def role_in(project: Project, actor) -> str | None:
    """The actor's effective role in the project."""
    return roles_in(project, [actor])[role_key(project.id, actor)]


def parse_id(value: object, field: str = "id") -> int:
    """A positive integer id: a JSON integer, or ASCII digits from a URL or form (never '²'); INTEGER range."""
    if isinstance(value, str):
        return parse_int_text(value, field, low=1)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= INT32_MAX:
        raise ValidationError(N_("This id must be a positive integer."), field=field)
    return value


def load_project(actor, project_id: object, need: str = "view", lock: bool = False) -> tuple[Project, str | None]:
    """Load a project the actor may access for `need` (view, edit or manage) and their role.

    `lock` takes the project's row lock (PostgreSQL) so writers to one board queue up.
    """
    project_id = parse_id(project_id, "project_id")
    batch = current_batch.get()
    if batch is not None and project_id in batch.projects:
        project = batch.projects[project_id]
        key = role_key(project_id, actor)
        if key not in batch.roles:
            batch.roles[key] = role_in(project, actor)
        return _check(project, batch.roles[key], actor, need)
    if lock and not _sqlite():
        # Lock the bare row first (FOR UPDATE cannot apply to the eager outer joins of the load).
        # SQLite needs no row lock: its write transactions begin IMMEDIATE, one at a time.
        db.session.execute(select(Project.id).where(Project.id == project_id).with_for_update())
    project = db.session.get(Project, project_id, populate_existing=lock)
    if project is None:
        raise NotFound(N_("No such project."))
    if batch is not None and lock:
        batch.projects[project_id] = project  # later ops of the batch count seqs on this object
    return _check(project, role_in(project, actor), actor, need)


def _check(project: Project, role: str | None, actor, need: str) -> tuple[Project, str | None]:
    """Enforce the domain permission for `need` and return (project, role)."""
    require_guest_scope(project.id, actor)
    if need == "view":
        permissions.require_view(role, project.visibility)
    elif need == "edit":
        permissions.require_edit_board(role, project.visibility, project.status, signed_in(actor))
        require_unlocked(project, role)
    elif need == "manage":
        permissions.require_manage(role, project.visibility, signed_in(actor))
    else:  # pragma: no cover - programming error
        raise ValueError(need)
    return project, role


def require_guest_scope(project_id: int, actor) -> None:
    """A workshop guest sees its own project only (not even public ones), and only while its time runs.

    Another project is NotFound, as a private one is to outsiders; its own, once the time is up, NotAuthenticated.
    """
    guest_of = getattr(actor, "guest_project_id", None)
    if guest_of is None:
        return
    if guest_of != project_id:
        raise NotFound(N_("No such project."))
    if not window_open(actor.guest_until, utcnow()):
        raise NotAuthenticated(N_("Your time as a guest of this workshop has ended."))


def require_unlocked(project: Project, role: str | None, *stages: str) -> None:
    """Refuse a change to a frozen board or lane (raises Locked); facilitators may still act."""
    if role == "facilitator":
        return
    if project.locked:
        raise Locked(N_("The facilitator has locked the board for now."))
    frozen = set(project.locked_stages or ()) & set(stages)
    if frozen:
        raise Locked(N_("The facilitator has locked this lane for now."), field="stage")


def is_site_admin(actor) -> bool:
    """True for an active site administrator (who manages organisations and accounts)."""
    return signed_in(actor) and bool(getattr(actor, "is_admin", False))


def require_admin(actor) -> None:
    """Only site admins (and the CLI) manage organisations and users."""
    from ..domain.errors import NotAuthenticated, PermissionDenied

    if not signed_in(actor):
        raise NotAuthenticated(N_("Please sign in."))
    if not actor.is_admin:
        raise PermissionDenied(N_("Only site administrators can do this."))


def lock_user(user_id: int) -> User | None:
    """Inside a write transaction: take the account's row lock, then read the account afresh (None: no such one).

    The lock is taken on a bare SELECT of the id: a User load joins its organisation and guest row, and
    PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    """
    db.session.execute(select(User.id).where(User.id == user_id).with_for_update())
    return db.session.get(User, user_id, populate_existing=True)


def active_user(user_id: int) -> User | None:
    """The user with this id unless missing, disabled, or a guest whose time is up."""
    user = db.session.get(User, user_id)
    if user is None or user.is_disabled or not window_open(user.guest_until, utcnow()):
        return None
    return user


def _sqlite() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def load_card(actor, card_id: object, need: str = "edit", include_deleted: bool = False,
              in_project: int | None = None):
    """Load a card and its project, checking the actor's right to the project.

    `need` is view, edit or manage; "view_locked" checks view but takes the project lock for a write
    that any viewer may cause (seeding a card's text document). `in_project`, when given, is the
    project the caller believes the card is on: a card of another project is "not found".
    """
    card_id = parse_id(card_id, "id")
    batch = current_batch.get()
    card = batch.cards.get(card_id) if batch is not None else None
    if card is None:
        card = db.session.get(Card, card_id)
    if card is None or (in_project is not None and card.project_id != in_project):
        raise NotFound(N_("No such card."))
    lock = need != "view"
    try:
        project, role = load_project(actor, card.project_id, "view" if need == "view_locked" else need, lock=lock)
    except NotFound:
        raise NotFound(N_("No such card.")) from None  # the same answer as a missing card: ids reveal nothing
    if lock and not _sqlite() and batch is None:
        db.session.refresh(card)  # read again now that the row lock is ours
    if need == "edit":
        require_unlocked(project, role, card.stage)
    if card.deleted_at is not None and not include_deleted:
        raise NotFound(N_("This card has been deleted."))
    return card, project, role


def card_in_project(card_id: int, project_id: int) -> bool:
    """True when the card exists, is not deleted and belongs to the project (presence names only such cards)."""
    found = db.session.execute(select(Card.project_id, Card.deleted_at).where(Card.id == card_id)).first()
    return found is not None and found[0] == project_id and found[1] is None
