"""Workshops: the agenda, the shared timer (start, pause, resume, extend, skip) and the board lock.

The timer's truth is the server's clock: a stored state plus the moment its run began, never ticked.
Every change is an op (facilitators only) recorded as a `workshop.*` Event carrying the whole
workshop, so live clients, late joiners and replays all compute the same remaining time.
"""
from __future__ import annotations

import time
from dataclasses import asdict
from datetime import datetime

from sqlalchemy import select

from ..domain import workshop as rules
from ..domain import workshop_schemas as shapes
from ..domain.errors import N_, NotFound
from ..extensions import db
from ..models import Project, Workshop
from ..models.base import utcnow
from .access import actor_id, load_project
from .registry import op
from .serialize import iso, project_to_dict
from .unit_of_work import write_transaction

WORKSHOPS_LISTED = 20


def now_ms() -> int:
    """The server's clock in epoch milliseconds (the timer's only truth)."""
    return int(time.time() * 1000)


def timer_of(workshop: Workshop) -> rules.Timer:
    """The stored timer as the domain's value."""
    return rules.Timer(workshop.timer_state, workshop.timer_index, workshop.timer_started_ms,
                       workshop.timer_remaining_ms)


def workshop_to_dict(workshop: Workshop) -> dict:
    """A workshop as clients see it: agenda, current activity and the timer in server milliseconds."""
    timer = timer_of(workshop)
    current = workshop.agenda[timer.index] if 0 <= timer.index < len(workshop.agenda) else None
    return {"id": workshop.id, "project_id": workshop.project_id, "title": workshop.title,
            "starts_at": iso(workshop.starts_at), "agenda": list(workshop.agenda),
            "timer": {**asdict(timer), "duration_ms": current["duration"] * 1000 if current else 0},
            "current": current, "timings": list(workshop.timings or ()),
            # follow-me (services/follow.py): where the facilitator leads everyone, if anywhere
            "focus": ({"stage": workshop.focus_stage, "card_id": workshop.focus_card_id}
                      if workshop.focus_stage else None),
            "created_at": iso(workshop.created_at), "updated_at": iso(workshop.updated_at)}


def _parse_utc(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text.replace("Z", "+00:00")) if text else None


def load_workshop(actor, project_id: object, workshop_id: int, need: str = "manage") -> tuple[Workshop, Project, str]:
    """A workshop of this project with the project locked; NotFound for another project's id."""
    project, role = load_project(actor, project_id, need, lock=need != "view")
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or workshop.project_id != project.id:
        raise NotFound(N_("No such workshop."))
    return workshop, project, role


@op("workshop.create", shapes.WorkshopCreate, events=("workshop.create",), result="workshop")
def create_workshop(actor, project_id: object, data: dict) -> Workshop:
    """Plan a workshop on the board: title, start time and agenda (facilitators).

    Raises ValidationError, NotFound, NotAuthenticated or PermissionDenied.
    """
    with write_transaction() as unit:
        project, _role = load_project(actor, project_id, "manage", lock=True)
        workshop = Workshop(project_id=project.id, title=data["title"], starts_at=_parse_utc(data.get("starts_at")),
                            agenda=rules.check_agenda(list(data.get("agenda", []))), timer_state="idle",
                            timer_index=-1, timer_remaining_ms=0, timings=[], created_by=actor_id(actor))
        db.session.add(workshop)
        db.session.flush()
        unit.record(project, actor_id(actor), "workshop.create", {"workshop": workshop_to_dict(workshop)})
    return workshop


@op("workshop.update", shapes.WorkshopUpdate, events=("workshop.update",), result="workshop")
def update_workshop(actor, project_id: object, data: dict) -> Workshop:
    """Change a workshop's title, start time or agenda (facilitators); a running activity keeps its timer."""
    with write_transaction() as unit:
        workshop, project, _role = load_workshop(actor, project_id, data["id"])
        if data.get("title") is not None:
            workshop.title = data["title"]
        if "starts_at" in data:
            workshop.starts_at = _parse_utc(data["starts_at"])
        if data.get("agenda") is not None:
            workshop.agenda = rules.check_agenda(list(data["agenda"]))
            if workshop.timer_index >= len(workshop.agenda):  # the running activity was removed
                _set_timer(workshop, project, rules.Timer("done", max(-1, len(workshop.agenda) - 1), None, 0))
        _record(unit, actor, project, workshop, "edit")
    return workshop


