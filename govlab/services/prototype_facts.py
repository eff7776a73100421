"""What the tracker and the portfolio show about prototypes, read in a few queries for any number of projects.

No query runs per project or per prototype: cards with their fields, their tests, the latest activity
of their links and their decisions are each read once for the whole set of projects (no N+1).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from ..domain import evidence, reports
from ..extensions import db
from ..models import Card, CardLink, Decision, Organisation, Project, PrototypeDetails, TestDetails, User
from .serialize import iso, organisation_to_dict

TESTS_SHOWN = 3  # the latest tests shown next to a prototype


def local_today(now: datetime | None = None) -> date:
    """Today's date where the lab works (the app's time zone, Asia/Bangkok by default)."""
    now = now or datetime.now(timezone.utc)
    return now.astimezone(ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "UTC")).date()


def prototype_facts(projects: list[Project], now: datetime | None = None) -> list[dict]:
    """One dict per live prototype card of the given projects, in board order.

    Each has the card's fields, its latest tests and verdict, its latest decision, its last activity
    (the latest of the card, its fields, its tests, its links and its decisions) and whether it is
    stalled (no activity for the project's stall_days) or overdue (due date passed).
    """
    if not projects:
        return []
    now = now or datetime.now(timezone.utc)
    today = local_today(now)
    by_id = {project.id: project for project in projects}
    owner = aliased(Organisation)
    rows = db.session.execute(
        select(Card.id, Card.project_id, Card.title, Card.updated_at, PrototypeDetails, owner)
        .outerjoin(PrototypeDetails, PrototypeDetails.card_id == Card.id)
        .outerjoin(owner, owner.id == PrototypeDetails.owner_org_id)
        .where(Card.project_id.in_(by_id), Card.kind == "prototype", Card.deleted_at.is_(None))
        .order_by(Card.project_id, Card.position)).all()
    ids = [row.id for row in rows]
    tests = _tests_of(ids)
    links = _link_activity(list(by_id), ids)
    decisions = _latest_decisions(ids)
    facts = []
    for row in rows:
        project = by_id[row.project_id]
        details: PrototypeDetails | None = row.PrototypeDetails
        status = details.status if details else evidence.DEFAULT_PROTOTYPE_STATUS
        organisation = row[5] or project.organisation
        its_tests = tests.get(row.id, [])
        decision = decisions.get(row.id)
        moments = [row.updated_at, details.updated_at if details else None, links.get(row.id),
                   decision["created_at"] if decision else None]
        moments += [test["activity"] for test in its_tests]
        last = max(moment for moment in moments if moment is not None)
        idle_days = (now - last).total_seconds() / 86400
        due = details.due_date if details else None
        verdicts = [test for test in its_tests if test["verdict"]]
        facts.append({
            "id": row.id, "project_id": project.id, "project_title": project.title, "project_stage": project.stage,
            "project_visibility": project.visibility, "title": row.title, "status": status,
            "fidelity": details.fidelity if details else None,
            "owner_organisation": organisation_to_dict(organisation),
            "owner_is_project_org": row[5] is None and organisation is not None,
            "sector": reports.sector_bucket(organisation.sector, organisation.level) if organisation else "none",
            "next_step": details.next_step if details else "", "due_date": due,
            "tests": its_tests[:TESTS_SHOWN], "tests_count": len(its_tests),
            "latest_verdict": verdicts[0]["verdict"] if verdicts else None,
            "decision": decision, "last_activity": last,
            "stalled": evidence.is_stalled(idle_days, project.stall_days, status),
            "overdue": evidence.is_overdue(due, today, status),
        })
    return facts


def _tests_of(prototype_ids: list[int]) -> dict[int, list[dict]]:
    """The live tests of each prototype, the most recently changed first."""
    if not prototype_ids:
        return {}
    found: dict[int, list[dict]] = {}
    rows = db.session.execute(
        select(CardLink.to_card_id, Card.id, Card.title, Card.updated_at, TestDetails.verdict, TestDetails.method,
               TestDetails.updated_at.label("details_at"))
        .join(Card, Card.id == CardLink.from_card_id)
        .outerjoin(TestDetails, TestDetails.card_id == Card.id)
        .where(CardLink.type == "tests", CardLink.to_card_id.in_(prototype_ids), Card.deleted_at.is_(None))).all()
    for row in rows:
        activity = max(moment for moment in (row.updated_at, row.details_at) if moment is not None)
        found.setdefault(row.to_card_id, []).append({"id": row.id, "title": row.title, "verdict": row.verdict,
                                                     "method": row.method, "activity": activity})
    for tests in found.values():
        tests.sort(key=lambda test: (test["activity"], test["id"]), reverse=True)
    return found


def _link_activity(project_ids: list[int], prototype_ids: list[int]) -> dict[int, datetime]:
    """The newest link that touches each prototype (from either end)."""
    if not prototype_ids:
        return {}
    newest: dict[int, datetime] = {}
    for column in (CardLink.from_card_id, CardLink.to_card_id):
        for card_id, moment in db.session.execute(
                select(column, func.max(CardLink.created_at)).where(CardLink.project_id.in_(project_ids),
                                                                    column.in_(prototype_ids)).group_by(column)):
            moment = _aware(moment)
            if moment is not None and (card_id not in newest or moment > newest[card_id]):
                newest[card_id] = moment
    return newest


def _latest_decisions(prototype_ids: list[int]) -> dict[int, dict]:
    """Each prototype's latest decision (a newer one supersedes the older)."""
    if not prototype_ids:
        return {}
    latest = select(func.max(Decision.id)).where(Decision.prototype_id.in_(prototype_ids)).group_by(
        Decision.prototype_id)
    rows = db.session.execute(
        select(Decision.prototype_id, Decision.decision, Decision.created_at, User.name)
        .outerjoin(User, User.id == Decision.decided_by).where(Decision.id.in_(latest))).all()
    return {row.prototype_id: {"decision": row.decision, "created_at": _aware(row.created_at),
                               "decided_by_name": row.name} for row in rows}


def _aware(moment: datetime | None) -> datetime | None:
    """Aggregates bypass the column type on SQLite: give naive UTC values their zone back."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=timezone.utc)


def fact_json(row: dict) -> dict:
    """A prototype's facts as JSON-ready data (dates as ISO strings)."""
    decision = row["decision"]
    return {
        "id": row["id"], "project_id": row["project_id"], "project_title": row["project_title"],
        "project_stage": row["project_stage"], "title": row["title"], "status": row["status"],
        "fidelity": row["fidelity"], "owner_organisation": row["owner_organisation"], "sector": row["sector"],
        "next_step": row["next_step"], "due_date": row["due_date"].isoformat() if row["due_date"] else None,
        "tests": [{"id": test["id"], "title": test["title"], "verdict": test["verdict"], "method": test["method"]}
                  for test in row["tests"]],
        "tests_count": row["tests_count"], "latest_verdict": row["latest_verdict"],
        "decision": {**decision, "created_at": iso(decision["created_at"])} if decision else None,
        "last_activity": iso(row["last_activity"]), "stalled": row["stalled"], "overdue": row["overdue"],
    }
