"""Open export and import of a whole project (format govlab.project.v2, see docs/protocol.md).

Export → import → export gives the same file apart from ids and times: the import keeps positions,
versions, structured fields, links, decisions, themes and the Event log (ids inside payloads rewritten), and
keeps the names of people whose accounts live in the source GovLab as labels.
"""
from __future__ import annotations

from datetime import date

import orjson
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..domain import transfer
from ..domain.errors import N_, NotAuthenticated, ValidationError
from ..domain.text_rules import nesting_depth_exceeds
from ..domain.transfer_ids import IdMaps, remap_payload
from ..extensions import db
from ..models import (Card, CardLink, Decision, DecisionEvidence, Event, Membership, Organisation, Project,
                      PrototypeDetails, TestDetails, Theme)
from ..models.base import utcnow
from .access import SYSTEM, actor_id, is_site_admin, load_project, signed_in
from .anonymity import for_viewer
from .card_index import touch as touch_index
from .cards import board_snapshot
from .serialize import decision_to_dict, event_to_dict, iso, organisation_to_dict, project_to_dict
from .unit_of_work import write_transaction


def export_project(actor, project_id: object) -> dict:
    """The whole project as open data (viewers; deleted cards, hidden links and their decisions for
    facilitators). Never an e-mail address. Raises NotFound, NotAuthenticated or PermissionDenied."""
    snapshot = board_snapshot(actor, project_id, include_deleted=True)
    project, role = load_project(actor, project_id, "view")
    exported = {card["id"] for card in snapshot["cards"]}
    events = db.session.scalars(select(Event).where(Event.project_id == project.id).order_by(Event.seq))
    # As the caller sees it: an owner nobody vouches for reaches the project's members only.
    data = project_to_dict(project, role)
    data.pop("role")
    data.pop("organisation_verified")  # a fact about this database's people, not about the project
    return {
        "format": transfer.FORMAT,
        "exported_at": iso(utcnow()),
        "project": data,
        "members": export_members(project),
        "stages": [stage["key"] for stage in snapshot["stages"]],
        "cards": snapshot["cards"],
        "themes": snapshot["themes"],
        "links": snapshot["links"],
        "decisions": export_decisions(actor, project.id, exported),
        # In anonymous mode a participant's file names no actor or author but themselves (cards came so).
        "events": for_viewer([{**event_to_dict(event), "actor_name": event.actor.name if event.actor else
                               event.actor_label} for event in events], project, role, actor),
    }


def export_members(project: Project) -> list[dict]:
    """Members as open data: name, organisation and role (an imported project's source members first)."""
    labels = [dict(member) for member in project.imported_members or []]
    people = sorted(project.memberships, key=lambda m: (m.created_at, m.id))
    return labels + [{"name": m.user.name, "organisation": organisation_to_dict(m.user.organisation),
                      "role": m.role} for m in people]


def export_decisions(actor, project_id: object, exported: set[int]) -> list[dict]:
    """The decisions on exported prototypes, oldest first, citing only exported cards (a viewer's file
    leaves deleted cards out). Raises NotFound, NotAuthenticated or PermissionDenied."""
    project, _role = load_project(actor, project_id, "view")
    rows = db.session.scalars(select(Decision).where(Decision.project_id == project.id)
                              .options(selectinload(Decision.evidence)).order_by(Decision.id))
    decisions = []
    for decision in rows:
        if decision.prototype_id in exported:
            data = decision_to_dict(decision)
            data["evidence"] = [card_id for card_id in data["evidence"] if card_id in exported]
            decisions.append(data)
    return decisions


