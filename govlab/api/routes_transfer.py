"""REST routes for open data: the project export (JSON), its CSV tables, and importing an export."""
from __future__ import annotations

from flask import Response, current_app, g, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..domain.errors import N_
from ..errors import ApiError
from ..i18n import translate
from ..services import tables, transfer
from . import bp, signed_in_actor


@bp.get("/projects/<id:project_id>/export")
def export_project(project_id: int):
    """Everything about the project as one JSON document (format govlab.project.v2)."""
    return jsonify(transfer.export_project(g.actor, project_id))


@bp.get("/projects/<id:project_id>/export/<table>.csv")
def export_table(project_id: int, table: str):
    """One table (cards, prototypes, tests, decisions) as CSV for spreadsheets."""
    download = tables.project_table(g.actor, project_id, table)
    return Response(download.content, mimetype=download.mimetype,
                    headers={"Content-Disposition": download.disposition})


@bp.post("/import")
def import_project():
    """Rebuild a project from an export (the body); the caller becomes its facilitator."""
    actor = signed_in_actor()
    if not request.is_json:
        raise ApiError("unsupported_media_type", translate("Send the body as application/json."))
    limit = current_app.config["IMPORT_MAX_BYTES"]
    request.max_content_length = limit  # this route only: a project file is bigger than any other body
    try:
        raw = request.get_data(cache=False)
    except RequestEntityTooLarge:
        raise ApiError("too_large", translate(N_("The file is too large (at most %(max)d MB)."),
                                              max=limit // (1024 * 1024))) from None
    project, warnings = transfer.import_project(actor, raw, limit)
    return jsonify(transfer.imported_summary(actor, project, warnings)), 201
