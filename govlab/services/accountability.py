"""What became of citizens' contributions: their public status, read from the evidence chain, and the mails.

A promoted (or merged-into) card leads to prototypes: an idea is embodied by prototypes; an
experience (insight, pain point …) frames an HMW that ideas answer. The furthest prototype, its
tests and its latest decision give the status (domain.citizens.public_status). When a change on
the board moves a contribution to a new status, the contributor who left an e-mail gets a mail.
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from ..domain import citizens
from ..extensions import db
from ..models import Card, CardLink, Contribution, Decision, Project, TestDetails
from .outbox import enqueue, external_url
from .unit_of_work import UnitOfWork, subscribe, write_transaction

log = logging.getLogger(__name__)
# Board Events that can move a contribution along its chain.
CHAIN_EVENTS = {"link.create", "link.delete", "gate.decide", "test.update", "card.delete", "card.restore",
                "card.move", "card.create"}


def _targets(project_id: int, link_type: str, ids: set[int], from_end: bool) -> set[int]:
    """Live cards linked to `ids` with a link of the type: the `from` ends (from_end) or the `to` ends."""
    if not ids:
        return set()
    here, there = (CardLink.to_card_id, CardLink.from_card_id) if from_end else (CardLink.from_card_id,
                                                                                   CardLink.to_card_id)
    return set(db.session.scalars(select(there).join(Card, Card.id == there).where(
        CardLink.project_id == project_id, CardLink.type == link_type, here.in_(ids), Card.deleted_at.is_(None))))


def chain_facts(project_id: int, card_id: int | None) -> dict | None:
    """{prototype, prototype_id, tested, decision, rationale} of the furthest prototype a card leads to, or None."""
    if card_id is None:
        return None
    card = db.session.get(Card, card_id)
    if card is None or card.deleted_at is not None:
        return None
    if card.kind == "prototype":
        prototypes = {card.id}
    else:
        ideas = {card.id} if card.kind == "idea" else set()
        if not ideas:
            hmws = {card.id} if card.kind == "hmw" else _targets(project_id, "frames", {card.id}, from_end=False)
            ideas = _targets(project_id, "answers", hmws, from_end=True)
        prototypes = _targets(project_id, "embodies", ideas, from_end=True)
    if not prototypes:
        return None
    decisions = {row.prototype_id: row for row in db.session.scalars(
        select(Decision).where(Decision.prototype_id.in_(prototypes)).order_by(Decision.created_at, Decision.id))}
    tested = set(db.session.scalars(select(CardLink.to_card_id).join(TestDetails, TestDetails.card_id ==
                                                                     CardLink.from_card_id).where(
        CardLink.type == "tests", CardLink.to_card_id.in_(prototypes), TestDetails.verdict.is_not(None))))
    titles = dict(db.session.execute(select(Card.id, Card.title).where(Card.id.in_(prototypes))).all())

    def rank(prototype_id: int) -> tuple:
        decision = decisions.get(prototype_id)
        return (decision is not None and decision.decision in ("scale", "drop"), prototype_id in tested,
                decision is not None, prototype_id)

    best = max(prototypes, key=rank)
    decision = decisions.get(best)
    return {"prototype": titles.get(best), "prototype_id": best, "tested": best in tested,
            "decision": decision.decision if decision else None, "rationale": decision.rationale if decision else ""}


def status_of(contribution: Contribution) -> tuple[str, dict | None]:
    """(public status, chain facts) of a contribution; merged ones follow what they were merged into."""
    card_id = contribution.card_id
    state = contribution.state
    if state == "merged" and contribution.merged_into_id is not None:
        target = db.session.get(Contribution, contribution.merged_into_id)
        if target is not None:
            card_id, state = target.card_id, target.state
    elif state == "merged" and card_id is not None:
        state = "published"
    facts = chain_facts(contribution.project_id, card_id)
    return citizens.public_status(state, contribution.status_override, facts), facts


def reason_of(contribution: Contribution, facts: dict | None) -> str:
    """The facilitators' reason shown with the status: their own word, else the decision's rationale."""
    if contribution.status_override:
        return contribution.status_reason
    if contribution.state == "rejected":
        return contribution.reject_note
    return (facts or {}).get("rationale") or ""


def refresh_status(unit: UnitOfWork, project: Project, contribution: Contribution, actor_id: int | None) -> bool:
    """Inside a write transaction: store a changed status, record it, and mail the contributor. True if changed."""
    status, facts = status_of(contribution)
    if status == contribution.status:
        return False
    from .contributions import public_dict, status_link  # (contributions imports this module's callers)

    contribution.status = status
    unit.record(project, actor_id, "contribution.status", {"contribution": public_dict(contribution)})
    if contribution.email and contribution.erased_at is None:

        enqueue(unit, contribution.email, "contribution_status", contribution.locale,
                project_title=project.title, status=status, prototype=(facts or {}).get("prototype"),
                reason=reason_of(contribution, facts), link=status_link(contribution),
                status_labels=citizens.STATUS_LABELS,
                privacy=external_url("citizens.privacy"))
    return True


def follow_board(project_id: int, events: list[dict]) -> None:
    """After a board change commits: move the project's contributions whose status changed (best effort)."""
    if not any(event.get("type") in CHAIN_EVENTS for event in events):
        return
    ids = list(db.session.scalars(select(Contribution.id).where(
        Contribution.project_id == project_id, Contribution.state.in_(("published", "merged")),
        Contribution.erased_at.is_(None))))
    if not ids:
        return
    try:
        with write_transaction() as unit:
            project = db.session.get(Project, project_id)
            for contribution in db.session.scalars(select(Contribution).where(Contribution.id.in_(ids))):
                refresh_status(unit, project, contribution, None)
    except Exception:  # the board's change is committed; a status catches up with the next change
        log.exception("contribution statuses of project %s not refreshed", project_id)


def init_app(app) -> None:
    """Follow committed board Events of this app (called by create_app through the web layer)."""
    with app.app_context():
        subscribe(follow_board)
