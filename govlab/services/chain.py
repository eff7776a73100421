"""The evidence chain of one prototype, read by walking its links (read-only).

insight/quote/pain point/persona —frames→ HMW ←answers— idea ←embodies— prototype ←tests— test,
then the facilitators' decisions on the prototype, newest first. Only live cards and their links show.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..domain import permissions
from ..domain.errors import N_, NotFound
from ..extensions import db
from ..models import Card, CardLink, Decision
from .access import load_card, load_project
from .anonymity import for_viewer
from .serialize import card_to_dict, iso, project_to_dict


def chain_of(actor, project_id: object, card_id: object) -> dict:
    """The chain around a prototype card: framers → HMWs → ideas → the prototype → its tests → decisions.

    Raises NotFound (no such card in this project, deleted, not a prototype, or the project is not
    visible to the actor) or ValidationError (a malformed id).
    """
    project, role = load_project(actor, project_id, "view")
    card, _project, _role = load_card(actor, card_id, need="view", in_project=project.id)
    if card.kind != "prototype":
        raise NotFound(N_("This card is not a prototype: only prototypes have an evidence chain."))
    ideas = _linked(project.id, "embodies", from_ids=[card.id], end="to")
    hmws = _linked(project.id, "answers", from_ids=list(ideas), end="to")
    framers = _linked(project.id, "frames", to_ids=list(hmws), end="from")
    tests = _linked(project.id, "tests", to_ids=[card.id], end="from")
    test_cards = _cards(list(tests))
    return for_viewer({
        "project": project, "role": role,
        "can_decide": permissions.can_manage(role) and project.status != "archived",
        "prototype": card_to_dict(card),
        "framers": _column(framers, ("insight", "quote", "pain_point", "persona")),
        "hmws": _column(hmws, ("hmw",)),
        "ideas": _column(_answered_by(hmws, ideas), ("idea",)),
        "tests": [card_to_dict(test) for test in sorted(test_cards, key=lambda c: (c.created_at, c.id), reverse=True)],
        "decisions": _decisions(project.id, card.id),
    }, project, role, actor)


def _linked(project_id: int, link_type: str, from_ids: list[int] | None = None, to_ids: list[int] | None = None,
            end: str = "to") -> dict[int, list[int]]:
    """Cards at the `end` of live links of a type from (or to) the given cards: {card id: [ids it joins]}."""
    if (from_ids is not None and not from_ids) or (to_ids is not None and not to_ids):
        return {}
    source, target = Card.__table__.alias("source"), Card.__table__.alias("target")
    query = (select(CardLink.from_card_id, CardLink.to_card_id)
             .join(source, source.c.id == CardLink.from_card_id).join(target, target.c.id == CardLink.to_card_id)
             .where(CardLink.project_id == project_id, CardLink.type == link_type,
                    source.c.deleted_at.is_(None), target.c.deleted_at.is_(None)).order_by(CardLink.id))
    if from_ids is not None:
        query = query.where(CardLink.from_card_id.in_(from_ids))
    if to_ids is not None:
        query = query.where(CardLink.to_card_id.in_(to_ids))
    found: dict[int, list[int]] = {}
    for from_id, to_id in db.session.execute(query):
        here, there = (to_id, from_id) if end == "to" else (from_id, to_id)
        found.setdefault(here, []).append(there)
    return found


def _answered_by(hmws: dict[int, list[int]], ideas: dict[int, list[int]]) -> dict[int, list[int]]:
    """Each idea of the chain with the HMW questions it answers (none yet: an empty list)."""
    answers: dict[int, list[int]] = {idea: [] for idea in ideas}
    for hmw, idea_ids in hmws.items():
        for idea in idea_ids:
            answers.setdefault(idea, []).append(hmw)
    return answers


def _cards(ids: list[int]) -> list[Card]:
    query = select(Card).where(Card.id.in_(ids)).options(selectinload(Card.prototype_details),
                                                          selectinload(Card.test_details))
    return list(db.session.scalars(query)) if ids else []


def _column(joins: dict[int, list[int]], kinds: tuple[str, ...]) -> list[dict]:
    """The cards of one column, in board order, each with the ids of the cards it joins further down the chain."""
    cards = sorted(_cards(list(joins)), key=lambda card: (card.stage, card.position))
    return [{**card_to_dict(card), "joins": joins[card.id]} for card in cards if card.kind in kinds]


def _decisions(project_id: int, prototype_id: int) -> list[dict]:
    """The prototype's decisions, newest first; all but the newest are superseded."""
    rows = db.session.scalars(select(Decision).where(Decision.project_id == project_id,
                                                     Decision.prototype_id == prototype_id)
                              .order_by(Decision.id.desc())).all()
    cited = {row.test_card_id for decision in rows for row in decision.evidence}
    tests = {card.id: card for card in _cards(list(cited))}
    decisions = []
    for index, decision in enumerate(rows):
        evidence = []
        for row in decision.evidence:
            test = tests.get(row.test_card_id)
            if test is not None:
                details = test.test_details
                evidence.append({"id": test.id, "title": test.title, "deleted": test.deleted_at is not None,
                                 "verdict": details.verdict if details else None})
        decisions.append({"id": decision.id, "decision": decision.decision, "rationale": decision.rationale,
                          "evidence": evidence, "decided_by": decision.decided_by,
                          "decided_by_name": decision.decider.name if decision.decider else None,
                          "created_at": decision.created_at, "superseded": index > 0,
                          "superseded_by": rows[index - 1].id if index > 0 else None})
    return decisions


def chain_json(chain: dict) -> dict:
    """The chain as JSON-ready data for the API (dates as ISO strings, no ORM objects)."""
    decisions = [{**decision, "created_at": iso(decision["created_at"])} for decision in chain["decisions"]]
    return {"project": project_to_dict(chain["project"], chain["role"]), "prototype": chain["prototype"],
            "framers": chain["framers"], "hmws": chain["hmws"], "ideas": chain["ideas"], "tests": chain["tests"],
            "decisions": decisions, "can_decide": chain["can_decide"]}


def prototypes_of(actor, project_id: object) -> list[dict]:
    """The project's live prototype cards in board order (the list of chains)."""
    project, role = load_project(actor, project_id, "view")
    return for_viewer([card_to_dict(card) for card in db.session.scalars(
        select(Card).where(Card.project_id == project.id, Card.kind == "prototype", Card.deleted_at.is_(None))
        .order_by(Card.position))], project, role, actor)
