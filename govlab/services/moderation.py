"""The facilitators' moderation of citizens' contributions: every act an op of the registry, and the queue.

Promoting a contribution creates its board card through the card.create op (so the card appears live
on the board with its own Event) in the same transaction as the contribution's change.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import delete, select

from ..domain import board, citizens
from ..domain.citizen_schemas import ContributionDecide, ContributionMerge, ContributionReject, ContributionRef
from ..domain.errors import N_, NotFound, ValidationError
from ..extensions import db
from ..models import Card, Contribution, ContributionFlag, ContributionSupport, Project
from ..models.base import utcnow
from .access import actor_id, load_project
from .accountability import refresh_status, status_of
from .cards import create_card
from .contributions import public_dict
from .registry import op
from .unit_of_work import Batch, UnitOfWork, begin_write, current_batch, last_committed, publish


@contextmanager
def joint_transaction() -> Iterator[UnitOfWork]:
    """One transaction in which other ops' service functions join (they see a batch), committed and published once."""
    outer = current_batch.get()
    if outer is not None:
        yield outer.unit
        return
    session = begin_write()
    batch = Batch()
    token = current_batch.set(batch)
    try:
        yield batch.unit
        published = batch.unit.write(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        current_batch.reset(token)
    batch.unit.committed()
    last_committed.set(batch.unit.events[-1] if batch.unit.events else None)
    publish(published)


def _load(actor, project_id: int | None, contribution_id: int) -> tuple[Contribution, Project]:
    """A contribution of a project the actor manages (its row locked first). Raises NotFound or PermissionDenied."""
    contribution = db.session.get(Contribution, contribution_id)
    if contribution is None or (project_id is not None and contribution.project_id != project_id) \
            or contribution.erased_at is not None:
        raise NotFound(N_("No such contribution."))
    project, _role = load_project(actor, contribution.project_id, "manage", lock=True)
    db.session.refresh(contribution)
    return contribution, project


def _publish(contribution: Contribution) -> None:
    """Publish (or re-publish after a review): visible, flags cleared."""
    contribution.state = "published"
    contribution.hidden = False
    contribution.flag_count = 0
    contribution.published_at = contribution.published_at or utcnow()
    db.session.execute(delete(ContributionFlag).where(ContributionFlag.contribution_id == contribution.id))


def _finish(unit: UnitOfWork, project: Project, contribution: Contribution, actor, event: str, **extra) -> None:
    contribution.updated_at = utcnow()
    db.session.flush()
    unit.record(project, actor_id(actor), event, {"contribution": public_dict(contribution), **extra})
    refresh_status(unit, project, contribution, actor_id(actor))


@op("contribution.approve", ContributionRef, events=("contribution.approve", "contribution.status"),
    result="contribution")
def approve(actor, project_id: int | None, data: dict) -> Contribution:
    """Publish a contribution on the public page, or keep it there after community flags were reviewed."""
    with joint_transaction() as unit:
        contribution, project = _load(actor, project_id, data["id"])
        if contribution.state not in ("pending", "published"):
            raise ValidationError(N_("Only new or published contributions can be approved."), field="id")
        _publish(contribution)
        _finish(unit, project, contribution, actor, "contribution.approve")
    return contribution


@op("contribution.promote", ContributionRef,
    events=("card.create", "lane.respace", "contribution.promote", "contribution.status"), result="contribution")
def promote(actor, project_id: int | None, data: dict) -> Contribution:
    """Publish a contribution and put it on the board as a card (Empathize or Ideate) linked to it."""
    with joint_transaction() as unit:
        contribution, project = _load(actor, project_id, data["id"])
        if contribution.state not in ("pending", "published") or contribution.card_id is not None:
            raise ValidationError(N_("This contribution is already on the board or was not accepted."), field="id")
        stage, kind = citizens.CALL_TARGET[contribution.kind]
        first_line = contribution.text.strip().splitlines()[0]
        title = first_line if len(first_line) <= board.TITLE_MAX else first_line[:board.TITLE_MAX - 1] + "…"
        card = create_card(actor, project.id, {"stage": stage, "kind": kind, "title": title,
                                               "body": contribution.text[:board.BODY_MAX], "color": "blue"})
        _publish(contribution)
        contribution.card_id = card.id
        _finish(unit, project, contribution, actor, "contribution.promote")
    return contribution


@op("contribution.merge", ContributionMerge, events=("contribution.merge", "contribution.status"),
    result="contribution")
def merge(actor, project_id: int | None, data: dict) -> Contribution:
    """Join a contribution with a card or another contribution; its supporters move over to the other."""
    with joint_transaction() as unit:
        contribution, project = _load(actor, project_id, data["id"])
        if data.get("into_card") is not None:
            card = db.session.get(Card, data["into_card"])
            if card is None or card.project_id != project.id or card.deleted_at is not None:
                raise NotFound(N_("No such card."), field="into_card")
            contribution.card_id, contribution.merged_into_id = card.id, None
        else:
            target = db.session.get(Contribution, data["into_contribution"])
            if target is None or target.project_id != project.id or target.id == contribution.id \
                    or target.state != "published" or target.erased_at is not None:
                raise NotFound(N_("No such published contribution."), field="into_contribution")
            _move_supporters(contribution, target)
            contribution.merged_into_id = target.id
        contribution.state = "merged"
        _finish(unit, project, contribution, actor, "contribution.merge",
                into={"card": data.get("into_card"), "contribution": data.get("into_contribution")})
    return contribution


def _move_supporters(source: Contribution, target: Contribution) -> None:
    """Supports of `source` move to `target`, except from those who already support it; counts follow."""
    have = set(db.session.scalars(select(ContributionSupport.supporter_key).where(
        ContributionSupport.contribution_id == target.id)))
    for row in list(db.session.scalars(select(ContributionSupport).where(
            ContributionSupport.contribution_id == source.id))):
        if row.supporter_key in have:
            db.session.delete(row)
        else:
            row.contribution_id = target.id
            have.add(row.supporter_key)
    db.session.flush()
    target.support_count = len(have)
    source.support_count = 0


@op("contribution.reject", ContributionReject, events=("contribution.reject", "contribution.status"),
    result="contribution")
def reject(actor, project_id: int | None, data: dict) -> Contribution:
    """Do not publish a contribution (or take it down): a reason from the list and a note for the contributor."""
    with joint_transaction() as unit:
        contribution, project = _load(actor, project_id, data["id"])
        contribution.state = "rejected"
        contribution.reject_reason, contribution.reject_note = data["reason"], data.get("note") or ""
        _finish(unit, project, contribution, actor, "contribution.reject", reason=data["reason"])
    return contribution


@op("contribution.decide", ContributionDecide, events=("contribution.decide", "contribution.status"),
    result="contribution")
def decide(actor, project_id: int | None, data: dict) -> Contribution:
    """Say what finally became of a published contribution (adopted or not, and why); null withdraws it."""
    with joint_transaction() as unit:
        contribution, project = _load(actor, project_id, data["id"])
        if contribution.state not in ("published", "merged"):
            raise ValidationError(N_("Only published contributions have an outcome."), field="id")
        contribution.status_override = data["status"]
        contribution.status_reason = data.get("reason") or ""
        _finish(unit, project, contribution, actor, "contribution.decide")
    return contribution


def queue(actor, project_id: object, show: str = "review") -> dict:
    """The moderation queue: new and flagged contributions (review), or all. Raises NotFound or PermissionDenied."""
    project, role = load_project(actor, project_id, "manage")
    query = select(Contribution).where(Contribution.project_id == project.id, Contribution.erased_at.is_(None))
    if show == "review":
        query = query.where((Contribution.state == "pending") | Contribution.hidden.is_(True))
    rows = []
    for contribution in db.session.scalars(query.order_by(Contribution.created_at.desc()).limit(500)):
        status, facts = status_of(contribution)
        rows.append({"contribution": contribution, "status": status, "prototype": (facts or {}).get("prototype")})
    cards = list(db.session.scalars(select(Card).where(Card.project_id == project.id, Card.deleted_at.is_(None),
                                                       Card.stage.in_(("empathize", "ideate"))).order_by(Card.stage,
                                                                                                         Card.position)))
    published = [row["contribution"] for row in rows if row["contribution"].state == "published"] if show != "review" \
        else list(db.session.scalars(select(Contribution).where(Contribution.project_id == project.id,
                                                                Contribution.state == "published",
                                                                Contribution.erased_at.is_(None)).limit(500)))
    return {"project": project, "role": role, "rows": rows, "show": show, "cards": cards, "published": published}
