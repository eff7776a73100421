"""Collaborative card text: CRDT updates stored append-only, projected onto the card's title and body."""
from __future__ import annotations

import base64

from sqlalchemy import delete, func, select

from ..domain.crdt import TEXT_FIELDS, CardText
from ..domain.errors import N_, ValidationError
from ..extensions import db
from ..models import Card, CardTextUpdate
from ..models.base import utcnow
from .access import actor_id, load_card
from .serialize import card_to_dict
from .unit_of_work import current_batch, write_transaction

COMPACT_AFTER = 200  # rows per card before they are merged into one


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


def _stored(card_id: int) -> list[bytes]:
    return list(db.session.scalars(select(CardTextUpdate.update).where(CardTextUpdate.card_id == card_id)
                                   .order_by(CardTextUpdate.id)))


def _document(card: Card) -> CardText:
    """The card's CRDT document; the first use seeds it from the plain text (under the project lock)."""
    updates = _stored(card.id)
    if updates:
        return CardText(updates)
    text, seed = CardText.seeded(card.title, card.body)
    db.session.add(CardTextUpdate(card_id=card.id, update=seed))
    batch = current_batch.get()
    if batch is not None and batch.text_docs is not None:
        batch.text_docs.add(card.id)
    return text


def _compact(card_id: int, text: CardText) -> None:
    """Replace many small rows by one merged update (same document, fewer rows to read)."""
    count = db.session.scalar(select(func.count()).select_from(CardTextUpdate)
                              .where(CardTextUpdate.card_id == card_id))
    if count > COMPACT_AFTER:
        db.session.execute(delete(CardTextUpdate).where(CardTextUpdate.card_id == card_id))
        db.session.add(CardTextUpdate(card_id=card_id, update=text.full_update()))


def text_state(actor, card_id: object, in_project: int | None = None) -> dict:
    """The full CRDT state of a card's text, for a client opening it: {card_id, update, seq}."""
    with write_transaction():
        card, project, _role = load_card(actor, card_id, need="view_locked", in_project=in_project)
        update = _document(card).full_update()
        seq = project.last_seq
    return {"card_id": card.id, "update": encode(update), "seq": seq}


def apply_text_update(actor, card_id: object, update: object, in_project: int | None = None) -> Card:
    """Merge a client's CRDT update into the card's text (members and facilitators).

    The update is stored, the title/body projection refreshed, and a `card.text` Event carries the
    update to the other clients. A title may be empty while people type; limits still hold.
    """
    raw = decode(update)
    with write_transaction() as unit:
        card, project, _role = load_card(actor, card_id, in_project=in_project)
        text = _document(card)
        values = text.apply(raw)
        if values is None:  # a re-sent or empty update: nothing to store or tell anyone
            return card
        db.session.add(CardTextUpdate(card_id=card.id, update=raw))
        changed = [name for name in TEXT_FIELDS if getattr(card, name) != values[name]]
        for name in changed:
            setattr(card, name, values[name])
        card.version += 1
        card.updated_at = utcnow()
        _compact(card.id, text)
        db.session.flush()
        unit.record(project, actor_id(actor), "card.text",
                    {"card": card_to_dict(card), "fields": changed, "update": encode(raw)})
    return card


def replace_text(card: Card, values: dict[str, str]) -> str | None:
    """Mirror a whole-field edit (REST or form) into the CRDT document, if it exists; return the update."""
    batch = current_batch.get()
    if batch is not None and batch.text_docs is not None and card.id not in batch.text_docs:
        return None
    updates = _stored(card.id)
    if not updates:
        return None  # seeded lazily from the plain text on first collaborative use
    text = CardText(updates)
    before = text.doc.get_state()
    for name, value in values.items():
        if text.value(name) != value:
            text.replace(name, value)
    delta = text.doc.get_update(before)
    db.session.add(CardTextUpdate(card_id=card.id, update=delta))
    _compact(card.id, text)
    return encode(delta)
