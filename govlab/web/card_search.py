"""The board's search page: cards of one project, Thai and English in one box (works without JavaScript)."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import current_user

from ..extensions import limiter
from ..services import card_search

bp = Blueprint("card_search", __name__)
# Each search may segment what is still queued for its board: a script must not make a process do only that.
search_limit = limiter.shared_limit(lambda: current_app.config["SEARCH_RATE_LIMIT"], scope="card-search")


@bp.get("/projects/<id:project_id>/search")
@search_limit
def search(project_id: int):
    """Search the live cards of a board the person may see (404 for a private board they are not a member of)."""
    actor = current_user if current_user.is_authenticated else None
    found = card_search.search_cards(actor, project_id, request.args.get("q", ""))
    return render_template("projects/search.html", **found)
