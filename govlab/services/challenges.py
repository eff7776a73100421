"""Public challenge pages: their address and open calls (facilitators' op), published learnings, and the page."""
from __future__ import annotations

from datetime import date

from sqlalchemy import select

from ..domain import citizens
from ..domain.citizen_schemas import CardPublish, ChallengeUpdate
from ..domain.errors import N_, Conflict, NotFound, ValidationError
from ..extensions import db
from ..models import Card, ChallengePage, Contribution, Project, PublishedCard
from ..models.base import utcnow
from .access import actor_id, load_card, load_project, parse_id
from .affiliations import verified_owners
from .prototype_facts import local_today
from .registry import op
from .serialize import card_to_dict, project_to_dict
from .unit_of_work import write_transaction

DATE_FIELDS = ("experience_opens_on", "experience_closes_on", "idea_opens_on", "idea_closes_on")


def public_project(ref: object, lock: bool = False) -> Project:
    """A public project by id or page address (slug). Raises NotFound for anything else (private ones too)."""
    project = None
    if isinstance(ref, int) or (isinstance(ref, str) and ref.isascii() and ref.isdigit()):
        try:
            project_id = parse_id(ref)
        except ValidationError:
            raise NotFound(N_("No such challenge.")) from None
    elif isinstance(ref, str) and len(ref) <= 60:
        project_id = db.session.scalar(select(ChallengePage.project_id).where(ChallengePage.slug == ref))
    else:
        project_id = None
    if project_id is not None:
        project = db.session.get(Project, project_id, populate_existing=lock)
    if project is None or project.visibility != "public":
        raise NotFound(N_("No such challenge."))
    return project


def page_of(project_id: int) -> ChallengePage | None:
    """The project's page settings, if any were saved."""
    return db.session.get(ChallengePage, project_id)


def call_states(project: Project, today: date | None = None) -> dict[str, dict]:
    """Each call's dates and whether it is open now (never in an archived project)."""
    page = page_of(project.id)
    today = today or local_today()
    states = {}
    for kind in citizens.CALL_KINDS:
        opens = getattr(page, f"{kind}_opens_on", None) if page else None
        closes = getattr(page, f"{kind}_closes_on", None) if page else None
        states[kind] = {"kind": kind, "opens_on": opens, "closes_on": closes, "label": citizens.CALL_LABELS[kind],
                        "open": project.status == "active" and citizens.call_is_open(opens, closes, today)}
    return states


def page_dict(page: ChallengePage | None) -> dict:
    """The page settings as Events and forms see them."""
    return {"slug": page.slug if page else None,
            **{name: (getattr(page, name).isoformat() if page and getattr(page, name) else None)
               for name in DATE_FIELDS}}


@op("challenge.update", ChallengeUpdate, events=("challenge.update",), result="project")
def update_page(actor, project_id: object, data: dict) -> Project:
    """Set the public page's address and the open calls' dates (facilitators).

    Raises ValidationError (dates in the wrong order, a bad address), Conflict (address taken), NotFound,
    NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        page = page_of(project.id) or ChallengePage(project_id=project.id)
        if "slug" in data and data["slug"] is not None and data["slug"] != page.slug:
            taken = db.session.scalar(select(ChallengePage.project_id).where(ChallengePage.slug == data["slug"]))
            if taken is not None:
                raise Conflict(N_("This address is taken by another challenge."), field="slug")
        if "slug" in data:
            page.slug = data["slug"]
        for name in DATE_FIELDS:
            if name in data:
                setattr(page, name, date.fromisoformat(data[name]) if data[name] else None)
        for kind in citizens.CALL_KINDS:
            citizens.check_call_dates(getattr(page, f"{kind}_opens_on"), getattr(page, f"{kind}_closes_on"))
        page.updated_at = utcnow()
        db.session.add(page)
        db.session.flush()
        unit.record(project, actor_id(actor), "challenge.update",
                    {"project": project_to_dict(project), "challenge": page_dict(page), "fields": sorted(data)})
    return project


@op("card.publish", CardPublish, events=("card.publish",))
def publish_card(actor, project_id: int | None, data: dict) -> Card:
    """Show a card on the public page as something the lab has learned, or stop showing it (facilitators)."""
    with write_transaction() as unit:
        card, project, _role = load_card(actor, data["id"], need="manage", in_project=project_id)
        row = db.session.get(PublishedCard, card.id)
        if data["published"] and row is None:
            db.session.add(PublishedCard(card_id=card.id, project_id=project.id, published_by=actor_id(actor)))
        elif not data["published"] and row is not None:
            db.session.delete(row)
        db.session.flush()
        unit.record(project, actor_id(actor), "card.publish", {"card": card_to_dict(card),
                                                               "published": data["published"]})
    return card


def published_card_ids(project_id: int) -> set[int]:
    """Ids of the project's cards shown on its public page."""
    return set(db.session.scalars(select(PublishedCard.card_id).where(PublishedCard.project_id == project_id)))


def learnings(project_id: int) -> list[Card]:
    """The live published cards of a project, in board order (stage, then position)."""
    order = {key: index for index, key in enumerate(("empathize", "ideate", "prototype", "test"))}
    cards = list(db.session.scalars(select(Card).join(PublishedCard, PublishedCard.card_id == Card.id).where(
        PublishedCard.project_id == project_id, Card.deleted_at.is_(None))))
    return sorted(cards, key=lambda card: (order.get(card.stage, 9), card.position))


def settings(actor, project_id: object) -> dict:
    """What the page settings screen shows: the page, the calls, and the cards that may be published."""
    project, role = load_project(actor, project_id, "manage")
    cards = list(db.session.scalars(select(Card).where(Card.project_id == project.id, Card.deleted_at.is_(None))
                                    .order_by(Card.stage, Card.position)))
    return {"project": project, "role": role, "page": page_dict(page_of(project.id)),
            "calls": call_states(project), "cards": cards, "published": published_card_ids(project.id)}


def public_page(ref: object, sort: str = "support") -> dict:
    """Everything the public page shows; no personal data of anyone. Raises NotFound."""
    from .accountability import reason_of, status_of

    project = public_project(ref)
    owner = project.organisation if project.id in verified_owners([project]) else None
    query = select(Contribution).where(Contribution.project_id == project.id, Contribution.state == "published",
                                       Contribution.hidden.is_(False))
    query = query.order_by(Contribution.created_at.desc(), Contribution.id.desc()) if sort == "newest" else \
        query.order_by(Contribution.support_count.desc(), Contribution.created_at.desc(), Contribution.id.desc())
    ideas = []
    outcomes = []
    for contribution in db.session.scalars(query.limit(200)):
        status, facts = status_of(contribution)
        row = {"id": contribution.id, "kind": contribution.kind, "text": contribution.text,
               "support_count": contribution.support_count, "status": status,
               "prototype": (facts or {}).get("prototype"), "reason": reason_of(contribution, facts),
               "created_at": contribution.created_at}
        ideas.append(row)
        if status not in ("received", "published"):
            outcomes.append(row)
    page = page_of(project.id)
    return {"project": project, "owner": owner, "slug": page.slug if page else None,
            "calls": call_states(project), "learnings": learnings(project.id), "ideas": ideas,
            "outcomes": outcomes, "sort": sort}
