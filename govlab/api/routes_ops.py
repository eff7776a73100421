"""REST access to every registered op: the same changes, validation and Events as the socket `op`."""
from __future__ import annotations

from flask import g, jsonify

from ..errors import ApiError
from ..i18n import translate
from ..services.ops import apply_op
from . import bp, json_body


@bp.post("/projects/<id:project_id>/ops")
def post_op(project_id: int):
    """Apply one op {type, client_op_id?, data} to the project's board (see docs/protocol.md)."""
    if g.actor is None:
        raise ApiError("unauthorized", translate("Please sign in to make changes."))
    return jsonify(apply_op(g.actor, project_id, json_body()))
