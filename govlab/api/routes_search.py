"""REST search over a board's cards (read only)."""
from __future__ import annotations

from flask import g, jsonify, request

from ..services import card_search
from ..web.card_search import search_limit
from . import bp


@bp.get("/projects/<id:project_id>/search")
@search_limit
def search_cards(project_id: int):
    """Live cards of the board that match `q`, best first, with highlight pieces (404 for a hidden board)."""
    found = card_search.search_cards(g.actor, project_id, request.args.get("q", ""))
    return jsonify({"query": found["query"], "terms": found["terms"],
                    "results": [card_search.result_dict(hit) for hit in found["results"]]})
