"""Organisations, managed by site admins."""
from __future__ import annotations

from sqlalchemy import select

from ..domain import accounts as rules
from ..domain.errors import N_, NotFound
from ..domain.payload import check_fields
from ..extensions import db
from ..models import Organisation
from .access import parse_id, require_admin
from .unit_of_work import write_transaction

FIELDS = {"name_th", "name_en", "sector", "level"}


def _apply(org: Organisation, data: dict) -> None:
    """Validate and set the fields (both names, sector and its level)."""
    org.name_th = rules.clean_name(data.get("name_th", org.name_th), field="name_th")
    org.name_en = rules.clean_name(data.get("name_en", org.name_en), field="name_en")
    org.sector, org.level = rules.clean_sector(data.get("sector", org.sector),
                                               data.get("level", org.level))


def create_organisation(actor, data: object) -> Organisation:
    """Admin: add an organisation."""
    require_admin(actor)
    data = check_fields(data, FIELDS, required=("name_th", "name_en", "sector"))
    with write_transaction():
        org = Organisation()
        _apply(org, data)
        db.session.add(org)
    return org


def update_organisation(actor, org_id: object, data: object) -> Organisation:
    """Admin: change an organisation's names or sector."""
    require_admin(actor)
    data = check_fields(data, FIELDS)
    with write_transaction():
        org = db.session.get(Organisation, parse_id(org_id, "org_id"))
        if org is None:
            raise NotFound(N_("No such organisation."))
        _apply(org, data)
    return org


def list_organisations() -> list[Organisation]:
    """All organisations, by English name."""
    return list(db.session.scalars(select(Organisation).order_by(Organisation.name_en)))
