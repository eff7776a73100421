"""Typed links between cards of one project: the evidence chain's joints."""
from __future__ import annotations

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from ..domain import evidence, schemas
from ..domain.errors import N_, Conflict, DomainError, NotFound, ValidationError
from ..extensions import db
from ..models import Card, CardLink, Project
from .access import actor_id, load_project, parse_id
from .anonymity import for_viewer
from .registry import op
from .serialize import link_to_dict
from .unit_of_work import write_transaction


@op("link.create", schemas.LinkCreate, events=("link.create",), result="link")
def create_link(actor, project_id: object, data: dict) -> CardLink:
    """Link two live cards of the project with a type their kinds allow (members and facilitators).

    Raises ValidationError (kinds, itself, another project), Conflict (already linked), NotFound,
    NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "edit", lock=True)
        source = _card_to_link(actor, project, data["from_"], "from")
        target = _card_to_link(actor, project, data["to"], "to")
        evidence.check_link(data["type"], _facts(source), _facts(target))
        wanted = (source.id, target.id, data["type"])
        pairs = [(source.id, target.id)] + ([(target.id, source.id)] if data["type"] == "relates" else [])
        clash = db.session.scalar(select(CardLink.id).where(CardLink.type == data["type"], or_(*(
            and_(CardLink.from_card_id == a, CardLink.to_card_id == b) for a, b in pairs))).limit(1))
        if clash is not None:
            raise Conflict(N_("These two cards are already linked this way."), field="to")
        for card in (source, target):
            if _link_count(card.id) >= evidence.LINKS_PER_CARD_MAX:
                raise ValidationError(N_("A card can have at most %(max)d links."), field="to",
                                      max=evidence.LINKS_PER_CARD_MAX)
        link = CardLink(project_id=project.id, from_card_id=wanted[0], to_card_id=wanted[1], type=wanted[2],
                        created_by=actor_id(actor))
        db.session.add(link)
        db.session.flush()
        unit.record(project, actor_id(actor), "link.create", {"link": link_to_dict(link)})
    return link


@op("link.delete", schemas.LinkRef, events=("link.delete",), result="link")
def delete_link(actor, project_id: int | None, data: dict) -> dict:
    """Remove a link (members and facilitators); the Event keeps what it joined.

    Raises NotFound (also for a link hidden with a deleted card), NotAuthenticated or PermissionDenied.
    """
    link_id = parse_id(data["id"], "id")
    with write_transaction() as unit:
        link = db.session.get(CardLink, link_id)
        if link is None or (project_id is not None and link.project_id != project_id):
            raise NotFound(N_("No such link."))
        try:
            project, _role = load_project(actor, link.project_id, "edit", lock=True)
        except NotFound:
            raise NotFound(N_("No such link.")) from None
        if _hidden(link):
            raise NotFound(N_("No such link."))
        gone = link_to_dict(link)
        db.session.delete(link)
        db.session.flush()
        unit.record(project, actor_id(actor), "link.delete", {"link": gone})
    return gone


def list_links(actor, project_id: object, include_hidden: bool = False) -> list[dict]:
    """The project's links whose two cards are live (facilitators may ask for the hidden ones too)."""
    project, role = load_project(actor, project_id, "view")
    query = select(CardLink).where(CardLink.project_id == project.id).order_by(CardLink.id)
    if not (include_hidden and role == "facilitator"):
        query = _only_visible(query)
    return for_viewer([link_to_dict(link) for link in db.session.scalars(query)], project, role, actor)


def links_of_card(card_id: int) -> list[dict]:
    """The visible links that touch one card (sent with a restored card so clients show them again)."""
    query = _only_visible(select(CardLink).where(or_(CardLink.from_card_id == card_id,
                                                     CardLink.to_card_id == card_id)).order_by(CardLink.id))
    return [link_to_dict(link) for link in db.session.scalars(query)]


def _only_visible(query):
    """Keep the links whose two cards are not deleted: deleting a card hides its links."""
    source, target = aliased(Card), aliased(Card)
    return (query.join(source, source.id == CardLink.from_card_id).join(target, target.id == CardLink.to_card_id)
            .where(source.deleted_at.is_(None), target.deleted_at.is_(None)))


def _hidden(link: CardLink) -> bool:
    """Is one of the link's cards deleted?"""
    deleted = db.session.scalars(select(Card.deleted_at).where(Card.id.in_((link.from_card_id, link.to_card_id))))
    return any(moment is not None for moment in deleted)


def _link_count(card_id: int) -> int:
    return db.session.scalar(select(func.count(CardLink.id)).where(
        or_(CardLink.from_card_id == card_id, CardLink.to_card_id == card_id))) or 0


def _card_to_link(actor, project: Project, card_id: int, field: str) -> Card:
    """A live card of this project; a card of another project the actor can see is named as such."""
    card = db.session.get(Card, card_id)
    if card is None:
        raise NotFound(N_("No such card."), field=field)
    if card.project_id != project.id:
        try:
            load_project(actor, card.project_id, "view")
        except DomainError:
            raise NotFound(N_("No such card."), field=field) from None  # ids of hidden projects reveal nothing
        raise ValidationError(N_("Only cards of the same project can be linked."), field=field)
    if card.deleted_at is not None:
        raise NotFound(N_("This card has been deleted."), field=field)
    return card


def _facts(card: Card) -> dict:
    return {"id": card.id, "project_id": card.project_id, "kind": card.kind}
