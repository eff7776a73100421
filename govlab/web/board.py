"""The board page; the browser enhances it with the REST API (and live updates)."""
from __future__ import annotations

import json

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..domain import board as rules
from ..domain import permissions
from ..domain.errors import DomainError
from ..i18n import translate
from ..services import cards
from .forms import CardForm

bp = Blueprint("board", __name__)


def _actor():
    return current_user if current_user.is_authenticated else None


@bp.get("/projects/<id:project_id>")
def project_home(project_id: int):
    """A project's address opens its board."""
    return redirect(url_for("board.show", project_id=project_id))


@bp.get("/projects/<id:project_id>/board")
def show(project_id: int):
    """Four lanes with their cards; read-only unless the viewer may edit."""
    include_deleted = request.args.get("deleted") == "1"
    snapshot = cards.board_snapshot(_actor(), project_id, include_deleted=include_deleted)
    project = snapshot["project"]
    can_edit = permissions.can_edit_board(project["role"], project["status"])
    can_manage = permissions.can_manage(project["role"])
    limits = {"title": rules.TITLE_MAX, "body": rules.BODY_MAX}
    lanes = []
    for stage in rules.STAGES:
        lanes.append({"key": stage.key, "label": translate(stage.label), "hint": translate(stage.hint),
                      "kinds": [(k, translate(rules.KIND_LABELS[k])) for k in stage.kinds],
                      "default_kind": stage.default_kind,
                      "cards": [c for c in snapshot["cards"] if c["stage"] == stage.key]})
    client = {"projectId": project["id"], "seq": snapshot["seq"], "canEdit": can_edit, "canManage": can_manage,
              "stages": [{"key": lane["key"], "label": lane["label"], "kinds": lane["kinds"],
                          "defaultKind": lane["default_kind"]} for lane in lanes],
              "colors": [(c, translate(rules.COLOR_LABELS[c])) for c in rules.COLORS],
              "kindLabels": {k: translate(v) for k, v in rules.KIND_LABELS.items()},
              "limits": limits}
    return render_template("board.html", project=project, lanes=lanes, can_edit=can_edit, can_manage=can_manage,
                           limits=limits, include_deleted=include_deleted,
                           client_json=json.dumps(client).replace("<", "\\u003c"),
                           card_form=CardForm(), colors=rules.COLORS)


@bp.post("/projects/<id:project_id>/board/cards")
def add_card(project_id: int):
    """Add a card without JavaScript (the same service as the API)."""
    form = CardForm()
    if form.validate_on_submit():
        data = {"stage": form.stage.data, "title": form.title.data or "", "body": form.body.data or "",
                "color": form.color.data or None, "kind": form.kind.data or None}
        try:
            cards.create_card(_actor(), project_id, data)
        except DomainError as error:
            if error.code in ("forbidden", "not_found", "unauthorized"):
                raise
            flash(translate(error.message, error.params), "error")
        else:
            flash(_("Card added."), "success")
    return redirect(url_for("board.show", project_id=project_id))