def read_file(raw: bytes | str, max_bytes: int = transfer.FILE_BYTES_MAX) -> transfer.ProjectFile:
    """Decode and check a project file whole. Raises ValidationError (nothing is written)."""
    if len(raw) > max_bytes:
        raise ValidationError(N_("The file is too large (at most %(max)d MB)."), field="file",
                              max=max(1, max_bytes // (1024 * 1024)))
    try:
        document = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise ValidationError(N_("The file is not valid JSON."), field="file") from None
    if nesting_depth_exceeds(document, transfer.DEPTH_MAX):
        raise ValidationError(N_("The JSON body is nested too deeply (at most %(max)d levels)."), field="file",
                              max=transfer.DEPTH_MAX)
    return transfer.read_project_file(document)


def import_project(actor, raw: bytes | str, max_bytes: int = transfer.FILE_BYTES_MAX) -> tuple[Project, list[dict]]:
    """Rebuild a project from a file with new ids, in one transaction; the importer becomes its facilitator.

    Returns the project and warnings (organisations not matched here). Raises ValidationError (the file
    is refused whole, nothing written) or NotAuthenticated.
    """
    if not signed_in(actor):
        raise NotAuthenticated(N_("Please sign in."))
    content = read_file(raw, max_bytes)
    with write_transaction() as unit:
        organisations, warnings = _resolve_organisations(actor, content)
        maps = IdMaps(project=0, organisations=organisations)
        project = _create_project(actor, content, maps)
        maps.project = project.id
        _create_themes(content, maps)
        _create_cards(actor, content, maps)
        touch_index(unit, project_id=project.id)  # every card of the file is searchable once indexed
        _create_links(content, maps)
        _create_decisions(content, maps)
        _copy_events(project, content, maps)
    return project, warnings


def _resolve_organisations(actor, content: transfer.ProjectFile) -> tuple[dict, list[dict]]:
    """Match each organisation of the file by its two names; create the missing ones only when the importer
    manages organisations (a site admin or the CLI). Unmatched ones stay as names in member labels only."""
    found: dict[tuple[str, str], int | None] = {}
    warnings = []
    may_create = actor is SYSTEM or is_site_admin(actor)
    for org in content.organisations():
        key = transfer.org_key(org)
        match = db.session.scalar(select(Organisation.id).where(Organisation.name_th == key[0],
                                                                Organisation.name_en == key[1])
                                  .order_by(Organisation.id).limit(1))
        if match is None and may_create:
            created = Organisation(name_th=org["name_th"], name_en=org["name_en"], sector=org["sector"],
                                   level=org["level"])
            db.session.add(created)
            db.session.flush()
            match = created.id
        elif match is None:
            warnings.append({"code": "organisation_not_found", "name_th": key[0], "name_en": key[1]})
        found[key] = match
    return found, warnings


def _speaks_for(actor, org_id: int) -> bool:
    """Whether the importer may vouch for this organisation: a site admin, or verified in it (read fresh)."""
    from .affiliations import speaks_for

    return is_site_admin(actor) or (getattr(actor, "org_id", None) == org_id and speaks_for(actor))


def _org_id(maps: IdMaps, org: dict | None) -> int | None:
    return None if org is None else maps.organisations.get(transfer.org_key(org))


def _create_project(actor, content: transfer.ProjectFile, maps: IdMaps) -> Project:
    source = content.project
    now = utcnow()
    members = [{"name": m["name"], "organisation": None if m["organisation"] is None else
                {"id": _org_id(maps, m["organisation"]), **m["organisation"]}, "role": m["role"]}
               for m in content.members]
    project = Project(title=source["title"], hmw=source["hmw"], visibility=source["visibility"],
                      status=source["status"], stage=source["stage"], stall_days=source["stall_days"],
                      observers_may_comment=source["observers_may_comment"],
                      org_id=_org_id(maps, source["organisation"]), created_by=actor_id(actor),
                      last_seq=len(content.events), imported_members=members, imported_at=now,
                      imported_by=actor_id(actor), created_at=source["created_at"] or now,
                      updated_at=source["updated_at"] or now)
    db.session.add(project)
    db.session.flush()
    if actor is not SYSTEM:
        db.session.add(Membership(project_id=project.id, user_id=actor.id, role="facilitator"))
    return project


def _create_cards(actor, content: transfer.ProjectFile, maps: IdMaps) -> None:
    """Cards in file order (so new ids keep the order of equal positions), with their fields."""
    now = utcnow()
    rows = []
    for card in content.cards:
        row = Card(project_id=maps.project, stage=card["stage"], kind=card["kind"], title=card["title"],
                   body=card["body"], color=card["color"], position=card["position"], version=card["version"],
                   author_id=None, author_label=card["author_name"],
                   theme_id=maps.themes.get(card["theme_id"]) if card["theme_id"] is not None else None,
                   created_at=card["created_at"] or now, updated_at=card["updated_at"] or now,
                   deleted_at=(card["updated_at"] or now) if card["deleted"] else None)
        if "prototype" in card:
            fields = dict(card["prototype"])
            owner = fields.pop("owner_organisation")
            fields["due_date"] = _date(fields["due_date"])
            owner_id = _org_id(maps, owner)
            if owner_id is not None and not _speaks_for(actor, owner_id):
                owner_id = None  # the importer is the project's only member: they alone can vouch for an owner
            row.prototype_details = PrototypeDetails(**fields, owner_org_id=owner_id, updated_at=row.updated_at)
        elif "test" in card:
            row.test_details = TestDetails(**card["test"], updated_at=row.updated_at)
        rows.append(row)
    db.session.add_all(rows)
    db.session.flush()
    maps.cards.update((card["id"], row.id) for card, row in zip(content.cards, rows))


def _create_themes(content: transfer.ProjectFile, maps: IdMaps) -> None:
    """Themes (their makers are accounts of the source: not carried; nor the workshop they were made in)."""
    now = utcnow()
    rows = [Theme(project_id=maps.project, stage=theme["stage"], name=theme["name"], created_by=None,
                  workshop_id=None, created_at=theme["created_at"] or now, updated_at=theme["updated_at"] or now)
            for theme in content.themes]
    db.session.add_all(rows)
    db.session.flush()
    maps.themes.update((theme["id"], row.id) for theme, row in zip(content.themes, rows))


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _create_links(content: transfer.ProjectFile, maps: IdMaps) -> None:
    rows = [CardLink(project_id=maps.project, from_card_id=maps.cards[link["from"]], to_card_id=maps.cards[link["to"]],
                     type=link["type"], created_by=None, created_at=link["created_at"] or utcnow())
            for link in content.links]
    db.session.add_all(rows)
    db.session.flush()
    maps.links.update((link["id"], row.id) for link, row in zip(content.links, rows))


def _create_decisions(content: transfer.ProjectFile, maps: IdMaps) -> None:
    rows = [Decision(project_id=maps.project, prototype_id=maps.cards[item["prototype_id"]],
                     decision=item["decision"], rationale=item["rationale"], decided_by=None,
                     decided_by_label=item["decided_by_name"], created_at=item["created_at"] or utcnow(),
                     evidence=[DecisionEvidence(test_card_id=maps.cards[test]) for test in item["evidence"]])
            for item in content.decisions]
    db.session.add_all(rows)
    db.session.flush()
    maps.decisions.update((item["id"], row.id) for item, row in zip(content.decisions, rows))


def _copy_events(project: Project, content: transfer.ProjectFile, maps: IdMaps) -> None:
    """The source's Event log, seq for seq, with the ids in payloads rewritten and actors kept as names."""
    if not content.events:
        return
    now = utcnow()
    db.session.connection().execute(Event.__table__.insert(), [
        {"project_id": project.id, "seq": event["seq"], "actor_id": None, "actor_label": event["actor_name"],
         "type": event["type"], "payload": remap_payload(event["payload"], maps),
         "created_at": event["created_at"] or now} for event in content.events])


def imported_summary(actor, project: Project, warnings: list[dict]) -> dict:
    """The answer to an import: the new project, what it holds, and what could not be matched."""
    counts = {name: db.session.scalar(select(func.count()).select_from(model).where(model.project_id == project.id))
              for name, model in (("cards", Card), ("links", CardLink), ("decisions", Decision),
                                  ("events", Event))}
    return {"project": project_to_dict(project, None if actor is SYSTEM else "facilitator"), "counts": counts,
            "warnings": warnings}


def export_json(data: dict) -> bytes:
    """An export as UTF-8 JSON text, indented for people (Thai kept as is)."""
    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
