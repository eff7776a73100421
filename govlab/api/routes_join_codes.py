"""REST routes of join codes (facilitators): list with how many joined, make one, give one more time, withdraw one."""
from __future__ import annotations

from flask import g, jsonify, url_for

from ..services import join_codes
from ..services.outbox import external_url
from . import bp, json_body


def _full(row, guests: int) -> dict:
    """A code for its facilitators: the code itself, the page it opens and its QR images."""
    return {**join_codes.code_to_dict(row, guests, with_code=True),
            "join_url": external_url("guests.join_code", code=row.code),
            "qr_svg_url": url_for("guests.qr", project_id=row.project_id, code_id=row.id, fmt="svg"),
            "qr_png_url": url_for("guests.qr", project_id=row.project_id, code_id=row.id, fmt="png")}


@bp.get("/projects/<id:project_id>/join-codes")
def list_join_codes(project_id: int):
    """Facilitators: the project's join codes, newest first, with the code, its QR and how many joined."""
    rows, counts, _titles = join_codes.list_codes(g.actor, project_id)
    return jsonify({"join_codes": [_full(row, counts.get(row.id, 0)) for row in rows]})


@bp.post("/projects/<id:project_id>/join-codes")
def create_join_code(project_id: int):
    """Facilitators: make a join code for a workshop (op join_code.create)."""
    row = join_codes.create_code(g.actor, project_id, json_body())
    return jsonify(_full(row, 0)), 201


@bp.post("/projects/<id:project_id>/join-codes/<id:code_id>/extend")
def extend_join_code(project_id: int, code_id: int):
    """Facilitators: a live join code works `minutes` longer, and so do its guests (op join_code.extend)."""
    row = join_codes.extend_code(g.actor, project_id, {**json_body(), "id": code_id})
    return jsonify(_full(row, join_codes.guest_counts([row.id]).get(row.id, 0)))


@bp.delete("/projects/<id:project_id>/join-codes/<id:code_id>")
def revoke_join_code(project_id: int, code_id: int):
    """Facilitators: withdraw a join code (op join_code.revoke); its guests' access ends now."""
    join_codes.revoke_code(g.actor, project_id, {"id": code_id})
    return "", 204
