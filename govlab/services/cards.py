"""Card changes: create, update (content and/or move), delete, restore; and the board snapshot."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain import board, evidence, schemas
from ..domain.errors import N_, Conflict, PermissionDenied, ValidationError
from ..extensions import db
from ..models import Card
from ..models.base import utcnow
from .access import actor_id, load_card, load_project, require_unlocked
from .anonymity import for_viewer
from .card_index import touch as touch_index
from .placement import Spot, position_in, record_respace
from .registry import op
from .serialize import card_to_dict, project_to_dict
from .links import links_of_card, list_links
from .comments import comment_counts
from .text import replace_text
from .themes import board_themes
from .unit_of_work import write_transaction
from .workshop_board import board_state

MOVE_FIELDS = {"stage", "after", "before", "position"}


@op("card.create", schemas.CardCreate, events=("card.create", "lane.respace"))
def create_card(actor, project_id: object, data: dict) -> Card:
    """Add a card to a lane (members and facilitators); appended unless after/before/position say where.

    Raises ValidationError, NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, role = load_project(actor, project_id, "edit", lock=True)
        stage = board.get_stage(data["stage"]).key
        require_unlocked(project, role, stage)
        if project.silent_workshop_id is not None and role != "facilitator":
            raise Conflict(N_("A silent brainstorm is running: add your card as a hidden note."), field="silent")
        kind = board.check_kind(stage, data.get("kind"))
        title, body = board.clean_title(data.get("title")), board.clean_body(data.get("body"))
        color = board.check_color(data.get("color"))
        spot = position_in(project.id, stage, data, None)
        record_respace(unit, project, actor, stage, spot)
        card = Card(
            project_id=project.id, stage=stage,
            kind=kind, title=title, body=body, color=color, position=spot.key,
            author_id=actor_id(actor), version=1,
        )
        db.session.add(card)
        db.session.flush()
        touch_index(unit, [card.id])
        unit.record(project, actor_id(actor), "card.create", {"card": card_to_dict(card)})
    return card


def update_card(actor, card_id: object, data: object, in_project: int | None = None) -> Card:
    """REST PATCH: change a card's content (title, body, colour, kind) and/or move it (stage and place).

    `version`, when given, must equal the card's current version. Raises ValidationError, Conflict,
    NotFound, NotAuthenticated or PermissionDenied.
    """
    return _change_card(actor, card_id, schemas.parse(schemas.CardPatch, data), in_project)


@op("card.update", schemas.CardContent, events=("card.update",))
def update_content(actor, project_id: int | None, data: dict) -> Card:
    """Replace whole content fields of a card (title, body, colour, kind); `version` must match when given."""
    data = dict(data)
    return _change_card(actor, data.pop("id"), data, project_id)


@op("card.move", schemas.CardMove, events=("card.move", "lane.respace"))
def move_card(actor, project_id: int | None, data: dict) -> Card:
    """Move a card to another lane and/or place; it keeps its kind where the lane allows it."""
    data = dict(data)
    return _change_card(actor, data.pop("id"), data, project_id)


def _change_card(actor, card_id: object, data: dict, in_project: int | None) -> Card:
    """Apply validated content and/or move fields to a card, recording card.update and/or card.move."""
    with write_transaction() as unit:
        card, project, role = load_card(actor, card_id, in_project=in_project)
        if "version" in data and data["version"] != card.version:
            raise Conflict(N_("This card was changed by someone else. Reload and try again."),
                           field="version")
        # Everything is checked before anything changes, so a refused op leaves no trace even
        # inside a group commit.
        values = _content_values(card, data)
        target = _move_target(card, data)
        if target is not None:
            require_unlocked(project, role, target[0])
        if not values and target is None:
            return card
        for name, value in values.items():
            setattr(card, name, value)
        moved = None
        if target is not None:
            stage, spot = target
            # The neighbours' new keys are recorded first, so a client never sees the card out of order.
            record_respace(unit, project, actor, stage, spot)
            moved = {"stage": card.stage, "position": card.position, "kind": card.kind}
            if stage != card.stage:
                kind, memory = board.kind_after_move(card.kind, card.stage, stage, card.kind_memory)
                card.kind_memory = memory
                card.theme_id = None  # themes belong to one lane
                if "kind" not in data:
                    card.kind = kind
            card.stage, card.position = stage, spot.key
        card.version += 1
        card.updated_at = utcnow()
        snapshot = card_to_dict(card)
        if values:
            changed = list(values)
            payload = {"card": snapshot, "fields": changed}
            text_update = replace_text(unit, card, {f: values[f] for f in changed if f in ("title", "body")})
            if {"title", "body"} & set(changed):
                touch_index(unit, [card.id])
            if text_update:
                payload["text_update"] = text_update
            unit.record(project, actor_id(actor), "card.update", payload)
        if moved:
            unit.record(project, actor_id(actor), "card.move", {"card": snapshot, "from": moved})
    return card


