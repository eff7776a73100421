"""Citizens in the participation view: contributions counted by province, "who are you", age band and month."""
from __future__ import annotations

from collections import Counter
from datetime import datetime, timezone, tzinfo

from sqlalchemy import select

from ..extensions import db
from ..models import Contribution


def citizen_counts(project_id: int, start: datetime | None = None, end: datetime | None = None,
                   zone: tzinfo = timezone.utc) -> dict:
    """Counts of the project's contributions in [start, end): never one person's row, only totals; months are
    those of `zone` (the site's time zone, as the period's days are)."""
    query = select(Contribution.province, Contribution.who, Contribution.age_band, Contribution.created_at).where(
        Contribution.project_id == project_id)
    if start is not None:
        query = query.where(Contribution.created_at >= start)
    if end is not None:
        query = query.where(Contribution.created_at < end)
    provinces, who, ages, months = Counter(), Counter(), Counter(), Counter()
    total = 0
    for province, person, age, created in db.session.execute(query):
        total += 1
        provinces[province or ""] += 1
        who[person or ""] += 1
        ages[age or ""] += 1
        months[created.astimezone(zone).strftime("%Y-%m")] += 1
    return {"total": total, "provinces": provinces.most_common(), "who": who.most_common(),
            "ages": ages.most_common(), "months": sorted(months.items())}
