"""Workshop pages: the projector view (big timer, instruction, results) and the printable summary."""
from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request, url_for
from flask_login import current_user

from ..domain import board as board_rules
from ..domain import permissions
from ..domain import guests as guest_rules
from ..domain import workshop as rules
from ..domain.tabular import content_disposition
from ..domain.errors import N_, NotFound
from ..i18n import label, translate
from ..services import join_codes, workshops
from ..services.access import load_project, parse_id
from ..services.outbox import external_url
from ..services.workshop_summary import workshop_summary
from .workshop_client import workshop_client

bp = Blueprint("workshops", __name__)


def _actor():
    return current_user if current_user.is_authenticated else None


@bp.get("/projects/<id:project_id>/workshop/projector")
def projector(project_id: int):
    """The big-screen view of the current activity: instruction, shared timer, vote results."""
    project, role = load_project(_actor(), project_id, "view")
    client = {"projectId": project.id, "workshop": workshop_client(project.id, role, False)}
    join = None
    if permissions.can_manage(role):  # the join code and its QR: facilitators' screens only, never a watcher's
        join = join_box(project.id)
        client["join"] = {"codesUrl": url_for("api.list_join_codes", project_id=project.id)}
    return render_template("workshop/projector.html", project=project, join=join,
                           client_json=json.dumps(client).replace("<", "\\u003c"))


def join_box(project_id: int) -> dict:
    """The projector's join box: where to go, the newest live code and its QR (None: no live code yet)."""
    rows, _counts, _titles = join_codes.list_codes(_actor(), project_id)
    live = join_codes.newest_live(rows)
    address = external_url("guests.join").split("://", 1)[-1]  # read aloud and typed: no "https://"
    return {"address": address, "code": guest_rules.shown(live.code) if live else None,
            "qr": url_for("guests.qr", project_id=project_id, code_id=live.id, fmt="svg") if live else None}


@bp.get("/projects/<id:project_id>/workshop/summary")
def summary(project_id: int):
    """The summary of a workshop (`?workshop=ID`, default the board's current one); `?format=md` downloads Markdown."""
    chosen = request.args.get("workshop")
    if chosen is None:
        current = workshops.current_of(workshops.list_workshops(_actor(), project_id))
        if current is None:
            raise NotFound(N_("No such workshop."))
        chosen = current.id
    data = workshop_summary(_actor(), project_id, parse_id(chosen, "workshop"))
    labels = {"kinds": {k: translate(v) for k, v in rules.KIND_LABELS.items()},
              "stages": {s.key: translate(s.label) for s in board_rules.STAGES},
              "sectors": workshop_client(project_id, None, False)["sectors"]}
    if request.args.get("format") == "md":
        text = render_template("workshop/summary.md", data=data, labels=labels)
        disposition = content_disposition(data["project"].id, data["project"].title,
                                          f"workshop-{data['workshop'].id}.md")
        return Response(text, mimetype="text/markdown; charset=utf-8", headers={"Content-Disposition": disposition})
    return render_template("workshop/summary.html", data=data, labels=labels, project=data["project"],
                           can_manage=permissions.can_manage(data["role"]), label=label)
