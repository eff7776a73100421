"""REST routes for comments (read; changes are ops), following cards, mentions, and notifications."""
from __future__ import annotations

from flask import g, jsonify, request

from ..i18n import current_locale
from ..services import comments, follows, notifications
from ..services.serialize import iso
from . import bp, signed_in_actor


@bp.get("/cards/<id:card_id>/comments")
def list_comments(card_id: int):
    """A card's comments as the caller may see them, threads in order (changes: the comment.* ops)."""
    return jsonify(comments.list_comments(g.actor, card_id))


@bp.put("/cards/<id:card_id>/follow")
def follow_card(card_id: int):
    """Follow a card: be told of its status changes, decisions and comments."""
    return jsonify({"card_id": card_id, "following": follows.set_following(signed_in_actor(), card_id, True)})


@bp.delete("/cards/<id:card_id>/follow")
def unfollow_card(card_id: int):
    """Stop following a card (its author too)."""
    return jsonify({"card_id": card_id, "following": follows.set_following(signed_in_actor(), card_id, False)})


@bp.get("/projects/<id:project_id>/mentionable")
def mentionable(project_id: int):
    """Members of the project whose name contains `q` (for @mentions; NFC, any part of the name)."""
    return jsonify({"members": comments.mentionable(signed_in_actor(), project_id, request.args.get("q", ""))})


def _notification_dict(item: dict) -> dict:
    return {**item, "created_at": iso(item["created_at"])}


@bp.get("/notifications")
def list_notifications():
    """The caller's newest notifications (in the caller's language) and the unread count."""
    data = notifications.list_notifications(signed_in_actor(), current_locale(), request.args.get("limit"),
                                            request.args.get("before"))
    return jsonify({"notifications": [_notification_dict(item) for item in data["notifications"]],
                    "unread": data["unread"]})


@bp.post("/notifications/<id:notification_id>/read")
def read_notification(notification_id: int):
    """Mark one notification read."""
    row = notifications.mark_read(signed_in_actor(), notification_id)
    return jsonify({"id": row.id, "read": True, "unread": notifications.unread_count(row.user_id)})


@bp.post("/notifications/read-all")
def read_all_notifications():
    """Mark every notification of the caller read."""
    actor = signed_in_actor()
    return jsonify({"marked": notifications.mark_all_read(actor), "unread": notifications.unread_count(actor.id)})
