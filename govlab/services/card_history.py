"""Forgetting what a card once said: after a PDPA erasure its words survive nowhere on the server.

A card's text travels in more places than its row: every Event that carries the card (its snapshot,
the CRDT deltas of `card.text` and of REST edits), the frozen results of closed votes (titles), and the
card's CRDT history. The erasure rewrites all of them to the card's current (erased) text.
"""
from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..models import Card, Event, Vote
from .text import forget_history
from .unit_of_work import UnitOfWork

TEXT_DELTA_KEYS = ("update", "text_update")  # CRDT deltas: base64 bytes that hold the inserted words


def forget_card_text(unit: UnitOfWork, card: Card) -> int:
    """Rewrite every stored trace of the card's words to its current title and body; returns Events changed."""
    erased = {"title": card.title, "body": card.body}
    changed = 0
    events = db.session.scalars(select(Event).where(Event.project_id == card.project_id).order_by(Event.id))
    for event in events:
        payload = _rewrite(event.payload or {}, card.id, erased)
        snapshot = payload.get("card") if isinstance(payload, dict) else None
        if isinstance(snapshot, dict) and snapshot.get("id") == card.id:
            payload = {key: value for key, value in payload.items() if key not in TEXT_DELTA_KEYS}
        if payload != event.payload:
            event.payload = payload  # a new object, so the JSON column is written
            changed += 1
    for vote in db.session.scalars(select(Vote).where(Vote.project_id == card.project_id,
                                                       Vote.results.is_not(None))):
        results = _rewrite(vote.results, card.id, erased)
        if results != vote.results:
            vote.results = results
    forget_history(unit, card)
    return changed


def _rewrite(value, card_id: int, erased: dict, key: str | None = None):
    """A copy of `value` where the card's snapshots and the rows naming it carry the erased text."""
    if isinstance(value, list):
        return [_rewrite(item, card_id, erased, key) for item in value]
    if not isinstance(value, dict):
        return value
    out = {name: _rewrite(item, card_id, erased, name) for name, item in value.items()}
    if key == "card" and out.get("id") == card_id:
        out.update({name: text for name, text in erased.items() if name in out})
    elif out.get("card_id") == card_id and "title" in out:  # a vote's result row, a theme's card list
        out["title"] = erased["title"]
    return out
