"""Silent brainstorming: hidden notes, seen only by their author and the facilitators until revealed.

Leak-proof by construction: a hidden note is not a card. It lives in `workshop_notes`, which no
public read (board, cards, events, export, CSV, timeline, chain, search, presence) ever touches. The
Event log — and so the board's room, `join`, `resync` and every REST replay — gets only `note.count`
(how many notes each person has written). The note itself goes to its author's and the facilitators'
own rooms (services/private.py) and into their board snapshots. Revealing turns every note into an
ordinary card with its own `card.create` Event, attributed to its author.
"""
from __future__ import annotations

from sqlalchemy import func, select

from ..domain import board
from ..domain import workshop_schemas as shapes
from ..domain.errors import N_, Conflict, NotFound, PermissionDenied
from ..extensions import db
from ..models import Card, Membership, Project, User, WorkshopNote
from ..models.base import utcnow
from .access import actor_id, load_project, require_unlocked
from .card_index import touch as touch_index
from .placement import position_in, record_respace
from .private import send_after_commit
from .registry import op
from .serialize import card_to_dict, iso
from .unit_of_work import write_transaction
from .workshops import load_workshop

NOTES_PER_PERSON_MAX = 200


def note_to_dict(note: WorkshopNote) -> dict:
    """A hidden note, for its author's and the facilitators' eyes only."""
    return {"id": note.id, "workshop_id": note.workshop_id, "stage": note.stage, "title": note.title,
            "body": note.body, "author_id": note.author_id, "author_name": note.author.name if note.author else None,
            "created_at": iso(note.created_at)}


def note_counts(project_id: int) -> list[dict]:
    """How many hidden notes each person has written (what everyone may see), most first."""
    rows = db.session.execute(select(WorkshopNote.author_id, User.name, func.count(WorkshopNote.id))
                              .join(User, User.id == WorkshopNote.author_id)
                              .where(WorkshopNote.project_id == project_id)
                              .group_by(WorkshopNote.author_id, User.name)).all()
    return sorted(({"user_id": user_id, "name": name, "count": count} for user_id, name, count in rows),
                  key=lambda row: (-row["count"], row["user_id"]))


def facilitator_ids(project_id: int) -> list[int]:
    """The board's facilitators (who see every hidden note), one query."""
    return list(db.session.scalars(select(Membership.user_id).where(Membership.project_id == project_id,
                                                                     Membership.role == "facilitator")))


def _record_counts(unit, project: Project, actor) -> None:
    unit.record(project, actor_id(actor), "note.count",
                {"workshop_id": project.silent_workshop_id, "counts": note_counts(project.id)})


@op("note.add", shapes.NoteAdd, events=("note.count",), result="note")
def add_note(actor, project_id: object, data: dict) -> dict:
    """Write a hidden note during a silent brainstorm (members and facilitators); others see only a count.

    Raises Conflict when no silent brainstorm runs, Locked, ValidationError, NotFound or PermissionDenied.
    """
    with write_transaction() as unit:
        project, role = load_project(actor, project_id, "edit", lock=True)
        if project.silent_workshop_id is None:
            raise Conflict(N_("No silent brainstorm is running; add an ordinary card."), field="silent")
        stage = board.get_stage(data["stage"]).key
        require_unlocked(project, role, stage)
        mine = db.session.scalar(select(func.count(WorkshopNote.id)).where(
            WorkshopNote.project_id == project.id, WorkshopNote.author_id == actor_id(actor)))
        if mine >= NOTES_PER_PERSON_MAX:
            raise Conflict(N_("You have written as many hidden notes as allowed (%(max)d)."), max=NOTES_PER_PERSON_MAX)
        note = WorkshopNote(project_id=project.id, workshop_id=project.silent_workshop_id, author_id=actor_id(actor),
                            stage=stage, title=data["title"], body=data.get("body") or "")
        db.session.add(note)
        db.session.flush()
        _record_counts(unit, project, actor)
        shown = note_to_dict(note)
        send_after_commit(unit, project.id, [note.author_id, *facilitator_ids(project.id)], "note",
                          {"project_id": project.id, "action": "add", "note": shown})
    return shown


@op("note.delete", shapes.NoteRef, events=("note.count",), result="note")
def delete_note(actor, project_id: object, data: dict) -> dict:
    """Withdraw a hidden note before the reveal (its author, or a facilitator)."""
    with write_transaction() as unit:
        project, role = load_project(actor, project_id, "edit", lock=True)
        note = db.session.get(WorkshopNote, data["id"])
        if note is None or note.project_id != project.id:
            raise NotFound(N_("No such note."))
        if note.author_id != actor_id(actor) and role != "facilitator":
            raise NotFound(N_("No such note."))  # someone else's hidden note does not exist for you
        shown = {"id": note.id, "workshop_id": note.workshop_id}
        audience = [note.author_id, *facilitator_ids(project.id)]
        db.session.delete(note)
        db.session.flush()
        _record_counts(unit, project, actor)
        send_after_commit(unit, project.id, audience, "note", {"project_id": project.id, "action": "delete",
                                                               "note": shown})
    return shown


@op("workshop.reveal", shapes.WorkshopRef, events=("lane.respace", "card.create", "workshop.reveal"),
    result="workshop")
def reveal(actor, project_id: object, data: dict) -> dict:
    """Show every hidden note of the workshop at once as ordinary cards, and end the silence (facilitators)."""
    with write_transaction() as unit:
        workshop, project, role = load_workshop(actor, project_id, data["id"])
        if role != "facilitator":  # pragma: no cover - "manage" already requires it
            raise PermissionDenied(N_("Only facilitators can do this."))
        notes = list(db.session.scalars(select(WorkshopNote).where(WorkshopNote.workshop_id == workshop.id)
                                        .order_by(WorkshopNote.id)))
        for note in notes:
            spot = position_in(project.id, note.stage, {}, None)
            record_respace(unit, project, actor, note.stage, spot)
            card = Card(project_id=project.id, stage=note.stage, kind=board.get_stage(note.stage).default_kind,
                        title=note.title, body=note.body, color="yellow", position=spot.key,
                        author_id=note.author_id, version=1, created_at=note.created_at, updated_at=utcnow())
            db.session.add(card)
            db.session.flush()
            touch_index(unit, [card.id])
            unit.record(project, note.author_id, "card.create", {"card": card_to_dict(card), "revealed": True})
            db.session.delete(note)
        if project.silent_workshop_id == workshop.id:
            project.silent_workshop_id = None
        db.session.flush()
        unit.record(project, actor_id(actor), "workshop.reveal",
                    {"workshop_id": workshop.id, "revealed": len(notes), "counts": note_counts(project.id)})
    return {"id": workshop.id, "revealed": len(notes)}


def visible_notes(project_id: int, viewer_id: int | None, role: str | None) -> list[dict]:
    """The hidden notes this viewer may see: all for facilitators, their own for an author, none otherwise."""
    if viewer_id is None and role != "facilitator":
        return []
    query = select(WorkshopNote).where(WorkshopNote.project_id == project_id).order_by(WorkshopNote.id)
    if role != "facilitator":
        query = query.where(WorkshopNote.author_id == viewer_id)
    return [note_to_dict(note) for note in db.session.scalars(query)]
