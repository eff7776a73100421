"""Follow-me: the facilitator brings everyone to a lane or a card of the board.

The focus is part of the workshop (stored on it, in every `workshop.*` Event's copy and in the board
snapshot), so late joiners and reconnecting clients land where the room is. Following is the
participant's choice, kept in their browser (static/js/follow.js): they may step away and come back.
"""
from __future__ import annotations

from ..domain import workshop_schemas as shapes
from ..domain.errors import N_, NotFound, ValidationError
from ..extensions import db
from ..models import Card, Workshop
from .access import actor_id
from .registry import op
from .unit_of_work import write_transaction
from .workshops import load_workshop, workshop_to_dict


@op("workshop.focus", shapes.WorkshopFocus, events=("workshop.focus",), result="workshop")
def focus(actor, project_id: object, data: dict) -> Workshop:
    """Bring everyone to a lane or a card (facilitators); with neither, stop leading.

    Only a live card of this board can be the focus: a hidden note of a silent brainstorm is not a
    card, and a deleted card or another board's card is "not found" (an id reveals nothing). Raises
    ValidationError (both a lane and a card), NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        workshop, project, _role = load_workshop(actor, project_id, data["workshop_id"])
        stage, card_id = data.get("stage"), data.get("card_id")
        if stage is not None and card_id is not None:
            raise ValidationError(N_("Bring everyone to a lane or to a card, not both."), field="card_id")
        if card_id is not None:
            card = db.session.get(Card, card_id)
            if card is None or card.project_id != project.id or card.deleted_at is not None:
                raise NotFound(N_("No such card."), field="card_id")
            stage = card.stage
        workshop.focus_stage, workshop.focus_card_id = stage, card_id
        db.session.flush()
        shown = workshop_to_dict(workshop)  # its `focus`: {stage, card_id (null for a lane)} or null
        unit.record(project, actor_id(actor), "workshop.focus",
                    {"workshop_id": workshop.id, "focus": shown["focus"], "workshop": shown})
    return workshop
