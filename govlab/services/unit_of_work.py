"""Write transactions, Event recording with gap-free per-project seq, and publishing after commit."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import update

from ..extensions import db
from ..models import Event, OpReceipt, Project
from ..models.base import utcnow
from .serialize import event_to_dict

log = logging.getLogger(__name__)

# Called after commit with (project_id, [event dicts]); realtime fan-out subscribes here.
# Kept per application (app.extensions), so several apps in one process (tests) stay apart.
Subscriber = Callable[[int, list[dict]], None]


def _registry(kind: str) -> list:
    return current_app.extensions.setdefault(f"govlab_{kind}_subscribers", [])

# Set by the socket layer around an op: (user_id, client_op_id) to store a receipt with the change.
current_receipt: ContextVar[tuple[int, str] | None] = ContextVar("current_receipt", default=None)
# The last Event committed by the last write transaction of this task (the socket ack reports it).
last_committed: ContextVar[RecordedEvent | None] = ContextVar("last_committed", default=None)

ControlSubscriber = Callable[[dict], None]
# Set on a published Event dict committed while its board was anonymous. Only the live layer reads it
# (to send participants a scrubbed copy, realtime/audience.py) and it never leaves the process.
ANONYMOUS_MARK = "_anonymous"


def subscribe_control(subscriber: ControlSubscriber) -> None:
    """Register a function for session control messages (e.g. revoke a user's live connections)."""
    if subscriber not in _registry("control"):
        _registry("control").append(subscriber)


def publish_control(message: dict) -> None:
    """Tell the live layer that a session ended or an account changed (best effort, never raises)."""
    for subscriber in list(_registry("control")):
        try:
            subscriber(message)
        except Exception:
            log.exception("control subscriber failed")


def subscribe(subscriber: Subscriber) -> None:
    """Register a function of the current app to receive committed Events (idempotent)."""
    if subscriber not in _registry("event"):
        _registry("event").append(subscriber)


@dataclass(slots=True)
class RecordedEvent:
    """An Event row about to be written (plain data: no ORM bookkeeping on the hot path)."""

    project_id: int
    seq: int
    actor_id: int | None
    type: str
    payload: dict
    created_at: datetime
    anonymous: bool = False  # the board was in anonymous mode (participants get it without authors)


class UnitOfWork:
    """Collects the Events (and op receipts) recorded in one write transaction."""

    def __init__(self, batch: Batch | None = None) -> None:
        self.events: list[RecordedEvent] = []
        self.receipts: list[dict] = []
        self.batch = batch
        self.texts: dict[int, object] = {}  # card documents checked out by services.text
        self.before_write: dict[str, Callable[[object], None]] = {}  # more rows to insert, given the connection
        self.after_commit: dict[str, Callable[[], None]] = {}  # run once each, only if the commit succeeds

    def committed(self) -> None:
        """Run the after-commit hooks (a failing hook is logged; the change is committed regardless)."""
        for name, hook in self.after_commit.items():
            try:
                hook()
            except Exception:
                log.exception("after-commit hook %s failed", name)

    def record(self, project: Project, actor_id: int | None, event_type: str, payload: dict) -> RecordedEvent:
        """Give an Event the project's next seq, atomically, in this transaction.

        The UPDATE ... RETURNING takes the project's row lock on PostgreSQL (and SQLite runs write
        transactions one at a time), so concurrent writers in any process get consecutive seqs,
        and a rolled-back change gives its seq back: no gaps.
        """
        if self.batch is not None:
            # A group commit holds the project's lock (row lock / BEGIN IMMEDIATE) for the whole batch
            # and loaded the row after taking it: counting in memory is just as atomic, and the new
            # last_seq is written with the batch.
            seq = project.last_seq + 1
        else:
            seq = db.session.execute(
                update(Project).where(Project.id == project.id)
                .values(last_seq=Project.last_seq + 1).returning(Project.last_seq),
                execution_options={"synchronize_session": False},
            ).scalar_one()
        project.last_seq = seq
        event = RecordedEvent(project.id, seq, actor_id, event_type, payload, utcnow(),
                              getattr(project, "anonymous_since", None) is not None)
        self.events.append(event)
        return event

    def add_receipt(self, user_id: int, client_op_id: str, event: RecordedEvent) -> None:
        """Remember that this op produced `event` (its retry is then answered, not applied again)."""
        self.receipts.append({"user_id": user_id, "client_op_id": client_op_id, "project_id": event.project_id,
                              "seq": event.seq, "created_at": event.created_at})

    def write(self, session) -> list[dict]:
        """Flush the ORM changes, then insert the Events and receipts (one executemany each).

        Returns the Events as the dicts that are published after commit.
        """
        session.flush()
        connection = session.connection()
        for hook in self.before_write.values():
            hook(connection)
        if self.events:
            connection.execute(_INSERT_EVENTS, [
                {"project_id": e.project_id, "seq": e.seq, "actor_id": e.actor_id, "type": e.type,
                 "payload": e.payload, "created_at": e.created_at} for e in self.events])
        if self.receipts:
            # A repeated client_op_id fails here on the unique key, and the whole change rolls back.
            connection.execute(_INSERT_RECEIPTS, self.receipts)
        return [{**event_to_dict(event), ANONYMOUS_MARK: True} if event.anonymous else event_to_dict(event)
                for event in self.events]


# Built once: every commit runs them, and a new statement's cache key costs about as much as running it.
_INSERT_EVENTS = Event.__table__.insert()
_INSERT_RECEIPTS = OpReceipt.__table__.insert()


class Batch:
    """Several ops in one transaction (group commit): projects locked once, roles cached, seqs in memory."""

    def __init__(self) -> None:
        self.unit = UnitOfWork(self)
        self.projects: dict[int, Project] = {}
        self.roles: dict[tuple, str | None] = {}  # by access.role_key
        self.text_marks: dict[int, int | None] = {}  # the batch's cards: newest text row id (None: no document)
        self.cards: dict = {}  # cards preloaded for the batch's ops, by id
        self.people: list = []  # the ops' actors as User rows: held so the identity map keeps them


current_batch: ContextVar[Batch | None] = ContextVar("current_batch", default=None)


def begin_write():
    """End any read transaction and begin a write one (BEGIN IMMEDIATE on SQLite)."""
    session = db.session()
    if session.in_transaction():
        session.rollback()
    session.connection(execution_options={"govlab_write": True})
    return session


def publish(events: list[dict]) -> None:
    """Hand committed Events (as dicts) to the subscribers."""
    _publish(events)


@contextmanager
def write_transaction() -> Iterator[UnitOfWork]:
    """Run a change in its own transaction; commit with its Events, then publish them.

    A read transaction left open by the request is ended first so that the write starts fresh
    (BEGIN IMMEDIATE on SQLite: no stale snapshot, no upgrade deadlock between writers).
    """
    batch = current_batch.get()
    if batch is not None:  # inside a group commit: the batch commits and publishes
        yield batch.unit
        return
    session = begin_write()
    unit = UnitOfWork()
    try:
        yield unit
        receipt = current_receipt.get()
        if receipt is not None and unit.events:
            # Same transaction as the change: a retry after a crash finds it, or finds nothing applied.
            unit.add_receipt(receipt[0], receipt[1], unit.events[-1])
        published = unit.write(session)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    unit.committed()
    last_committed.set(unit.events[-1] if unit.events else None)
    _publish(published)


def _publish(events: list[dict]) -> None:
    """Hand committed Events to the subscribers, grouped by project, in seq order."""
    if not events:
        return
    by_project: dict[int, list[dict]] = {}
    for event in events:
        by_project.setdefault(event["project_id"], []).append(event)
    for project_id, batch in by_project.items():
        for subscriber in list(_registry("event")):
            try:
                subscriber(project_id, batch)
            except Exception:  # a broken subscriber must not undo a committed change
                log.exception("event subscriber failed")
