"""The board page; the browser enhances it with the REST API (and live updates)."""
from __future__ import annotations

import json
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..domain import board as rules
from ..domain import evidence, permissions
from ..domain.errors import DomainError
from ..i18n import current_locale, translate
from ..services import cards, details
from .context import org_name
from .forms import CardForm
from .theme_client import theme_client
from .workshop_client import workshop_client

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
              "me": current_user.id if current_user.is_authenticated else None,  # "You" on one's own cards
              "stages": [{"key": lane["key"], "label": lane["label"], "kinds": lane["kinds"],
                          "defaultKind": lane["default_kind"]} for lane in lanes],
              "colors": [(c, translate(rules.COLOR_LABELS[c])) for c in rules.COLORS],
              "kindLabels": {k: translate(v) for k, v in rules.KIND_LABELS.items()},
              "limits": limits, **_evidence_client(project["id"]),
              "workshop": workshop_client(project["id"], project["role"], can_edit),
              "themes": theme_client(project["id"], project["role"])}
    return render_template("board.html", project=project, lanes=lanes, can_edit=can_edit, can_manage=can_manage,
                           limits=limits, include_deleted=include_deleted,
                           client_json=json.dumps(client).replace("<", "\\u003c"),
                           card_form=CardForm(), colors=rules.COLORS)


def _pairs(keys, labels: dict) -> list[list[str]]:
    return [[key, translate(labels[key])] for key in keys]


def _evidence_client(project_id: int) -> dict:
    """What the board's scripts need for links and structured fields: labels, choices and the overdue rule."""
    yesterday, today = date.fromordinal(date.today().toordinal() - 1), date.today()
    return {
        "locale": current_locale(),
        "today": today.isoformat(),
        # The statuses whose past due date counts as overdue, asked of the rule itself.
        "overdueStatuses": [s for s in evidence.PROTOTYPE_STATUSES if evidence.is_overdue(yesterday, today, s)],
        "linkLabels": {k: translate(v) for k, v in evidence.LINK_LABELS.items()},
        "linkInverseLabels": {k: translate(v) for k, v in evidence.LINK_INVERSE_LABELS.items()},
        "linkUpstreamEnd": evidence.LINK_UPSTREAM_END,
        "fidelities": _pairs(evidence.FIDELITIES, evidence.FIDELITY_LABELS),
        "prototypeStatuses": _pairs(evidence.PROTOTYPE_STATUSES, evidence.PROTOTYPE_STATUS_LABELS),
        "testMethods": _pairs(evidence.TEST_METHODS, evidence.TEST_METHOD_LABELS),
        "verdicts": _pairs(evidence.VERDICTS, evidence.VERDICT_LABELS),
        "decisionLabels": {k: translate(v) for k, v in evidence.DECISION_LABELS.items()},
        # Only owners the server would accept (a verified member's organisation), and those already named.
        "organisations": [[org.id, org_name(org)] for org in details.owner_choices(
            current_user if current_user.is_authenticated else None, project_id)],
        "fieldLimits": {"short": evidence.SHORT_TEXT_MAX, "long": evidence.LONG_TEXT_MAX,
                    "participants": evidence.PARTICIPANTS_MAX},
        "chainUrl": url_for("board.project_home", project_id=project_id) + "/chain/{id}",
        "decisionsUrl": url_for("api.list_decisions", project_id=project_id),
        "ownerChoicesUrl": url_for("api.list_owner_choices", project_id=project_id),
    }


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
