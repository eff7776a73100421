"""Participation by sector: who contributed to a project, counted by sector and organisation (read-only)."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import func, select

from ..domain import reports
from ..extensions import db
from ..models import Event, User
from .access import load_project
from .citizen_stats import citizen_counts
from .prototype_facts import local_today
from .serialize import organisation_to_dict

# Typing in a card is many small Events: each person counts one edit per card they typed in.
_TEXT = "card.text"


def participation(actor, project_id: object, period_args: dict, now: datetime | None = None) -> dict:
    """Contributions to a project in a period, by sector bucket and by organisation.

    `period_args` has `period` (7d, 30d, all) or `from`/`to` dates. Raises NotFound or ValidationError.
    """
    project, role = load_project(actor, project_id, "view")
    period = reports.parse_period(period_args.get("period"), period_args.get("from"), period_args.get("to"),
                                  local_today(now))
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "UTC")
    conditions = [Event.project_id == project.id]
    if period["start"]:
        conditions.append(Event.created_at >= datetime.combine(period["start"], time.min, zone))
    if period["end"]:
        conditions.append(Event.created_at < datetime.combine(period["end"] + timedelta(days=1), time.min, zone))
    counted = [kind for kind in reports.CATEGORY_OF_EVENT if kind != _TEXT]
    per_actor: dict[int | None, Counter] = defaultdict(Counter)
    for actor_id, kind, count in db.session.execute(
            select(Event.actor_id, Event.type, func.count()).where(*conditions, Event.type.in_(counted))
            .group_by(Event.actor_id, Event.type)):
        per_actor[actor_id][reports.CATEGORY_OF_EVENT[kind]] += count
    typed = select(Event.actor_id, Event.payload[("card", "id")].as_integer().label("card_id")).where(
        *conditions, Event.type == _TEXT).distinct().subquery()
    for actor_id, count in db.session.execute(select(typed.c.actor_id, func.count()).group_by(typed.c.actor_id)):
        per_actor[actor_id]["edits"] += count
    users = {user.id: user for user in db.session.scalars(
        select(User).where(User.id.in_([key for key in per_actor if key is not None])))} if per_actor else {}
    sectors: dict[str, Counter] = {key: Counter() for key in reports.SECTOR_BUCKETS}
    organisations: dict[int | None, dict] = {}
    for actor_id, counts in per_actor.items():
        organisation = users[actor_id].organisation if actor_id in users else None
        bucket = reports.sector_bucket(organisation.sector, organisation.level) if organisation else "none"
        sectors.setdefault(bucket, Counter()).update(counts)
        key = organisation.id if organisation else None
        row = organisations.setdefault(key, {"organisation": organisation_to_dict(organisation), "sector": bucket,
                                             "counts": Counter()})
        row["counts"].update(counts)
    sector_rows = [_row({"sector": key}, counts) for key, counts in sectors.items()
                   if key in reports.SECTOR_BUCKETS or sum(counts.values())]
    organisation_rows = sorted((_row(row, row["counts"]) for row in organisations.values()),
                               key=lambda row: (-row["total"], reports.text_sort_key(
                                   (row["organisation"] or {}).get("name_en") or "")))
    top = max([row["total"] for row in sector_rows + organisation_rows] + [1])
    for row in sector_rows + organisation_rows:
        row["percent"] = round(100 * row["total"] / top)
    start = datetime.combine(period["start"], time.min, zone) if period["start"] else None
    end = datetime.combine(period["end"] + timedelta(days=1), time.min, zone) if period["end"] else None
    return {"project": project, "role": role, "period": period, "categories": reports.CONTRIBUTION_CATEGORIES,
            "citizens": citizen_counts(project.id, start, end, zone),
            "sectors": sector_rows, "organisations": organisation_rows,
            "total": sum(row["total"] for row in sector_rows)}


def _row(base: dict, counts: Counter) -> dict:
    row = {key: value for key, value in base.items() if key != "counts"}
    row["counts"] = {category: counts.get(category, 0) for category in reports.CONTRIBUTION_CATEGORIES}
    row["total"] = sum(row["counts"].values())
    return row
