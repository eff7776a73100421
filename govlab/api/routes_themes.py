"""REST routes for affinity themes: the board's themes and a lane's suggested themes (changes: the theme.* ops)."""
from __future__ import annotations

from flask import g, jsonify, request

from ..services import theme_suggestions, themes
from . import bp, signed_in_actor


@bp.get("/projects/<id:project_id>/themes")
def list_themes(project_id: int):
    """The board's themes, lane by lane (anyone who may see the board); a card's theme is its theme_id."""
    return jsonify({"themes": themes.list_themes(g.actor, project_id)})


@bp.get("/projects/<id:project_id>/themes/suggestions")
def suggest_themes(project_id: int):
    """Facilitators: suggested themes for `?stage=` — the lane's ungrouped cards grouped by shared words.

    Read-only: accept one with the op theme.create {stage, name, card_ids}; dismissing needs no call.
    """
    actor = signed_in_actor()
    return jsonify(theme_suggestions.suggest_themes(actor, project_id, request.args.get("stage")))
