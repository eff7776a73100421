"""The structured fields of prototype and test cards: whole-value replace, versioned like the card."""
from __future__ import annotations

from datetime import date

from ..domain import evidence, schemas
from sqlalchemy import select

from ..domain.errors import N_, Conflict, PermissionDenied, ValidationError
from ..extensions import db
from ..models import Card, Membership, Organisation, PrototypeDetails, TestDetails, User
from ..models.base import utcnow
from .access import actor_id, is_site_admin, load_card, load_project
from .follows import tell_followers
from .registry import op
from .serialize import card_to_dict
from .unit_of_work import write_transaction

_DEFAULTS = {
    "prototype": {"fidelity": None, "status": evidence.DEFAULT_PROTOTYPE_STATUS, "owner_org_id": None,
                  "next_step": "", "due_date": None},
    "test": {"hypothesis": "", "method": None, "participants_count": None, "participants_who": "", "metric": "",
             "target": "", "result": "", "verdict": None, "learnings": ""},
}
_TEXT_FIELDS = {"next_step", "hypothesis", "participants_who", "metric", "target", "result", "learnings"}


@op("prototype.update", schemas.PrototypeFields, events=("prototype.update",))
def update_prototype(actor, project_id: int | None, data: dict) -> Card:
    """Set a prototype card's fidelity, status, owner organisation, next step or due date (members and facilitators).

    Raises ValidationError (wrong kind, unknown organisation), Conflict (version), NotFound,
    NotAuthenticated or PermissionDenied (also: an owner organisation nobody verified in the project belongs to).
    """
    return _update(actor, project_id, data, "prototype")


@op("test.update", schemas.TestFields, events=("test.update",))
def update_test(actor, project_id: int | None, data: dict) -> Card:
    """Set a test card's hypothesis, method, participants, metric, target, result, verdict or learnings.

    Raises ValidationError (wrong kind), Conflict (version), NotFound, NotAuthenticated or PermissionDenied.
    """
    return _update(actor, project_id, data, "test")


update_test.__test__ = False  # not a pytest test function


def _update(actor, project_id: int | None, data: dict, kind: str) -> Card:
    """Replace the given fields whole; record `<kind>.update` with the changed field names."""
    with write_transaction() as unit:
        card, project, _role = load_card(actor, data["id"], in_project=project_id)
        if "version" in data and data["version"] != card.version:
            raise Conflict(N_("This card was changed by someone else. Reload and try again."), field="version")
        evidence.check_fields_kind(card.kind, kind)
        names = evidence.PROTOTYPE_FIELDS if kind == "prototype" else evidence.TEST_FIELDS
        values = {name: _stored_value(name, data[name]) for name in names if name in data}
        if values.get("owner_org_id") is not None and values["owner_org_id"] != getattr(
                card.prototype_details, "owner_org_id", None):
            require_spoken_for(actor, project.id, values["owner_org_id"])
        details = card.prototype_details if kind == "prototype" else card.test_details
        current = _DEFAULTS[kind] if details is None else {name: getattr(details, name) for name in names}
        changed = [name for name, value in values.items() if current[name] != value]
        if not changed:
            return card  # nothing differs: no row, no version, no Event
        if details is None:
            details = _new_details(card, kind)
        for name in changed:
            setattr(details, name, values[name])
        details.updated_at = card.updated_at = utcnow()
        card.version += 1
        db.session.flush()
        unit.record(project, actor_id(actor), f"{kind}.update", {"card": card_to_dict(card), "fields": changed})
        if kind == "prototype" and "status" in changed:
            tell_followers(unit, actor, project, card, "status", {"status": details.status})
    return card


def require_spoken_for(actor, project_id: int, org_id: int) -> None:
    """A prototype may be owned by an organisation a verified member of the project belongs to (site admins and
    the system may name any): otherwise anyone could put an agency's name on a public prototype.

    Raises PermissionDenied.
    """
    if is_site_admin(actor):
        return
    vouched = db.session.scalar(select(User.id).join(Membership, Membership.user_id == User.id).where(
        Membership.project_id == project_id, User.org_id == org_id, User.org_verified_at.is_not(None),
        User.is_disabled.is_(False)).limit(1))
    if vouched is None:
        raise PermissionDenied(N_("A prototype can be owned only by an organisation that a verified member of the "
                                  "project belongs to."), field="owner_org_id")


def owner_choices(actor, project_id: int) -> list[Organisation]:
    """The organisations a prototype of the project may be given as owner (for the board's menu): those of its
    verified members — every one for site admins — and those some prototype already names (kept as they are).

    Asked again each time the board's menu opens, so an affiliation refused or removed meanwhile drops out
    without a reload. Raises NotFound or NotAuthenticated (a project the actor may not see).
    """
    project_id = load_project(actor, project_id, "view")[0].id
    query = select(Organisation).order_by(Organisation.name_en, Organisation.id)
    if not is_site_admin(actor):
        vouched = select(User.org_id).join(Membership, Membership.user_id == User.id).where(
            Membership.project_id == project_id, User.org_verified_at.is_not(None), User.is_disabled.is_(False))
        named = select(PrototypeDetails.owner_org_id).join(Card, Card.id == PrototypeDetails.card_id).where(
            Card.project_id == project_id)
        query = query.where(Organisation.id.in_(vouched) | Organisation.id.in_(named))
    return list(db.session.scalars(query))


def _new_details(card: Card, kind: str):
    """A details row with the defaults, attached to the card (written with the change)."""
    if kind == "prototype":
        card.prototype_details = PrototypeDetails(card_id=card.id, status=evidence.DEFAULT_PROTOTYPE_STATUS,
                                                  next_step="")
        return card.prototype_details
    card.test_details = TestDetails(card_id=card.id, hypothesis="", participants_who="", metric="", target="",
                                    result="", learnings="")
    return card.test_details


def _stored_value(name: str, value):
    """A validated payload value as the column stores it: null text is empty, dates are dates."""
    if name in _TEXT_FIELDS:
        return (value or "").strip() if name == "next_step" else (value or "")
    if name == "status" and value is None:
        raise ValidationError(N_("The status cannot be empty."), field="status")
    if name == "due_date":
        return date.fromisoformat(value) if value else None
    if name == "owner_org_id" and value is not None and db.session.get(Organisation, value) is None:
        raise ValidationError(N_("No such organisation."), field="owner_org_id")
    return value
