"""Group commit: many ops, each through its own service function, in one transaction.

The socket layer collects the ops that arrive while a commit is running and hands them over
together. Each op is still validated, authorised and recorded by the same service function as a
single REST call; only the transaction, the project lock, role lookups and seq counting are shared.
A refused op changes nothing (the services check everything before they change anything); an
unexpected failure rolls the batch back and the ops are retried one transaction each.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..domain.errors import DomainError
from ..extensions import db
from ..models import Card, Project
from .access import roles_in
from .events import receipt_ack
from .serialize import card_to_dict
from .text import newest_rows
from .unit_of_work import Batch, begin_write, current_batch, current_receipt, last_committed, publish

log = logging.getLogger(__name__)


@dataclass
class Job:
    """One op: who, which board, its idempotency key, and the service call that applies it."""

    actor: Any
    project_id: int
    client_op_id: str | None
    run: Callable[[], Any]
    card_id: int | None = None
    ack: dict | None = None
    error: Exception | None = None
    done: Any = field(default=None, repr=False)

    def finish(self, result: Any, last_event: Any) -> None:
        """Build the success ack while the objects are still loaded (from the op's last Event, if any)."""
        card = None
        if isinstance(result, Card):
            # The Event's snapshot was taken after the op's last change: reuse it rather than re-serialise.
            payload = last_event.payload if last_event is not None else None
            card = payload["card"] if payload and "card" in payload else card_to_dict(result)
        self.ack = {"ok": True, "seq": last_event.seq if last_event is not None else None, "card": card}


def run_batch(jobs: list[Job]) -> None:
    """Apply the jobs in order in one transaction, then publish their Events; sets ack or error on each."""
    session = begin_write()
    # No receipt lookup on the way in: a repeated op hits the receipts' unique key at insert, the
    # batch rolls back, and the one-by-one path below answers it from the stored receipt.
    todo = list(jobs)
    first_of: dict[tuple, Job] = {}
    batch = Batch()
    token = current_batch.set(batch)
    try:
        _preload(session, batch, todo)
        for job in todo:
            key = (job.actor.id, job.client_op_id)
            if job.client_op_id and key in first_of:
                continue  # the same op twice in one batch: answered like its first copy below
            first_of[key] = job
            before = len(batch.unit.events)
            try:
                result = job.run()
            except DomainError as error:
                job.error = error
                continue
            last_event = batch.unit.events[-1] if len(batch.unit.events) > before else None
            if last_event is not None and job.client_op_id:
                batch.unit.add_receipt(job.actor.id, job.client_op_id, last_event)
            job.finish(result, last_event)
        published = batch.unit.write(session)
        session.commit()
    except Exception as error:
        session.rollback()
        current_batch.reset(token)
        if not isinstance(error, IntegrityError):
            log.exception("group commit failed; applying its ops one by one")
        for job in todo:
            job.ack, job.error = None, None
            _run_alone(job)
        return
    current_batch.reset(token)
    # After the try: nothing that runs once the commit has succeeded may send the ops down the retry path.
    batch.unit.committed()
    for job in todo:
        key = (job.actor.id, job.client_op_id)
        first = first_of.get(key)
        if first is not None and first is not job:
            job.ack, job.error = (dict(first.ack, duplicate=True) if first.ack else None), first.error
    publish(published)


def _preload(session, batch: Batch, jobs: list[Job]) -> None:
    """Lock and load each project once, and load the ops' cards, text documents and roles in one query each."""
    for project_id in sorted({job.project_id for job in jobs}):
        if session.get_bind().dialect.name != "sqlite":
            session.execute(select(Project.id).where(Project.id == project_id).with_for_update())
        project = session.get(Project, project_id, populate_existing=True)
        if project is not None:
            batch.projects[project_id] = project
            batch.roles.update(roles_in(project, {job.actor for job in jobs if job.project_id == project_id}))
    card_ids = list({job.card_id for job in jobs if isinstance(job.card_id, int)})
    if card_ids:
        batch.cards = {card.id: card for card in session.scalars(select(Card).where(Card.id.in_(card_ids)))}
        newest = newest_rows(card_ids)
        batch.text_marks = {card_id: newest.get(card_id) for card_id in card_ids}


def _run_alone(job: Job) -> None:
    """The slow path: one transaction for one op (used when a batch fails as a whole)."""
    receipt = current_receipt.set((job.actor.id, job.client_op_id)) if job.client_op_id else None
    last_committed.set(None)
    try:
        result = job.run()
        job.finish(result, last_committed.get())
    except DomainError as error:
        job.error = error
    except IntegrityError:
        db.session.rollback()
        job.ack = receipt_ack(job.actor.id, job.client_op_id) if job.client_op_id else None
        if job.ack is None:
            job.error = RuntimeError("integrity error")
    except Exception as error:  # reported to the client as a server error, never raised into the loop
        db.session.rollback()
        log.exception("op failed")
        job.error = error
    finally:
        if receipt is not None:
            current_receipt.reset(receipt)
