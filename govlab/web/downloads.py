"""Open-data downloads of a project for people: the project file (JSON) and its CSV tables."""
from __future__ import annotations

from flask import Blueprint, Response, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..domain import tabular
from ..services import tables, transfer

bp = Blueprint("downloads", __name__)

LABELS = {"json": _l("Whole project (JSON)"), "cards": _l("Cards (CSV)"), "prototypes": _l("Prototypes (CSV)"),
          "tests": _l("Tests (CSV)"), "decisions": _l("Decisions (CSV)")}


def _actor():
    return current_user if current_user.is_authenticated else None


@bp.get("/projects/<id:project_id>/export.json")
def project_file(project_id: int):
    """The project file (govlab.project.v2) as a download."""
    data = transfer.export_project(_actor(), project_id)
    disposition = tabular.content_disposition(data["project"]["id"], data["project"]["title"], "project.json")
    return Response(transfer.export_json(data), mimetype="application/json",
                    headers={"Content-Disposition": disposition})


@bp.get("/projects/<id:project_id>/export/<table>.csv")
def table(project_id: int, table: str):
    """One table of the project (cards, prototypes, tests, decisions) as CSV."""
    download = tables.project_table(_actor(), project_id, table)
    return Response(download.content, mimetype=download.mimetype,
                    headers={"Content-Disposition": download.disposition})


@bp.app_context_processor
def export_helpers() -> dict:
    """`export_downloads(project)` for templates/projects/_export.html: the files this viewer may download."""

    def export_downloads(project) -> dict:
        offer = tables.downloads_for(_actor(), project.id)
        links = [{"key": key, "label": str(LABELS[key]),
                  "url": url_for("downloads.project_file", project_id=project.id) if key == "json"
                  else url_for("downloads.table", project_id=project.id, table=key)} for key in offer["files"]]
        return {"files": links, "with_deleted": offer["with_deleted"]}

    return {"export_downloads": export_downloads}
