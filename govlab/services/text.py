"""Collaborative card text: CRDT updates stored append-only, projected onto the card's title and body.

Rebuilding a card's document from its stored updates on every keystroke would cost more than the
keystroke itself, so each process keeps recent documents in a cache (`TextDocs`), each tagged with
the id of the last stored update it holds. Update rows of one card are only written under the
project's lock, so their ids grow in commit order: a cached document whose tag equals the card's
newest row id is current, one with a smaller tag only needs the newer rows (written by another
process), and anything else is rebuilt from the rows. A document is checked out of the cache for the
length of a transaction and goes back only after that transaction commits, so a rolled-back or
refused change never leaves its trace in the cache.
"""
from __future__ import annotations

import base64
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import delete, func, insert, select

from ..domain import schemas
from ..domain.crdt import TEXT_FIELDS, CardText
from ..domain.errors import N_, ValidationError
from ..extensions import db
from ..models import Card, CardTextUpdate
from ..models.base import utcnow
from .access import actor_id, load_card
from .card_index import touch as touch_index
from .registry import op
from .serialize import card_to_dict
from .unit_of_work import UnitOfWork, current_batch, write_transaction

COMPACT_AFTER = 200  # rows per card before they are merged into one
CACHE_CAPACITY = 1024  # documents kept per process


@dataclass
class _Working:
    """A card's document checked out for one transaction, with the rows this transaction adds."""

    text: CardText
    mark: int | None  # id of the newest stored row the document holds (None: no row yet)
    rows: int  # rows stored for the card, as far as this process knows (for compaction)
    pending: list[bytes] = field(default_factory=list)  # updates to store when the transaction writes


class TextDocs:
    """Per-process cache of card documents: card id -> (document, newest row id held, row count)."""

    def __init__(self, capacity: int = CACHE_CAPACITY) -> None:
        self.capacity = capacity
        self._lock = threading.Lock()
        self._docs: OrderedDict[int, tuple[CardText, int, int]] = OrderedDict()

    def take(self, card_id: int) -> tuple[CardText, int, int] | None:
        """Remove and return a card's document (one transaction uses it at a time)."""
        with self._lock:
            return self._docs.pop(card_id, None)

    def put(self, card_id: int, text: CardText, mark: int, rows: int) -> None:
        """Keep a committed document, unless a newer one is already back; evict the least recently used."""
        with self._lock:
            held = self._docs.get(card_id)
            if held is None or held[1] <= mark:
                self._docs[card_id] = (text, mark, rows)
                self._docs.move_to_end(card_id)
            while len(self._docs) > self.capacity:
                self._docs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._docs)


def text_docs() -> TextDocs:
    """This application's document cache (per app: tests run several apps on different databases)."""
    return current_app.extensions.setdefault("govlab_text_docs", TextDocs())


def encode(update: bytes) -> str:
    """Updates travel as base64 in JSON."""
    return base64.b64encode(update).decode()


def decode(value: object) -> bytes:
    """Base64 text or raw bytes (Socket.IO binary) to bytes."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except ValueError:
            pass
    raise ValidationError(N_("The text update must be base64 or binary."), field="update")


def newest_rows(card_ids: list[int]) -> dict[int, int]:
    """The id of each card's newest stored update (cards without a document are absent)."""
    return dict(db.session.execute(select(CardTextUpdate.card_id, func.max(CardTextUpdate.id))
                                   .where(CardTextUpdate.card_id.in_(card_ids))
                                   .group_by(CardTextUpdate.card_id)).all())


def with_newest_row(query):
    """`query` (a select of Card) with one more column: the id of the card's newest stored update, or None."""
    return query.add_columns(select(func.max(CardTextUpdate.id)).where(CardTextUpdate.card_id == Card.id)
                             .scalar_subquery())


def _newest_row(card_id: int) -> int | None:
    batch = current_batch.get()
    if batch is not None and card_id in batch.text_marks:  # looked up for the whole group at once
        return batch.text_marks[card_id]
    return newest_rows([card_id]).get(card_id)


def _rows(card_id: int, after: int | None = None) -> list[tuple[int, bytes]]:
    query = select(CardTextUpdate.id, CardTextUpdate.update).where(CardTextUpdate.card_id == card_id)
    if after is not None:
        query = query.where(CardTextUpdate.id > after)
    return list(db.session.execute(query.order_by(CardTextUpdate.id)).all())


def _checkout(unit: UnitOfWork, card: Card, seed: bool) -> _Working | None:
    """The card's current document for this transaction (seeded from the plain text if `seed`)."""
    working = unit.texts.get(card.id)
    if working is not None:
        return working
    newest = _newest_row(card.id)
    cached = text_docs().take(card.id)
    if newest is not None and cached is not None and cached[1] <= newest:
        text, mark, count = cached
        newer = _rows(card.id, after=mark) if mark < newest else []  # written by another process
        for _row_id, update in newer:
            text.doc.apply_update(update)
        working = _Working(text, newest, count + len(newer))
    else:
        rows = _rows(card.id) if newest is not None else []
        if rows:
            working = _Working(CardText([update for _row_id, update in rows]), rows[-1][0], len(rows))
        elif seed:
            text, update = CardText.seeded(card.title, card.body)
            working = _Working(text, None, 0)
            _append(working, update)
        else:
            return None
    unit.before_write.setdefault("text", lambda connection: _store(unit, connection))
    unit.after_commit.setdefault("text", lambda: _check_in(unit))
    unit.texts[card.id] = working
    return working


