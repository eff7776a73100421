"""The activity timeline of a project: its Event log as entries to tell in sentences (read-only)."""
from __future__ import annotations

from sqlalchemy import or_, select

from ..domain import reports
from ..domain import timeline as rules
from ..extensions import db
from ..models import Card, Event, Membership, Organisation, User
from ..domain.anonymity import scrub
from .access import load_project
from .anonymity import hides_authors
from .serialize import iso, organisation_to_dict

CHUNK = 250  # events read per step while filling a filtered page
AFTER_MAX = 200  # newer events sent at once to a live page; past that it reloads


def timeline(actor, project_id: object, filters: dict) -> dict:
    """A page of the timeline, newest first: {project, role, entries, next_before, seq, reload, anonymous}.

    In anonymous mode a participant's page names no one but themselves and ignores the person,
    organisation and sector filters (`anonymous` is then true).
    `filters` comes from domain.timeline.clean_filters. With `after`, the entries newer than that seq
    (for a live page); otherwise a page older than `before` (or the newest page). Raises NotFound or
    ValidationError.
    """
    project, role = load_project(actor, project_id, "view")
    hidden = hides_authors(project, role)
    if hidden:  # filtering by person, organisation or sector would tell who did what
        filters = {**filters, "person": None, "organisation": None, "sector": None}
    query = _filtered(select(Event).where(Event.project_id == project.id,
                                          Event.type.not_in(rules.SKIPPED_TYPES)), filters)
    reload, next_before = False, None
    if filters.get("after") is not None:
        rows = list(db.session.scalars(query.where(Event.seq > filters["after"]).order_by(Event.seq.desc())
                                       .limit(AFTER_MAX + 1)))
        reload = len(rows) > AFTER_MAX
        events = rows[:AFTER_MAX]
        cards = _cards_of(events)
        events = [event for event in events if _in_stage(event, filters["stage"], cards)]
    else:
        events, next_before, cards = _page(query, filters)
    entries = [_entry(event) for event in events]
    if hidden:  # scrubbed before runs are merged: a run must not tell that one person did it all
        entries = scrub(entries, getattr(actor, "id", None))
    entries = rules.collapse_runs(entries)
    titles = {card_id: card["title"] for card_id, card in cards.items()}
    for entry in entries:
        entry["sentence"] = rules.sentence(entry["type"], entry["payload"], titles, entry["count"])
        entry["card_deleted"] = any(cards.get(card_id, {}).get("deleted") for card_id in entry["card_ids"])
    return {"project": project, "role": role, "entries": entries, "next_before": next_before,
            "seq": project.last_seq, "reload": reload, "anonymous": hidden}


def _page(query, filters: dict) -> tuple[list[Event], int | None, dict]:
    """Read older events in chunks until a page is full or SCAN_MAX were read; where to continue."""
    before = filters.get("before")
    found: list[Event] = []
    cards: dict[int, dict] = {}
    scanned = 0
    cursor = before
    while len(found) < rules.PAGE_SIZE and scanned < rules.SCAN_MAX:
        step = query if cursor is None else query.where(Event.seq < cursor)
        rows = list(db.session.scalars(step.order_by(Event.seq.desc()).limit(CHUNK)))
        if not rows:
            return found, None, cards
        cards.update(_cards_of(rows))
        for event in rows:
            scanned += 1
            cursor = event.seq
            if _in_stage(event, filters.get("stage"), cards):
                found.append(event)
                if len(found) == rules.PAGE_SIZE:
                    break
        if len(rows) < CHUNK and len(found) < rules.PAGE_SIZE:
            return found, None, cards
    more = db.session.scalar(query.where(Event.seq < cursor).limit(1).with_only_columns(Event.seq))
    return found, cursor if more is not None else None, cards


def _filtered(query, filters: dict):
    """Apply the person, organisation, sector and type filters in SQL."""
    if filters.get("type"):
        query = query.where(Event.type.in_(rules.TYPE_FILTERS[filters["type"]]))
    if filters.get("person"):
        query = query.where(Event.actor_id == filters["person"])
    if filters.get("organisation") or filters.get("sector"):
        query = query.outerjoin(User, User.id == Event.actor_id).outerjoin(Organisation,
                                                                             Organisation.id == User.org_id)
        if filters.get("organisation"):
            query = query.where(User.org_id == filters["organisation"])
        sector = filters.get("sector")
        if sector == "none":
            query = query.where(Organisation.id.is_(None))
        elif sector and sector.startswith("government_"):
            query = query.where(Organisation.sector == "government",
                                Organisation.level == sector.removeprefix("government_"))
        elif sector:
            query = query.where(Organisation.sector == sector)
    return query


def _in_stage(event: Event, stage: str | None, cards: dict[int, dict]) -> bool:
    """Without a stage filter, everything; with one, events about a card of that stage (a link: either end)."""
    if stage is None:
        return True
    payload = event.payload or {}
    if event.type.startswith("link."):
        return any(cards.get(card_id, {}).get("stage") == stage for card_id in rules.card_ids_of(event.type, payload))
    card = payload.get("card")
    return isinstance(card, dict) and card.get("stage") == stage


def _cards_of(events: list[Event]) -> dict[int, dict]:
    """The current title, stage and deletion of every card the events name (one query)."""
    ids = {card_id for event in events for card_id in rules.card_ids_of(event.type, event.payload or {})}
    if not ids:
        return {}
    rows = db.session.execute(select(Card.id, Card.title, Card.stage, Card.deleted_at).where(Card.id.in_(ids)))
    return {row.id: {"title": row.title, "stage": row.stage, "deleted": row.deleted_at is not None} for row in rows}


def _entry(event: Event) -> dict:
    payload = event.payload or {}
    card_ids = rules.card_ids_of(event.type, payload)
    actor = event.actor
    decision = payload.get("decision") if event.type == "gate.decide" else None
    return {"seq": event.seq, "type": event.type, "created_at": event.created_at, "payload": payload,
            # An imported event keeps the name of its actor from the source database as a label.
            "actor_id": event.actor_id, "actor_name": actor.name if actor else event.actor_label,
            "actor_organisation": organisation_to_dict(actor.organisation) if actor else None,
            "card_id": card_ids[0] if card_ids and not event.type.startswith("link.") else None,
            "card_ids": card_ids, "rationale": decision.get("rationale") if isinstance(decision, dict) else None}


def people_and_organisations(project_id: int) -> tuple[list[User], list[Organisation]]:
    """Who may be chosen in the filters: members and everyone who acted on the project, and their organisations."""
    actors = select(Event.actor_id).where(Event.project_id == project_id, Event.actor_id.is_not(None)).distinct()
    members = select(Membership.user_id).where(Membership.project_id == project_id)
    people = list(db.session.scalars(select(User).where(or_(User.id.in_(actors), User.id.in_(members)))))
    people.sort(key=lambda user: reports.text_sort_key(user.name))
    organisations = {user.organisation.id: user.organisation for user in people if user.organisation}
    return people, sorted(organisations.values(), key=lambda org: reports.text_sort_key(org.name_en))


def entry_json(entry: dict, text: str) -> dict:
    """A timeline entry as JSON for the API, with its sentence already told in the caller's language."""
    return {"seq": entry["seq"], "first_seq": entry["first_seq"], "count": entry["count"], "type": entry["type"],
            "created_at": iso(entry["created_at"]), "actor_id": entry["actor_id"], "actor_name": entry["actor_name"],
            "actor_organisation": entry["actor_organisation"], "card_ids": entry["card_ids"],
            "card_deleted": entry["card_deleted"], "text": text, "rationale": entry["rationale"]}

