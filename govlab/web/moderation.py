"""Facilitators' pages for citizens: the moderation queue and the public page's settings (calls, learnings)."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain import citizens as rules
from ..domain.errors import DomainError
from ..domain.text_rules import parse_int_text
from ..i18n import translate
from ..services import challenges, moderation, registry
from .citizens import labels, page_url
from .forms import ActionForm

bp = Blueprint("moderation", __name__)
ACTIONS = ("approve", "promote", "merge", "reject", "decide")


def _optional_id(name: str) -> int | None:
    raw = (request.form.get(name) or "").strip()
    return parse_int_text(raw, name, low=1) if raw else None


def _action_data(action: str, contribution_id: int) -> dict:
    """The op payload of a moderation form."""
    data: dict = {"id": contribution_id}
    if action == "merge":
        target = request.form.get("into", "")
        kind, _sep, raw = target.partition(":")
        if kind in ("card", "contribution") and raw:
            data[f"into_{kind}"] = parse_int_text(raw, "into", low=1)
    elif action == "reject":
        data.update(reason=request.form.get("reason", ""), note=request.form.get("note") or None)
    elif action == "decide":
        status = request.form.get("status") or None
        data.update(status=status, reason=request.form.get("reason") or None)
    return data


@bp.get("/projects/<id:project_id>/contributions")
@login_required
def queue(project_id: int):
    """New and flagged contributions to review (or all of them)."""
    show = "all" if request.args.get("show") == "all" else "review"
    data = moderation.queue(current_user, project_id, show)
    return render_template("citizens/queue.html", **data, labels=labels(), action_form=ActionForm())


@bp.post("/projects/<id:project_id>/contributions/<id:contribution_id>")
@login_required
def act(project_id: int, contribution_id: int):
    """Approve, promote, merge, reject or decide the outcome of a contribution (an op each)."""
    action = request.form.get("action", "")
    if not ActionForm().validate_on_submit() or action not in ACTIONS:
        flash(_("This form has expired. Please reload the page and try again."), "error")
    else:
        try:
            registry.get(f"contribution.{action}").service(current_user, project_id,
                                                           _action_data(action, contribution_id))
        except DomainError as error:
            if error.code in ("not_found", "forbidden", "unauthorized") and error.field is None:
                raise
            flash(translate(error.message, error.params), "error")
        else:
            flash({"approve": _("Published."), "promote": _("Published and added to the board."),
                   "merge": _("Merged."), "reject": _("Not published."),
                   "decide": _("Outcome saved.")}[action], "success")
    return redirect(url_for("moderation.queue", project_id=project_id, show=request.args.get("show") or None))


@bp.route("/projects/<id:project_id>/public-page", methods=["GET", "POST"])
@login_required
def page_settings(project_id: int):
    """The public page's address and the open calls' dates; which cards are published as learnings."""
    errors: dict[str, str] = {}
    if request.method == "POST" and ActionForm().validate_on_submit():
        data = {"slug": (request.form.get("slug") or "").strip() or None}
        for name in challenges.DATE_FIELDS:
            data[name] = (request.form.get(name) or "").strip() or None
        try:
            challenges.update_page(current_user, project_id, data)
        except DomainError as error:
            if error.code in ("not_found", "forbidden", "unauthorized") and error.field is None:
                raise
            errors[error.field or "form"] = translate(error.message, error.params)
        else:
            flash(_("Public page saved."), "success")
            return redirect(url_for("moderation.page_settings", project_id=project_id))
    data = challenges.settings(current_user, project_id)
    url = page_url(data["project"], data["page"]["slug"]) if data["project"].visibility == "public" else None
    return render_template("citizens/settings.html", **data, errors=errors, values=request.form,
                           labels=labels(), page_url=url, action_form=ActionForm(), call_kinds=rules.CALL_KINDS,
                           status=400 if errors else 200), 400 if errors else 200


@bp.post("/projects/<id:project_id>/public-page/cards/<id:card_id>")
@login_required
def publish_card(project_id: int, card_id: int):
    """Publish a card as a learning on the public page, or withdraw it."""
    if ActionForm().validate_on_submit():
        published = request.form.get("published") == "yes"
        challenges.publish_card(current_user, project_id, {"id": card_id, "published": published})
        flash(_("Published on the public page.") if published else _("Withdrawn from the public page."), "success")
    return redirect(url_for("moderation.page_settings", project_id=project_id) + f"#card-{card_id}")
