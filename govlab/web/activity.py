"""Activity pages: the project timeline, participation by sector, and the portfolio across projects."""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain import board, evidence, reports
from ..domain import timeline as timeline_rules
from ..domain.errors import ValidationError
from ..i18n import tell as tell_sentence
from ..i18n import translate
from ..services import participation as participation_service
from ..services import portfolio as portfolio_service
from ..services import timeline as timeline_service
from ..services.access import load_project

bp = Blueprint("activity", __name__)
TIMELINE_LIVE_TYPES = "card.,link.,prototype.update,test.update,gate.decide,member.,project."


def _actor():
    return current_user if current_user.is_authenticated else None


def tell(entry: dict) -> str:
    """The whole sentence of a timeline entry in the UI language."""
    return tell_sentence(entry["sentence"], actor=entry["actor_name"] or _("Someone"))


@bp.record_once
def _register_helpers(state) -> None:
    """The sentence helper for timeline templates."""
    state.app.jinja_env.globals["tell"] = tell


def _bad_filter(error: ValidationError) -> str:
    return translate(error.message, error.params)


@bp.get("/projects/<id:project_id>/timeline")
def timeline(project_id: int):
    """The project's activity, newest first, filtered and paged by seq; `after` + `fragment` for live rows."""
    load_project(_actor(), project_id, "view")  # a hidden project is "not found" before any filter is read
    error, status = None, 200
    try:
        filters = timeline_rules.clean_filters(request.args)
    except ValidationError as problem:
        error, status = _bad_filter(problem), 422
        filters = timeline_rules.clean_filters({})
    data = timeline_service.timeline(_actor(), project_id, filters)
    if request.args.get("fragment") == "1":
        return render_template("evidence/_timeline_rows.html", data=data, project=data["project"]), status
    people, organisations = ([], []) if data["anonymous"] else \
        timeline_service.people_and_organisations(data["project"].id)
    return render_template("evidence/timeline.html", data=data, project=data["project"], role=data["role"],
                           filters=filters, error=error, people=people, organisations=organisations,
                           type_choices=[(key, translate(msgid))
                                         for key, msgid in timeline_rules.TYPE_FILTER_LABELS.items()],
                           sectors=reports.SECTOR_BUCKETS + ("none",), stages=board.STAGE_KEYS,
                           live_types=TIMELINE_LIVE_TYPES, section="timeline"), status


@bp.get("/projects/<id:project_id>/participation")
def participation(project_id: int):
    """Contributions by sector and organisation over a chosen period."""
    load_project(_actor(), project_id, "view")
    error, status = None, 200
    try:
        data = participation_service.participation(_actor(), project_id, request.args)
    except ValidationError as problem:
        error, status = _bad_filter(problem), 422
        data = participation_service.participation(_actor(), project_id, {})
    return render_template("evidence/participation.html", data=data, project=data["project"], role=data["role"],
                           error=error, presets=tuple(reports.PERIOD_PRESETS), section="participation"), status


@bp.get("/portfolio")
@login_required
def portfolio():
    """Every prototype the viewer may see: counts, filters and a sortable table."""
    error, status = None, 200
    try:
        filters = reports.clean_portfolio_filters(request.args)
    except ValidationError as problem:
        error, status = _bad_filter(problem), 422
        filters = reports.clean_portfolio_filters({})
    data = portfolio_service.portfolio(current_user, filters)
    return render_template("evidence/portfolio.html", data=data, filters=filters, error=error,
                           statuses=evidence.PROTOTYPE_STATUSES, sectors=reports.SECTOR_BUCKETS + ("none",),
                           stages=board.STAGE_KEYS, sorts=reports.PORTFOLIO_SORTS), status