def _append(working: _Working, update: bytes) -> None:
    working.pending.append(update)
    working.rows += 1


def _rebuild(working: _Working, card_id: int) -> None:
    """Make the document exactly what is stored plus what this transaction will store (after a refusal)."""
    stored = [update for _row_id, update in _rows(card_id)]
    working.text = CardText(stored + working.pending)


def _store(unit: UnitOfWork, connection) -> None:
    """When the transaction writes: insert every pending update (one multi-row insert) and tag the documents."""
    now = utcnow()
    rows = [{"card_id": card_id, "update": update, "created_at": now}
            for card_id, working in unit.texts.items() for update in working.pending]
    if not rows:
        return
    stored = connection.execute(insert(CardTextUpdate).returning(CardTextUpdate.id, CardTextUpdate.card_id), rows)
    for row_id, card_id in stored:
        working = unit.texts[card_id]
        working.mark = max(row_id, working.mark or 0)
    for working in unit.texts.values():
        working.pending.clear()


def _check_in(unit: UnitOfWork) -> None:
    """After commit: the transaction's documents go back to the cache, tagged with their newest row."""
    cache = text_docs()
    for card_id, working in unit.texts.items():
        if working.mark is not None:
            cache.put(card_id, working.text, working.mark, working.rows)


def text_checkpoint(unit: UnitOfWork) -> dict[int, tuple[list[bytes], int]]:
    """What each checked-out document will store, before an op of a group runs (see text_rollback)."""
    return {card_id: (list(working.pending), working.rows) for card_id, working in unit.texts.items()}


def text_rollback(unit: UnitOfWork, checkpoint: dict[int, tuple[list[bytes], int]]) -> None:
    """An op of a group failed: documents it checked out are dropped, those it changed are rebuilt."""
    for card_id in list(unit.texts):
        if card_id not in checkpoint:
            unit.texts.pop(card_id)  # checked out by the failed op only: never stored, never cached
            continue
        working = unit.texts[card_id]
        pending, rows = checkpoint[card_id]
        if working.pending != pending or working.rows != rows:
            working.pending, working.rows = list(pending), rows
            _rebuild(working, card_id)


def _compact(working: _Working, card_id: int) -> None:
    """Replace many small rows by one merged update (same document, fewer rows to read)."""
    if working.rows > COMPACT_AFTER:
        db.session.execute(delete(CardTextUpdate).where(CardTextUpdate.card_id == card_id),
                           execution_options={"synchronize_session": False})
        working.pending.clear()
        working.rows = 0
        _append(working, working.text.full_update())


def forget_history(unit: UnitOfWork, card: Card) -> None:
    """Keep only the card's document as it is now: the earlier rows (which hold deleted words) go.

    A merged document no longer holds deleted text (the CRDT garbage-collects it), so after an erasure
    one merged row is all that is left of what the card once said.
    """
    working = _checkout(unit, card, seed=False)
    if working is not None:
        working.rows = COMPACT_AFTER + 1  # compact now, whatever the count
        _compact(working, card.id)


def text_state(actor, card_id: object, in_project: int | None = None) -> dict:
    """The full CRDT state of a card's text, for a client opening it: {card_id, update, seq}."""
    with write_transaction() as unit:
        card, project, _role = load_card(actor, card_id, need="view_locked", in_project=in_project)
        update = _checkout(unit, card, seed=True).text.full_update()
        seq = project.last_seq
    return {"card_id": card.id, "update": encode(update), "seq": seq}


@op("card.text", schemas.CardText, events=("card.text",))
def text_op(actor, project_id: int | None, data: dict) -> Card:
    """Merge a base64 Yjs update into the card's text (live typing); the title may be empty meanwhile."""
    return apply_text_update(actor, data["id"], data["update"], in_project=project_id)


def apply_text_update(actor, card_id: object, update: object, in_project: int | None = None) -> Card:
    """Merge a client's CRDT update into the card's text (members and facilitators).

    The update is stored, the title/body projection refreshed, and a `card.text` Event carries the
    update to the other clients. A title may be empty while people type; limits still hold.
    """
    raw = decode(update)
    with write_transaction() as unit:
        card, project, _role = load_card(actor, card_id, in_project=in_project)
        working = _checkout(unit, card, seed=True)
        try:
            values = working.text.apply(raw)
        except Exception:
            # A refused update may have half-changed the document: rebuild it from what will be stored.
            _rebuild(working, card.id)
            raise
        if values is None:  # a re-sent or empty update: nothing to store or tell anyone
            return card
        _append(working, raw)
        changed = [name for name in TEXT_FIELDS if getattr(card, name) != values[name]]
        for name in changed:
            setattr(card, name, values[name])
        if changed:
            touch_index(unit, [card.id])  # segmented after the commit, once per burst of typing
        card.version += 1
        card.updated_at = utcnow()
        _compact(working, card.id)
        unit.record(project, actor_id(actor), "card.text",
                    {"card": card_to_dict(card), "fields": changed, "update": encode(raw)})
    return card


def replace_text(unit: UnitOfWork, card: Card, values: dict[str, str]) -> str | None:
    """Mirror a whole-field edit (REST or form) into the CRDT document, if it exists; return the update."""
    working = _checkout(unit, card, seed=False)
    if working is None:
        return None  # seeded lazily from the plain text on first collaborative use
    before = working.text.doc.get_state()
    for name, value in values.items():
        if working.text.value(name) != value:
            working.text.replace(name, value)
    delta = working.text.doc.get_update(before)
    _append(working, delta)
    _compact(working, card.id)
    return encode(delta)
