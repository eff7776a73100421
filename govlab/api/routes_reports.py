"""REST routes of the evidence read pages: a prototype's chain, the tracker, the portfolio and the timeline."""
from __future__ import annotations

from flask import g, jsonify, request

from ..domain import reports
from ..domain import timeline as timeline_rules
from ..i18n import tell, translate
from ..services import chain, portfolio, timeline
from ..services.prototype_facts import fact_json
from ..services.serialize import project_to_dict
from . import bp, signed_in_actor


@bp.get("/projects/<id:project_id>/chain/<id:card_id>")
def get_chain(project_id: int, card_id: int):
    """A prototype's evidence chain: framers, HMWs, ideas, the prototype, its tests and the decisions."""
    return jsonify(chain.chain_json(chain.chain_of(g.actor, project_id, card_id)))


@bp.get("/projects/<id:project_id>/tracker")
def get_tracker(project_id: int):
    """The project's prototypes by status, with the stalled ones and the overdue next steps."""
    data = portfolio.tracker(g.actor, project_id)
    return jsonify({"project": project_to_dict(data["project"], data["role"]), "stall_days": data["stall_days"],
                    "groups": [{"status": group["status"], "prototypes": [fact_json(row) for row in group["prototypes"]]}
                               for group in data["groups"]],
                    "stalled": [row["id"] for row in data["stalled"]],
                    "overdue": [row["id"] for row in data["overdue"]]})


@bp.get("/portfolio")
def get_portfolio():
    """Prototypes of every project the caller may see, filtered and sorted like the page."""
    actor = signed_in_actor()
    data = portfolio.portfolio(actor, reports.clean_portfolio_filters(request.args))
    counts = data["counts"]
    return jsonify({"total": data["total"], "projects": data["projects"],
                    "filters": {key: value for key, value in data["filters"].items()},
                    "counts": {"status": dict(counts["status"]), "verdict": dict(counts["verdict"]),
                               "sector": dict(counts["sector"]),
                               "organisation": [{"organisation": org, "count": n} for org, n in counts["organisation"]],
                               "stalled": counts["stalled"], "overdue": counts["overdue"]},
                    "prototypes": [fact_json(row) for row in data["rows"]]})


@bp.get("/projects/<id:project_id>/timeline")
def get_timeline(project_id: int):
    """The project's activity, newest first, each entry told as a sentence in the caller's language."""
    data = timeline.timeline(g.actor, project_id, timeline_rules.clean_filters(request.args))
    return jsonify({"seq": data["seq"], "next_before": data["next_before"], "reload": data["reload"],
                    "entries": [timeline.entry_json(entry, tell(entry["sentence"], actor=entry["actor_name"] or
                                                                  translate("Someone")))
                                for entry in data["entries"]]})
