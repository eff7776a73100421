"""REST routes for cards (in anonymous mode a participant reads no one else's authorship)."""
from __future__ import annotations

from flask import g, jsonify

from ..services import cards
from ..services.anonymity import card_view
from . import bp, json_body


@bp.post("/projects/<id:project_id>/cards")
def create_card(project_id: int):
    """Add a card to a lane (members and facilitators)."""
    card = cards.create_card(g.actor, project_id, json_body())
    return jsonify(card_view(g.actor, card)), 201


@bp.get("/cards/<id:card_id>")
def get_card(card_id: int):
    """One live card."""
    return jsonify(card_view(g.actor, cards.get_card(g.actor, card_id)))


@bp.patch("/cards/<id:card_id>")
def update_card(card_id: int):
    """Edit a card's content and/or move it (stage with after, before or position)."""
    return jsonify(card_view(g.actor, cards.update_card(g.actor, card_id, json_body())))


@bp.delete("/cards/<id:card_id>")
def delete_card(card_id: int):
    """Soft-delete a card; the response is the deleted card so it can be restored."""
    return jsonify(card_view(g.actor, cards.delete_card(g.actor, card_id)))


@bp.post("/cards/<id:card_id>/restore")
def restore_card(card_id: int):
    """Bring back a deleted card (facilitators)."""
    return jsonify(card_view(g.actor, cards.restore_card(g.actor, card_id)))
