"""REST routes for the evidence chain: links between cards and stage-gate decisions."""
from __future__ import annotations

from flask import g, jsonify, request

from ..services import gates, links
from ..services.serialize import link_to_dict
from . import bp, json_body


@bp.get("/projects/<id:project_id>/links")
def list_links(project_id: int):
    """The project's visible links (facilitators add include_hidden=1 for links of deleted cards)."""
    hidden = request.args.get("include_hidden") in ("1", "true")
    return jsonify({"links": links.list_links(g.actor, project_id, include_hidden=hidden)})


@bp.post("/projects/<id:project_id>/links")
def create_link(project_id: int):
    """Link two cards of the project: {from, to, type}."""
    return jsonify(link_to_dict(links.create_link(g.actor, project_id, json_body()))), 201


@bp.delete("/links/<id:link_id>")
def delete_link(link_id: int):
    """Remove a link."""
    links.delete_link(g.actor, None, {"id": link_id})
    return "", 204


@bp.get("/projects/<id:project_id>/owner-choices")
def list_owner_choices(project_id: int):
    """The organisations a prototype may be given as owner now (the board's menu asks each time it opens)."""
    from ..services import details
    from ..services.serialize import organisation_to_dict

    return jsonify({"organisations": [organisation_to_dict(org) for org in details.owner_choices(g.actor, project_id)]})


@bp.get("/projects/<id:project_id>/decisions")
def list_decisions(project_id: int):
    """The project's stage-gate decisions, oldest first (`current` marks each prototype's latest)."""
    return jsonify({"decisions": gates.list_decisions(g.actor, project_id)})
