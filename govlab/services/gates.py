"""Stage gates: a facilitator's decision on a prototype — scale, iterate, pivot or drop — resting on its tests."""
from __future__ import annotations

from sqlalchemy import select

from ..domain import evidence, schemas
from ..domain.errors import N_, PermissionDenied, ValidationError
from ..extensions import db
from ..models import Card, CardLink, Decision, DecisionEvidence, PrototypeDetails
from ..models.base import utcnow
from .access import actor_id, load_card, load_project
from .follows import tell_followers
from .registry import op
from .serialize import card_to_dict, decision_to_dict
from .unit_of_work import write_transaction


@op("gate.decide", schemas.GateDecide, events=("gate.decide",), result="decision")
def decide(actor, project_id: int | None, data: dict) -> Decision:
    """Record a decision on a prototype and set its status in the same change (facilitators).

    A decision is never edited: a newer one supersedes it. Raises ValidationError (not a prototype,
    no or wrong evidence), NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        card, project, _role = load_card(actor, data["prototype_id"], need="manage", in_project=project_id)
        if project.status == "archived":
            raise PermissionDenied(N_("This project is archived and read-only."))
        if card.kind != "prototype":
            raise ValidationError(N_("Decisions are recorded on prototype cards."), field="prototype_id")
        cited = list(dict.fromkeys(data.get("evidence", [])))  # each test once, in the order given
        evidence.check_decision(data["decision"], cited, _evidence_facts(project.id, cited), card.id)
        decision = Decision(project_id=project.id, prototype_id=card.id, decision=data["decision"],
                            rationale=data["rationale"], decided_by=actor_id(actor),
                            evidence=[DecisionEvidence(test_card_id=test_id) for test_id in cited])
        db.session.add(decision)
        details = card.prototype_details
        if details is None:
            details = card.prototype_details = PrototypeDetails(card_id=card.id, next_step="")
        details.status = evidence.status_after(data["decision"])
        details.updated_at = card.updated_at = utcnow()
        card.version += 1
        db.session.flush()
        unit.record(project, actor_id(actor), "gate.decide",
                    {"decision": decision_to_dict(decision), "card": card_to_dict(card)})
        tell_followers(unit, actor, project, card, "decision", {"decision": data["decision"]})
    return decision


def _evidence_facts(project_id: int, card_ids: list[int]) -> dict[int, dict]:
    """For each cited card of the project: its kind, whether it is deleted, and the prototypes it tests."""
    if not card_ids:
        return {}
    facts = {card_id: {"kind": kind, "deleted": deleted is not None, "tests": []}
             for card_id, kind, deleted in db.session.execute(
                 select(Card.id, Card.kind, Card.deleted_at).where(Card.project_id == project_id,
                                                                   Card.id.in_(card_ids)))}
    for test_id, prototype_id in db.session.execute(
            select(CardLink.from_card_id, CardLink.to_card_id).where(CardLink.type == "tests",
                                                                     CardLink.from_card_id.in_(card_ids))):
        facts[test_id]["tests"].append(prototype_id)
    return facts


def list_decisions(actor, project_id: object, prototype_id: object | None = None) -> list[dict]:
    """The project's decisions, oldest first; `current` marks the latest one of each prototype."""
    project, _role = load_project(actor, project_id, "view")
    query = select(Decision).join(Card, Card.id == Decision.prototype_id).where(
        Decision.project_id == project.id, Card.deleted_at.is_(None)).order_by(Decision.id)
    if prototype_id is not None:
        query = query.where(Decision.prototype_id == prototype_id)
    rows = [decision_to_dict(row) for row in db.session.scalars(query)]
    latest = {row["prototype_id"]: row["id"] for row in rows}
    for row in rows:
        row["current"] = latest[row["prototype_id"]] == row["id"]
    return rows