def _set_timer(workshop: Workshop, project: Project, timer: rules.Timer) -> None:
    """Store a new timer, log activity timings for the summary, and switch silent mode with the activity."""
    now = iso(utcnow())
    timings = list(workshop.timings or ())
    if timer.index != workshop.timer_index or timer.state == "done" or workshop.timer_state in ("idle", "done"):
        if timings and timings[-1].get("ended_at") is None:
            timings[-1] = {**timings[-1], "ended_at": now}
        if timer.state == "running":
            timings.append({"index": timer.index, "started_at": now, "ended_at": None})
    workshop.timings = timings
    workshop.timer_state, workshop.timer_index = timer.state, timer.index
    workshop.timer_started_ms, workshop.timer_remaining_ms = timer.started_ms, timer.remaining_ms
    current = workshop.agenda[timer.index] if 0 <= timer.index < len(workshop.agenda) else None
    silent = current is not None and current["kind"] == "silent_brainstorm" and timer.state in ("running", "paused")
    if silent:
        project.silent_workshop_id = workshop.id
    elif project.silent_workshop_id == workshop.id:
        project.silent_workshop_id = None


def _record(unit, actor, project: Project, workshop: Workshop, action: str) -> None:
    workshop.updated_at = utcnow()
    db.session.flush()
    unit.record(project, actor_id(actor), "workshop.update",
                {"workshop": workshop_to_dict(workshop), "action": action,
                 "silent_workshop_id": project.silent_workshop_id})


def _timer_op(actor, project_id: object, workshop_id: int, action: str, change) -> Workshop:
    with write_transaction() as unit:
        workshop, project, _role = load_workshop(actor, project_id, workshop_id)
        durations = [activity["duration"] for activity in workshop.agenda]
        _set_timer(workshop, project, change(timer_of(workshop), durations, now_ms()))
        _record(unit, actor, project, workshop, action)
    return workshop


@op("workshop.start", shapes.WorkshopStart, events=("workshop.update",), result="workshop")
def start(actor, project_id: object, data: dict) -> Workshop:
    """Start an activity of the agenda with its full time (facilitators)."""
    return _timer_op(actor, project_id, data["id"], "start",
                     lambda timer, durations, now: rules.start(timer, durations, now, data.get("index", 0)))


@op("workshop.pause", shapes.WorkshopRef, events=("workshop.update",), result="workshop")
def pause(actor, project_id: object, data: dict) -> Workshop:
    """Pause the timer (facilitators)."""
    return _timer_op(actor, project_id, data["id"], "pause", lambda timer, _d, now: rules.pause(timer, now))


@op("workshop.resume", shapes.WorkshopRef, events=("workshop.update",), result="workshop")
def resume(actor, project_id: object, data: dict) -> Workshop:
    """Resume a paused timer (facilitators)."""
    return _timer_op(actor, project_id, data["id"], "resume", lambda timer, _d, now: rules.resume(timer, now))


@op("workshop.extend", shapes.WorkshopExtend, events=("workshop.update",), result="workshop")
def extend(actor, project_id: object, data: dict) -> Workshop:
    """Give the current activity one or five more minutes (facilitators)."""
    return _timer_op(actor, project_id, data["id"], "extend",
                     lambda timer, _d, now: rules.extend(timer, data["seconds"], now))


@op("workshop.skip", shapes.WorkshopRef, events=("workshop.update",), result="workshop")
def skip(actor, project_id: object, data: dict) -> Workshop:
    """End the current activity and start the next (facilitators); after the last, the workshop is done."""
    return _timer_op(actor, project_id, data["id"], "skip", lambda timer, durations, now: rules.skip(timer, durations, now))


@op("board.lock", shapes.BoardLock, events=("board.lock",), result="project")
def lock_board(actor, project_id: object, data: dict) -> Project:
    """Freeze the whole board and/or some lanes for everyone but facilitators (empty: unlock all)."""
    with write_transaction() as unit:
        project, role = load_project(actor, project_id, "manage", lock=True)
        project.locked = bool(data.get("board", False))
        project.locked_stages = sorted(set(data.get("stages", []))) or None
        db.session.flush()
        unit.record(project, actor_id(actor), "board.lock",
                    {"project": project_to_dict(project, role), "lock": lock_state(project)})
    return project


def lock_state(project: Project) -> dict:
    """What is frozen: the whole board, and which lanes."""
    return {"board": bool(project.locked), "stages": list(project.locked_stages or ())}


def list_workshops(actor, project_id: object) -> list[Workshop]:
    """The project's workshops, newest first (anyone who may see the board)."""
    project, _role = load_project(actor, project_id, "view")
    return list(db.session.scalars(select(Workshop).where(Workshop.project_id == project.id)
                                   .order_by(Workshop.id.desc()).limit(WORKSHOPS_LISTED)))


def current_of(workshops: list[Workshop]) -> Workshop | None:
    """The workshop a board shows: a running or paused one, else the newest."""
    live = [w for w in workshops if w.timer_state in ("running", "paused")]
    return max(live, key=lambda w: w.updated_at) if live else (workshops[0] if workshops else None)
