"""Evidence pages: the chain of a prototype with the gate decision form, the list of chains, the tracker.

Views are thin: they read the query or the form, call a read service (authorised in services/access.py)
or services.gates.decide (the one write path of a decision), and render. `?fragment=1` renders only the
page's live section, which static/js/live-pages.js fetches again when a relevant Event arrives.
"""
from __future__ import annotations

from datetime import date, datetime, timezone

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import format_timedelta
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.widgets import CheckboxInput, ListWidget

from ..domain import evidence, reports
from ..domain.errors import DomainError
from ..i18n import label, translate
from ..services import chain as chains
from ..services import gates, portfolio
from ..services.access import parse_id
from .forms import show_error

bp = Blueprint("evidence", __name__)

LABEL_TABLES = {"status": evidence.PROTOTYPE_STATUS_LABELS, "fidelity": evidence.FIDELITY_LABELS,
                "verdict": evidence.VERDICT_LABELS, "decision": evidence.DECISION_LABELS,
                "method": evidence.TEST_METHOD_LABELS, "link": evidence.LINK_LABELS,
                "sector": reports.SECTOR_BUCKET_LABELS, "contribution": reports.CONTRIBUTION_LABELS}
# Which Events make each live page fetch its section again (prefixes of Event types).
LIVE_TYPES = {"chain": "card.,link.,prototype.update,test.update,gate.decide",
              "tracker": "card.,link.,prototype.update,test.update,gate.decide,project.update"}


class DecisionForm(FlaskForm):
    """A stage-gate decision: what, why, and the tests it rests on (checked by services.gates.decide)."""

    decision = RadioField(_l("Decision"), validate_choice=False,
                          choices=[(key, _l(evidence.DECISION_LABELS[key])) for key in evidence.DECISIONS])
    rationale = TextAreaField(_l("Rationale"))
    evidence = SelectMultipleField(_l("Tests this decision rests on"), coerce=str, validate_choice=False,
                                   widget=ListWidget(prefix_label=False), option_widget=CheckboxInput())


def _actor():
    return current_user if current_user.is_authenticated else None


def evidence_label(table: str, key: str | None) -> str:
    """The translated label of an evidence value (status, fidelity, verdict, decision, method, sector …)."""
    return label(LABEL_TABLES[table], key)


def relative_time(moment) -> str:
    """"3 days ago" in the UI language."""
    if moment is None:
        return ""
    return format_timedelta(moment - datetime.now(timezone.utc), add_direction=True)


@bp.record_once
def _register_helpers(state) -> None:
    """Template globals (macros imported without context see them too)."""
    state.app.jinja_env.globals.update(evidence_label=evidence_label, relative_time=relative_time)


@bp.app_template_filter("isodate")
def isodate(value: str | None):
    """A YYYY-MM-DD string as a date (for the `date` filter), or None."""
    return date.fromisoformat(value) if value else None


def _chain_page(project_id: int, card_id: int, form: DecisionForm, status: int = 200):
    chain = chains.chain_of(_actor(), project_id, card_id)
    form.evidence.choices = [(str(test["id"]), test["title"]) for test in chain["tests"]]
    verdicts = {str(test["id"]): test["test"]["verdict"] for test in chain["tests"]}
    titles = {card["id"]: card["title"] for column in ("hmws", "ideas") for card in chain[column]}
    titles[chain["prototype"]["id"]] = chain["prototype"]["title"]
    template = "evidence/_chain_main.html" if request.args.get("fragment") == "1" else "evidence/chain.html"
    return render_template(template, chain=chain, project=chain["project"], role=chain["role"],
                           prototype=chain["prototype"], form=form, verdicts=verdicts, titles=titles,
                           live_types=LIVE_TYPES["chain"], section="chains",
                           decision_hints=_decision_hints()), status


def _decision_hints() -> dict:
    """What each decision does to the prototype, in a sentence per decision."""
    status = {key: translate(evidence.PROTOTYPE_STATUS_LABELS[value])
              for key, value in evidence.STATUS_AFTER_DECISION.items()}
    return {"scale": _("Roll it out: the prototype's status becomes %(status)s.", status=status["scale"]),
            "iterate": _("Improve it and test again: the status becomes %(status)s.", status=status["iterate"]),
            "pivot": _("Change direction on what was learned: the status becomes %(status)s.",
                       status=status["pivot"]),
            "drop": _("Stop here: the status becomes %(status)s. No test is needed.", status=status["drop"])}


@bp.get("/projects/<id:project_id>/chain/<id:card_id>")
def chain(project_id: int, card_id: int):
    """A prototype's evidence chain, with the decision form for facilitators."""
    return _chain_page(project_id, card_id, DecisionForm(formdata=None))


@bp.post("/projects/<id:project_id>/chain/<id:card_id>/decisions")
def decide(project_id: int, card_id: int):
    """Record a stage-gate decision (facilitators); errors show next to their field, nothing typed is lost."""
    form = DecisionForm()
    chains.chain_of(_actor(), project_id, card_id)  # not visible: 404 before anything else
    if not form.validate_on_submit():
        return _chain_page(project_id, card_id, form, 400)
    try:
        cited = [parse_id(value, "evidence") for value in form.evidence.data or []]
        gates.decide(_actor(), project_id, {"prototype_id": card_id, "decision": form.decision.data or "",
                                            "rationale": form.rationale.data or "", "evidence": cited})
    except DomainError as error:
        if error.code in ("forbidden", "not_found", "unauthorized"):
            raise
        show_error(form, error)
        return _chain_page(project_id, card_id, form, 422)
    flash(_("Decision recorded."), "success")
    return redirect(url_for("evidence.chain", project_id=project_id, card_id=card_id, _anchor="decisions"))


@bp.get("/projects/<id:project_id>/chains")
def chain_list(project_id: int):
    """Every prototype of the project, each opening its chain."""
    data = portfolio.tracker(_actor(), project_id)
    return render_template("evidence/chains.html", project=data["project"], role=data["role"], data=data,
                           section="chains")


@bp.get("/projects/<id:project_id>/tracker")
def tracker(project_id: int):
    """Prototypes by status, the stalled ones and the overdue next steps."""
    data = portfolio.tracker(_actor(), project_id)
    template = "evidence/_tracker_main.html" if request.args.get("fragment") == "1" else "evidence/tracker.html"
    return render_template(template, project=data["project"], role=data["role"], data=data,
                           live_types=LIVE_TYPES["tracker"], section="tracker")
