"""Group commit: many ops, each through its own service function, in one transaction.

The socket layer hands over the ops that arrived while the previous commit ran. Each op is still
validated, authorised and recorded by the same service function as a single REST call, inside its
own SAVEPOINT: an op that fails — refused by a rule, even after it changed rows, or failing in the
database (a value PostgreSQL refuses) — is rolled back to its savepoint and leaves nothing, and
the rest of the group commits. Retried ops are recognised up front from their stored receipts.
Only a failure of the commit itself sends the group down the one-op-per-transaction path.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Callable

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.util import identity_key

from ..change_count import changes
from ..domain.errors import DomainError
from ..extensions import db
from ..models import Card, OpReceipt, Project, User
from .access import roles_in
from .anonymity import ack_view
from .events import receipt_ack
from .serialize import result_dict
from .text import text_checkpoint, text_rollback, with_newest_row
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
    result_kind: str = "card"  # which object the ack carries: card, member or project
    ack: dict | None = None
    error: Exception | None = None
    done: Any = field(default=None, repr=False)

    def finish(self, result: Any, last_event: Any, roles: dict | None = None) -> None:
        """Build the success ack while the objects are still loaded (from the op's last Event, if any);
        on an anonymous board a participant's ack names nobody else (`roles`: the group's cached roles)."""
        ack = {"ok": True, "seq": last_event.seq if last_event is not None else None,
               self.result_kind: result_dict(self.result_kind, result, last_event)}
        self.ack = ack_view(ack, self.actor, self.project_id, last_event, roles)


def changes_access(events) -> bool:
    """Do these Events change who may see or write a board (visibility, status, a member's role)?"""
    return any(event.type in ("member.update", "member.remove") or (
        event.type == "project.update" and {"visibility", "status"} & set(event.payload.get("fields", ())))
        for event in events)


class _Redo(Exception):
    """An op failed after changing something: the group is run again with a savepoint per op."""


def run_batch(jobs: list[Job], precise: bool = False) -> None:
    """Apply the jobs in order in one transaction, then publish their Events; sets ack or error on each.

    The fast way runs the ops one after another and flushes once; an op refused before it changed
    anything (the services check before they change) simply gets its error. An op that fails after
    changing something, or a failure at the flush, makes the whole group run again `precise`ly:
    each op in its own SAVEPOINT, so the failing op leaves nothing and the rest still commit.
    An op that changes access (a board made private or archived, a member removed or demoted) ends
    its group: the ops after it commit in the next transaction, once the change is published and
    every socket's access has been re-derived, and with roles read afresh.
    """
    session = begin_write()
    todo, rest = list(jobs), []
    first_of: dict[tuple, Job] = {}
    batch = Batch()
    token = current_batch.set(batch)
    if len(todo) == 1:
        _run_single(session, batch, token, todo[0])
        return
    try:
        _answer_repeats(todo)
        _preload(session, batch, [job for job in todo if job.ack is None])
        for job in todo:
            if job.ack is not None:
                continue  # a retry of an op committed earlier: answered from its receipt
            if job.client_op_id:
                key = (job.actor.id, job.client_op_id)
                if key in first_of:
                    continue  # the same op twice in one batch: answered like its first copy below
                first_of[key] = job
            before = len(batch.unit.events)
            (_run_in_savepoint if precise else _run_fast)(session, batch, job)
            if job.error is None and changes_access(batch.unit.events[before:]):
                index = todo.index(job)
                todo, rest = todo[:index + 1], todo[index + 1:]
                break
        published = batch.unit.write(session)
        session.commit()
    except Exception as error:
        session.rollback()
        current_batch.reset(token)
        if not precise and not isinstance(error, IntegrityError):
            for job in jobs:
                job.ack, job.error = None, None
            run_batch(jobs, precise=True)
            return
        if not isinstance(error, IntegrityError):
            log.exception("group commit failed; applying its ops one by one")
        for job in todo + rest:
            job.ack, job.error = None, None
            _run_alone(job)
        return
    current_batch.reset(token)
    # After the try: nothing that runs once the commit has succeeded may send the ops down the retry path.
    batch.unit.committed()
    for job in todo:
        first = first_of.get((job.actor.id, job.client_op_id)) if job.client_op_id else None
        if first is not None and first is not job:
            job.ack, job.error = (dict(first.ack, duplicate=True) if first.ack else None), first.error
    publish(published)
    if rest:
        run_batch(rest)


def _run_single(session, batch: Batch, token, job: Job) -> None:
    """A group of one op (a quiet board): its transaction is its savepoint, and a retry is recognised by
    the receipt's unique key instead of a query first — fewer statements on the path that sets latency."""
    try:
        _preload(session, batch, [job])
        events_before = len(batch.unit.events)
        result = job.run()
        last_event = batch.unit.events[-1] if len(batch.unit.events) > events_before else None
        if last_event is not None and job.client_op_id:
            batch.unit.add_receipt(job.actor.id, job.client_op_id, last_event)
        published = batch.unit.write(session)
        session.commit()
    except DomainError as error:
        session.rollback()
        # A retry whose first copy committed may now break a rule the first one met (the link exists, the
        # invitation is waiting): answer it from its receipt, as any retry is, not with the rule.
        job.ack = receipt_ack(job.actor.id, job.client_op_id) if job.client_op_id else None
        job.error = None if job.ack is not None else error
    except IntegrityError:  # the receipt exists: a retry of an op committed earlier
        session.rollback()
        job.ack = receipt_ack(job.actor.id, job.client_op_id) if job.client_op_id else None
        if job.ack is None:
            job.error = RuntimeError("integrity error")
    except Exception as error:  # reported as a server error; nothing was stored
        session.rollback()
        log.exception("op failed")
        job.error = error
    else:
        current_batch.reset(token)
        batch.unit.committed()
        job.finish(result, last_event, batch.roles)
        publish(published)
        return
    current_batch.reset(token)


def _marks(session) -> tuple[int, int]:
    """What tells whether an op changed anything: this thread's count of changes to mapped objects, and the
    deletions not flushed yet (session.delete itself has no event)."""
    return changes(), len(session.deleted)


def _run_fast(session, batch: Batch, job: Job) -> None:
    """Run one op without a savepoint; raise _Redo when it failed after changing something."""
    unit = batch.unit
    events_before, marks_before, texts_before = len(unit.events), _marks(session), text_checkpoint(unit)
    try:
        result = job.run()
    except DomainError as error:
        if len(unit.events) != events_before or _marks(session) != marks_before \
                or text_checkpoint(unit) != texts_before:
            raise _Redo() from error
        job.error = error
        return
    except Exception as error:
        raise _Redo() from error  # unknown failure: the precise run isolates it
    last_event = unit.events[-1] if len(unit.events) > events_before else None
    if last_event is not None and job.client_op_id:
        unit.add_receipt(job.actor.id, job.client_op_id, last_event)
    job.finish(result, last_event, batch.roles)


def _run_in_savepoint(session, batch: Batch, job: Job) -> None:
    """Run one op inside a SAVEPOINT; on any failure roll back to it and forget what the op recorded."""
    unit = batch.unit
    events_before, receipts_before = len(unit.events), len(unit.receipts)
    seqs_before = {project_id: project.last_seq for project_id, project in batch.projects.items()}
    texts_before = text_checkpoint(unit)
    hooks_before = set(unit.after_commit)  # a failed op's after-commit messages (private sends) must not go
    savepoint = session.begin_nested()
    try:
        result = job.run()
        session.flush()  # a value the database refuses fails here, inside this op's savepoint
    except Exception as error:  # noqa: BLE001 - every failure is this op's alone
        savepoint.rollback()
        del unit.events[events_before:]
        del unit.receipts[receipts_before:]
        for project_id, project in batch.projects.items():
            project.last_seq = seqs_before.get(project_id, project.last_seq)
        text_rollback(unit, texts_before)
        for name in set(unit.after_commit) - hooks_before:
            del unit.after_commit[name]
        batch.cards.clear()  # rows were expired by the rollback: later ops load them afresh
        if not isinstance(error, DomainError):
            log.exception("op failed inside a group; the rest of the group goes on")
        job.error = error
        return
    savepoint.commit()
    last_event = unit.events[-1] if len(unit.events) > events_before else None
    if last_event is not None and job.client_op_id:
        unit.add_receipt(job.actor.id, job.client_op_id, last_event)
    job.finish(result, last_event, batch.roles)


def _answer_repeats(jobs: list[Job]) -> None:
    """Answer ops whose client_op_id already has a stored receipt (a retry after a lost ack), in one query."""
    keys = {(job.actor.id, job.client_op_id) for job in jobs if job.client_op_id}
    if not keys:
        return
    # Two IN lists (not a row-value IN, which SQLite answers with a scan of every receipt): the unique
    # index on (user_id, client_op_id) finds each candidate; exact pairs are picked below.
    stored = set(db.session.execute(_STORED_RECEIPTS, {"users": list({user for user, _op in keys}),
                                                        "ops": list({op for _user, op in keys})}).all()) & keys
    for job in jobs:
        if job.client_op_id and (job.actor.id, job.client_op_id) in stored:
            job.ack = receipt_ack(job.actor.id, job.client_op_id)


def _preload(session, batch: Batch, jobs: list[Job]) -> None:
    """Lock and load each project once, and load the ops' roles (and, for several ops, their cards and
    text documents) in one query each."""
    for project_id in sorted({job.project_id for job in jobs}):
        if session.get_bind().dialect.name != "sqlite":
            session.execute(select(Project.id).where(Project.id == project_id).with_for_update())
        project = session.execute(_PROJECT_FRESH, {"project_id": project_id}).scalar_one_or_none()
        if project is not None:
            batch.projects[project_id] = project
            batch.roles.update(roles_in(project, {job.actor for job in jobs if job.project_id == project_id}))
    card_ids = list({job.card_id for job in jobs if isinstance(job.card_id, int)})
    if card_ids:
        # One statement for the cards and their texts' newest rows (two, plus a flush between them, otherwise).
        if len(card_ids) > 1:
            rows = session.execute(_CARDS_WITH_NEWEST_ROW, {"card_ids": card_ids}).all()
        else:
            rows = session.execute(_CARD_WITH_NEWEST_ROW, {"card_id": card_ids[0]}).all()
        batch.cards = {card.id: card for card, _newest in rows}
        batch.text_marks = {card_id: None for card_id in card_ids}  # a card without a document has no newest row
        batch.text_marks.update((card.id, newest) for card, newest in rows)
    # Every new card's Event names its author (card.author): one query for the group's people, so those
    # lookups find them in the identity map instead of one query per op (200 people: 200 authors). People who
    # are already there (the cards' authors, loaded with the cards: everyone editing their own card) are not
    # read again.
    people = {job.actor.id for job in jobs if isinstance(getattr(job.actor, "id", None), int)}
    people = [person for person in people if identity_key(User, person) not in session.identity_map]
    if len(people) > 1:
        batch.people = list(session.scalars(_PEOPLE, {"ids": people}))


# Built once (a new statement's cache key costs more than running it, and an IN list's coercion as much
# again): the ops' cards with their text marks, the group's people, stored receipts, and the project row
# read afresh under its lock (session.get built its statement anew: a fifth of a lone op).
_CARD_WITH_NEWEST_ROW = with_newest_row(select(Card).where(Card.id == bindparam("card_id")))
_CARDS_WITH_NEWEST_ROW = with_newest_row(select(Card).where(Card.id.in_(bindparam("card_ids", expanding=True))))
_PEOPLE = select(User).where(User.id.in_(bindparam("ids", expanding=True)))
_STORED_RECEIPTS = select(OpReceipt.user_id, OpReceipt.client_op_id).where(
    OpReceipt.user_id.in_(bindparam("users", expanding=True)), OpReceipt.client_op_id.in_(bindparam("ops", expanding=True)))
_PROJECT_FRESH = select(Project).where(Project.id == bindparam("project_id")).execution_options(
    populate_existing=True)


def _run_alone(job: Job) -> None:
    """The slow path: one transaction for one op (used when a group's commit fails as a whole)."""
    receipt = current_receipt.set((job.actor.id, job.client_op_id)) if job.client_op_id else None
    last_committed.set(None)
    try:
        result = job.run()
        job.finish(result, last_committed.get())
    except DomainError as error:
        db.session.rollback()
        job.ack = receipt_ack(job.actor.id, job.client_op_id) if job.client_op_id else None
        job.error = None if job.ack is not None else error
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
