"""The tracker of one project and the portfolio across every project a viewer may see (read-only)."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import and_, select

from ..domain import board, evidence, permissions, reports
from ..domain.errors import N_, NotAuthenticated
from ..extensions import db
from ..models import Membership, Project
from .access import load_project, signed_in
from .prototype_facts import prototype_facts


def tracker(actor, project_id: object, now: datetime | None = None) -> dict:
    """A project's prototypes grouped by status, with the stalled ones and the overdue next steps.

    Raises NotFound (no such project, or private and not a member) or ValidationError (bad id).
    """
    project, role = load_project(actor, project_id, "view")
    facts = prototype_facts([project], now)
    groups = [{"status": status, "prototypes": [row for row in facts if row["status"] == status]}
              for status in evidence.PROTOTYPE_STATUSES]
    return {"project": project, "role": role, "groups": groups, "count": len(facts),
            "stalled": [row for row in facts if row["stalled"]],
            "overdue": sorted((row for row in facts if row["overdue"]), key=lambda row: row["due_date"]),
            "stall_days": project.stall_days}


def visible_projects(actor) -> list[Project]:
    """Every project the actor may see: their memberships and the public ones (site admins: all).

    One query; the decision is the domain's own view rule on the actor's effective role.
    """
    if not signed_in(actor):
        raise NotAuthenticated(N_("Please sign in."))
    rows = db.session.execute(
        select(Project, Membership.role).outerjoin(Membership, and_(Membership.project_id == Project.id,
                                                                    Membership.user_id == actor.id))
        .order_by(Project.id)).all()
    return [project for project, role in rows
            if permissions.can_view(permissions.effective_role(role, bool(actor.is_admin)), project.visibility)]


def portfolio(actor, filters: dict, now: datetime | None = None) -> dict:
    """Prototypes of every project the actor may see: counts, the filtered and sorted rows, and the choices.

    `filters` comes from domain.reports.clean_portfolio_filters. Counts are of the filtered rows.
    Raises NotAuthenticated (anonymous).
    """
    projects = visible_projects(actor)
    facts = prototype_facts(projects, now)
    for row in facts:
        organisation = row["owner_organisation"]
        row["sort_keys"] = {
            "project": reports.text_sort_key(row["project_title"]), "title": reports.text_sort_key(row["title"]),
            "status": evidence.PROTOTYPE_STATUSES.index(row["status"]),
            "fidelity": evidence.FIDELITIES.index(row["fidelity"]) if row["fidelity"] else None,
            "organisation": reports.text_sort_key(organisation["name_en"] or "") if organisation else None,
            "sector": reports.SECTOR_BUCKETS.index(row["sector"]) if row["sector"] in reports.SECTOR_BUCKETS
            else None,
            "stage": board.STAGE_KEYS.index(row["project_stage"]),
            "verdict": evidence.VERDICTS.index(row["latest_verdict"]) if row["latest_verdict"] else None,
            "activity": row["last_activity"]}
    organisations = {row["owner_organisation"]["id"]: row["owner_organisation"] for row in facts
                     if row["owner_organisation"]}
    rows = [row for row in facts if _matches(row, filters)]
    rows = reports.sort_rows(rows, filters["sort"], filters["dir"])
    return {"rows": rows, "total": len(facts), "projects": len(projects),
            "counts": _counts(rows), "organisations": sorted(organisations.values(),
                                                             key=lambda org: reports.text_sort_key(org["name_en"])),
            "filters": filters}


def _matches(row: dict, filters: dict) -> bool:
    """Does a portfolio row pass every filter given?"""
    organisation = row["owner_organisation"]
    checks = (
        filters["organisation"] is None or (organisation is not None and organisation["id"] == filters["organisation"]),
        filters["sector"] is None or row["sector"] == filters["sector"],
        filters["status"] is None or row["status"] == filters["status"],
        filters["stage"] is None or row["project_stage"] == filters["stage"],
        filters["stalled"] is None or row["stalled"] is (filters["stalled"] == "yes"),
    )
    return all(checks)


def _counts(rows: list[dict]) -> dict:
    """Counts by status, verdict (latest), owner organisation and sector, in a stable order."""
    status = Counter(row["status"] for row in rows)
    verdict = Counter(row["latest_verdict"] or "none" for row in rows)
    sector = Counter(row["sector"] for row in rows)
    organisation = Counter(row["owner_organisation"]["id"] for row in rows if row["owner_organisation"])
    names = {row["owner_organisation"]["id"]: row["owner_organisation"] for row in rows if row["owner_organisation"]}
    return {
        "status": [(key, status[key]) for key in evidence.PROTOTYPE_STATUSES if status[key]],
        "verdict": [(key, verdict[key]) for key in (*evidence.VERDICTS, "none") if verdict[key]],
        "sector": [(key, sector[key]) for key in (*reports.SECTOR_BUCKETS, "none") if sector[key]],
        "organisation": [(names[key], count) for key, count in organisation.most_common()],
        "stalled": sum(1 for row in rows if row["stalled"]),
        "overdue": sum(1 for row in rows if row["overdue"]),
    }

