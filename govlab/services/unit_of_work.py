"""Write transactions, Event recording with gap-free per-project seq, and publishing after commit."""
from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Callable, Iterator

from sqlalchemy import update

from ..extensions import db
from ..models import Event, Project
from .serialize import event_to_dict

log = logging.getLogger(__name__)

# Called after commit with (project_id, [event dicts]); realtime fan-out subscribes here.
Subscriber = Callable[[int, list[dict]], None]
_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> None:
    """Register a function to receive committed Events (idempotent)."""
    if subscriber not in _subscribers:
        _subscribers.append(subscriber)


def unsubscribe(subscriber: Subscriber) -> None:
    """Stop sending Events to this function."""
    if subscriber in _subscribers:
        _subscribers.remove(subscriber)


class UnitOfWork:
    """Collects the Events recorded in one write transaction."""

    def __init__(self) -> None:
        self.events: list[Event] = []

    def record(self, project: Project, actor_id: int | None, event_type: str, payload: dict) -> Event:
        """Store an Event with the project's next seq, atomically, in this transaction.

        The UPDATE ... RETURNING takes the project's row lock on PostgreSQL (and SQLite runs write
        transactions one at a time), so concurrent writers in any process get consecutive seqs,
        and a rolled-back change gives its seq back: no gaps.
        """
        seq = db.session.execute(
            update(Project).where(Project.id == project.id)
            .values(last_seq=Project.last_seq + 1).returning(Project.last_seq),
            execution_options={"synchronize_session": False},
        ).scalar_one()
        project.last_seq = seq
        event = Event(project_id=project.id, seq=seq, actor_id=actor_id, type=event_type,
                      payload=payload)
        db.session.add(event)
        self.events.append(event)
        return event


@contextmanager
def write_transaction() -> Iterator[UnitOfWork]:
    """Run a change in its own transaction; commit with its Events, then publish them.

    A read transaction left open by the request is ended first so that the write starts fresh
    (BEGIN IMMEDIATE on SQLite: no stale snapshot, no upgrade deadlock between writers).
    """
    session = db.session()
    if session.in_transaction():
        session.rollback()
    session.connection(execution_options={"govlab_write": True})
    unit = UnitOfWork()
    try:
        yield unit
        session.flush()
        published = [event_to_dict(event) for event in unit.events]
        session.commit()
    except BaseException:
        session.rollback()
        raise
    _publish(published)


def _publish(events: list[dict]) -> None:
    """Hand committed Events to the subscribers, grouped by project, in seq order."""
    if not events:
        return
    by_project: dict[int, list[dict]] = {}
    for event in events:
        by_project.setdefault(event["project_id"], []).append(event)
    for project_id, batch in by_project.items():
        for subscriber in list(_subscribers):
            try:
                subscriber(project_id, batch)
            except Exception:  # a broken subscriber must not undo a committed change
                log.exception("event subscriber failed")
