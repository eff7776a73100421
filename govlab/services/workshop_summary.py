"""The summary of a workshop: activities and their timings, cards added per lane, themes, votes, participants by sector."""
from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..models import Event, Membership, User, Vote, VoteDot
from .access import load_project
from .themes import workshop_themes
from .workshops import load_workshop


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def _sector(user: User) -> str:
    """A participant's sector: their organisation's, or what a workshop guest chose ("none": no organisation)."""
    if user.guest is not None:
        return user.guest.sector
    return user.organisation.sector if user.organisation else "none"


def _organisation(user: User):
    """A participant's organisation: an Organisation, or the name a guest typed (text), or None."""
    if user.guest is not None:
        return user.guest.organisation or user.guest.organisation_text or None
    return user.organisation


def workshop_summary(actor, project_id: object, workshop_id: object) -> dict:
    """Everything the summary page and its Markdown show (viewers of the board). Raises NotFound or PermissionDenied."""
    project, role = load_project(actor, project_id, "view")
    workshop, _project, _role = load_workshop(actor, project.id, workshop_id if isinstance(workshop_id, int) else 0,
                                              need="view")
    timings = {}
    for row in workshop.timings or ():
        started, ended = _moment(row.get("started_at")), _moment(row.get("ended_at"))
        spent = timings.get(row["index"], 0) + (int((ended - started).total_seconds()) if started and ended else 0)
        timings[row["index"]] = spent
    activities = [{**activity, "number": index + 1, "spent": timings.get(index)}
                  for index, activity in enumerate(workshop.agenda)]
    starts = [_moment(row["started_at"]) for row in workshop.timings or () if row.get("started_at")]
    ends = [_moment(row["ended_at"]) for row in workshop.timings or () if row.get("ended_at")]
    per_stage: Counter = Counter()
    people: set[int] = set()
    if starts:
        window = select(Event.actor_id, Event.payload).where(
            Event.project_id == project.id, Event.type == "card.create", Event.created_at >= min(starts))
        if ends and workshop.timer_state == "done":
            window = window.where(Event.created_at <= max(ends))
        for actor_id, payload in db.session.execute(window):
            per_stage[payload.get("card", {}).get("stage")] += 1
            if actor_id is not None:
                people.add(actor_id)
    votes = list(db.session.scalars(select(Vote).where(Vote.workshop_id == workshop.id, Vote.status == "closed")
                                    .order_by(Vote.id)))
    if votes:  # voters took part too
        people.update(db.session.scalars(select(VoteDot.user_id).where(VoteDot.vote_id.in_([v.id for v in votes]))))
    members = db.session.scalars(select(User).join(Membership, Membership.user_id == User.id)
                                 .where(Membership.project_id == project.id)).all()
    taking_part = [user for user in members if user.id in people] or list(members)
    sectors = Counter(_sector(user) for user in taking_part)
    organisations = Counter(org for org in map(_organisation, taking_part) if org)
    return {"project": project, "role": role, "workshop": workshop, "activities": activities,
            "cards_per_stage": dict(per_stage), "themes": workshop_themes(workshop.id), "votes": votes, "sectors": dict(sectors),
            "organisations": [(org, count) for org, count in organisations.most_common()],
            "participants": len(taking_part)}
