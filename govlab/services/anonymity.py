"""Anonymous mode of a board: facilitators hide who wrote what from everyone else, and show it again.

The mode belongs to the project (the board), not to one workshop: authorship lives on cards, comments,
links and presence, which are the board's, and a card is not tied to the workshop it was written in. A
per-workshop switch would leave the board half anonymous between sessions and ambiguous when two
workshops are planned; like the lock, it is one switch on the board, usually flipped during a workshop.

Nothing is changed in storage: the Event log keeps every actor (the audit trail), and facilitators get
everything as before. What participants (members, observers, watchers) receive is scrubbed by the
rule in domain/anonymity.py, per viewer (snapshots, replays, REST, exports, acks: their own name stays
on their own things) or per room (live `ops` and presence, realtime/audience.py). Turning the mode off
shows authors again, including those of what was written while it was on.
"""
from __future__ import annotations

from ..domain import workshop_schemas as shapes
from ..domain.anonymity import scrub
from ..extensions import db
from ..models import Card, Project
from .access import actor_id, load_project, role_in, role_key
from .registry import op
from .serialize import card_to_dict
from .unit_of_work import write_transaction


@op("board.anonymous", shapes.BoardAnonymous, events=("board.anonymous",), result="project")
def set_anonymous(actor, project_id: object, data: dict) -> Project:
    """Turn anonymous mode on or off (facilitators): participants stop (or start again) seeing authors.

    Setting the mode it already has changes nothing and records nothing. Raises ValidationError,
    NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        wanted = bool(data["anonymous"])
        if wanted == (project.anonymous_since is not None):
            return project
        payload = {"anonymous": wanted, "since": None}
        event = unit.record(project, actor_id(actor), "board.anonymous", payload)
        # The turning-on Event's seq names this anonymous period (presence aliases change with it).
        project.anonymous_since = event.seq if wanted else None
        payload["since"] = project.anonymous_since
        db.session.flush()
    return project


def hides_authors(project: Project | None, role: str | None) -> bool:
    """Does this viewer see the board without authors (anonymous mode on, and not a facilitator)?"""
    return project is not None and project.anonymous_since is not None and role != "facilitator"


def for_viewer(data, project: Project, role: str | None, actor) -> object:
    """`data` as this viewer may see it: scrubbed of others' authorship while anonymous, else unchanged."""
    if not hides_authors(project, role):
        return data
    return scrub(data, actor_id(actor) if actor is not None else None)


def card_view(actor, card: Card) -> dict:
    """A card as its REST reader may see it (one more query only when the board is anonymous)."""
    data = card_to_dict(card)
    project = db.session.get(Project, card.project_id)
    if project is None or project.anonymous_since is None:
        return data
    return for_viewer(data, project, role_in(project, actor), actor)


def ack_view(ack: dict, actor, project_id: int, event=None, roles: dict | None = None) -> dict:
    """An op's ack as its sender may see it: an op on someone else's card must not name its author.

    `event` is the op's last RecordedEvent (its `anonymous` says whether the board was anonymous when
    it committed); without one (a retry answered from its receipt) the board's current mode decides.
    `roles` are a group commit's cached roles (access.role_key), so the hot path costs no query.
    """
    if event is not None and not getattr(event, "anonymous", False):
        return ack
    key = role_key(project_id, actor)
    known = roles is not None and key in roles  # a group commit's cache: the hot path costs no query
    if known and roles[key] == "facilitator":
        return ack
    project = None
    if event is None or not known:
        project = db.session.get(Project, project_id)
        if project is None or (event is None and project.anonymous_since is None):
            return ack
    role = roles[key] if known else role_in(project, actor)
    return ack if role == "facilitator" else scrub(ack, actor_id(actor))