def _content_values(card: Card, data: dict) -> dict:
    """The validated content fields that differ from the card (nothing is changed here)."""
    values = {}
    if "title" in data:
        values["title"] = board.clean_title(data["title"])  # None is refused here: a title is required
    if "body" in data and data["body"] is not None:
        values["body"] = board.clean_body(data["body"])
    if "color" in data:
        if data["color"] is None:
            raise ValidationError(N_("Unknown colour. Use one of: %(colors)s."), field="color",
                                  colors=", ".join(board.COLORS))
        values["color"] = board.check_color(data["color"])
    if "body" in data and data["body"] is None:
        values["body"] = ""
    if "kind" in data:
        stage = data["stage"] if isinstance(data.get("stage"), str) else card.stage
        if data["kind"] is None:
            raise ValidationError(N_("The kind cannot be empty."), field="kind")
        values["kind"] = board.check_kind(stage, data["kind"])
    return {name: value for name, value in values.items() if getattr(card, name) != value}


def _move_target(card: Card, data: dict) -> tuple[str, Spot] | None:
    """Where the card goes (stage, spot) when a move is asked and changes something, else None."""
    if not MOVE_FIELDS & set(data):
        return None
    stage = board.get_stage(data.get("stage", card.stage)).key
    spot = position_in(card.project_id, stage, data, card.id)
    if stage == card.stage and spot.key == card.position:
        return None  # the neighbours kept their order around the card's own key: nothing to re-key
    return stage, spot


@op("card.delete", schemas.CardRef, events=("card.delete",))
def delete(actor, project_id: int | None, data: dict) -> Card:
    """Soft-delete a card (members and facilitators); facilitators can restore it."""
    return delete_card(actor, data["id"], in_project=project_id)


@op("card.restore", schemas.CardRef, events=("card.restore",))
def restore(actor, project_id: int | None, data: dict) -> Card:
    """Bring back a deleted card (facilitators)."""
    return restore_card(actor, data["id"], in_project=project_id)


def delete_card(actor, card_id: object, in_project: int | None = None) -> Card:
    """Soft-delete a card. Raises NotFound, NotAuthenticated or PermissionDenied."""
    with write_transaction() as unit:
        card, project, _role = load_card(actor, card_id, in_project=in_project)
        card.deleted_at = utcnow()
        card.version += 1
        db.session.flush()
        unit.record(project, actor_id(actor), "card.delete", {"card": card_to_dict(card)})
    return card


def restore_card(actor, card_id: object, in_project: int | None = None) -> Card:
    """Bring back a deleted card (facilitators only). Raises NotFound, Conflict or PermissionDenied."""
    with write_transaction() as unit:
        card, project, role = load_card(actor, card_id, include_deleted=True, in_project=in_project)
        if role != "facilitator":
            raise PermissionDenied(N_("Only facilitators can do this."))
        if card.deleted_at is None:
            raise Conflict(N_("This card is not deleted."))
        card.deleted_at = None
        card.version += 1
        db.session.flush()
        # Its links show again: the clients get them with the card.
        unit.record(project, actor_id(actor), "card.restore", {"card": card_to_dict(card),
                                                               "links": links_of_card(card.id)})
    return card


def get_card(actor, card_id: object) -> Card:
    """A live card the actor may see."""
    card, _project, _role = load_card(actor, card_id, need="view")
    return card


def board_snapshot(actor, project_id: object, include_deleted: bool = False) -> dict:
    """The whole board: project, current seq, stages and cards in lane order.

    Deleted cards are listed (flagged) only for facilitators who ask for them; in anonymous mode
    participants get it without others' authorship (services/anonymity.py).
    """
    project, role = load_project(actor, project_id, "view")
    query = select(Card).where(Card.project_id == project.id).options(
        selectinload(Card.prototype_details), selectinload(Card.test_details))
    with_deleted = include_deleted and role == "facilitator"
    if not with_deleted:
        query = query.where(Card.deleted_at.is_(None))
    order = {key: index for index, key in enumerate(board.STAGE_KEYS)}
    cards = sorted(db.session.scalars(query), key=lambda c: (order.get(c.stage, 9), c.position, c.id))
    return for_viewer({"project": project_to_dict(project, role), "seq": project.last_seq,
            "stages": [{"key": s.key, "label": s.label, "hint": s.hint, "kinds": list(s.kinds)}
                       for s in board.STAGES],
            "cards": [card_to_dict(card) for card in cards],
            "links": list_links(actor, project.id, include_hidden=with_deleted),
            "comment_counts": comment_counts(project.id),
            "link_rules": link_rules(), "workshop": board_state(actor, project, role),
            "themes": board_themes(project.id)}, project, role, actor)


def link_rules() -> dict:
    """Which kinds each link type joins (null: any), so clients offer only links the server accepts."""
    return {link_type: {"from": list(kinds[0]) if kinds[0] else None, "to": list(kinds[1]) if kinds[1] else None}
            for link_type, kinds in evidence.LINK_RULES.items()}
