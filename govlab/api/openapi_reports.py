"""The OpenAPI part for the evidence read endpoints: chain, tracker, portfolio, timeline."""
from __future__ import annotations

from ..domain import board, evidence, reports
from ..domain import timeline as timeline_rules

ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
SEQ = {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}
TEXT = {"type": "string"}
TIMESTAMP = {"type": "string", "format": "date-time"}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(required: dict, optional: dict | None = None) -> dict:
    return {"type": "object", "required": list(required), "properties": required | (optional or {})}


def _nullable(schema: dict) -> dict:
    return {"oneOf": [schema, {"type": "null"}]}


def schemas() -> dict:
    """components/schemas for the read endpoints."""
    sector = {"enum": [*reports.SECTOR_BUCKETS, "none"]}
    chain_card = {"allOf": [_ref("Card"), _obj({"joins": {"type": "array", "items": {"type": "integer"}}})]}
    decision = _obj({"id": {"type": "integer"}, "decision": {"enum": list(evidence.DECISIONS)}, "rationale": TEXT,
                     "evidence": {"type": "array", "items": _obj({
                         "id": {"type": "integer"}, "title": TEXT, "deleted": {"type": "boolean"},
                         "verdict": {"enum": [*evidence.VERDICTS, None]}})},
                     "decided_by": {"type": ["integer", "null"]}, "decided_by_name": {"type": ["string", "null"]},
                     "created_at": TIMESTAMP, "superseded": {"type": "boolean"},
                     "superseded_by": {"type": ["integer", "null"]}})
    facts = _obj({
        "id": {"type": "integer"}, "project_id": {"type": "integer"}, "project_title": TEXT,
        "project_stage": {"enum": list(board.STAGE_KEYS)}, "title": TEXT,
        "status": {"enum": list(evidence.PROTOTYPE_STATUSES)}, "fidelity": {"enum": [*evidence.FIDELITIES, None]},
        "owner_organisation": _ref("Organisation"), "sector": sector, "next_step": TEXT,
        "due_date": {"type": ["string", "null"], "format": "date"},
        "tests": {"type": "array", "items": _obj({"id": {"type": "integer"}, "title": TEXT,
                                                   "verdict": {"enum": [*evidence.VERDICTS, None]},
                                                   "method": {"enum": [*evidence.TEST_METHODS, None]}})},
        "tests_count": {"type": "integer"}, "latest_verdict": {"enum": [*evidence.VERDICTS, None]},
        "decision": _nullable(_obj({"decision": {"enum": list(evidence.DECISIONS)}, "created_at": TIMESTAMP,
                                    "decided_by_name": {"type": ["string", "null"]}})),
        "last_activity": TIMESTAMP, "stalled": {"type": "boolean"}, "overdue": {"type": "boolean"}})
    count_map = {"type": "object", "additionalProperties": {"type": "integer"}}
    return {
        "ChainCard": chain_card,
        "ChainDecision": decision,
        "Chain": _obj({"project": _ref("Project"), "prototype": _ref("Card"),
                       "framers": {"type": "array", "items": _ref("ChainCard")},
                       "hmws": {"type": "array", "items": _ref("ChainCard")},
                       "ideas": {"type": "array", "items": _ref("ChainCard")},
                       "tests": {"type": "array", "items": _ref("Card")},
                       "decisions": {"type": "array", "items": _ref("ChainDecision"),
                                     "description": "Newest first; all but the first are superseded."},
                       "can_decide": {"type": "boolean"}}),
        "PrototypeFacts": facts,
        "Tracker": _obj({"project": _ref("Project"), "stall_days": {"type": "integer"},
                         "groups": {"type": "array", "items": _obj({
                             "status": {"enum": list(evidence.PROTOTYPE_STATUSES)},
                             "prototypes": {"type": "array", "items": _ref("PrototypeFacts")}})},
                         "stalled": {"type": "array", "items": {"type": "integer"}},
                         "overdue": {"type": "array", "items": {"type": "integer"}}}),
        "Portfolio": _obj({"total": {"type": "integer"}, "projects": {"type": "integer"},
                           "filters": {"type": "object"},
                           "counts": _obj({"status": count_map, "verdict": count_map, "sector": count_map,
                                           "organisation": {"type": "array", "items": _obj({
                                               "organisation": _ref("Organisation"), "count": {"type": "integer"}})},
                                           "stalled": {"type": "integer"}, "overdue": {"type": "integer"}}),
                           "prototypes": {"type": "array", "items": _ref("PrototypeFacts")}}),
        "TimelineEntry": _obj({"seq": {"type": "integer"}, "first_seq": {"type": "integer"},
                               "count": {"type": "integer", "description": "Typing runs collapse into one entry."},
                               "type": TEXT, "created_at": TIMESTAMP, "actor_id": {"type": ["integer", "null"]},
                               "actor_name": {"type": ["string", "null"]}, "actor_organisation": _ref("Organisation"),
                               "card_ids": {"type": "array", "items": {"type": "integer"}},
                               "card_deleted": {"type": "boolean"}, "text": TEXT,
                               "rationale": {"type": ["string", "null"]}}),
        "Timeline": _obj({"seq": {"type": "integer"}, "next_before": {"type": ["integer", "null"]},
                          "reload": {"type": "boolean"},
                          "entries": {"type": "array", "items": _ref("TimelineEntry")}}),
    }


def paths(path_project: dict, path_card: dict, responses, read: tuple[int, ...], json) -> dict:
    """The paths of the read endpoints; `responses` and `json` are the document's own helpers."""
    def query(name: str, schema: dict, description: str = "") -> dict:
        return {"name": name, "in": "query", "schema": schema} | ({"description": description} if description else {})

    portfolio_filters = [
        query("organisation", ID, "Owner organisation id (the prototype's, else its project's)."),
        query("sector", {"enum": [*reports.SECTOR_BUCKETS, "none"]}),
        query("status", {"enum": list(evidence.PROTOTYPE_STATUSES)}),
        query("stage", {"enum": list(board.STAGE_KEYS)}, "The project's current stage."),
        query("stalled", {"enum": ["yes", "no"]}),
        query("sort", {"enum": list(reports.PORTFOLIO_SORTS)}), query("dir", {"enum": ["asc", "desc"]})]
    timeline_filters = [
        query("person", ID), query("organisation", ID), query("sector", {"enum": [*reports.SECTOR_BUCKETS, "none"]}),
        query("stage", {"enum": list(board.STAGE_KEYS)}), query("type", {"enum": list(timeline_rules.TYPE_FILTERS)}),
        query("before", SEQ, "A page older than this seq."), query("after", SEQ, "Only entries newer than this seq.")]
    return {
        "/projects/{project_id}/chain/{card_id}": {
            "parameters": [path_project, path_card],
            "get": {"operationId": "getChain", "summary": "A prototype's evidence chain (404 for any other card)",
                    "responses": responses({"200": json(_ref("Chain"), "The chain")}, *read)}},
        "/projects/{project_id}/tracker": {
            "parameters": [path_project],
            "get": {"operationId": "getTracker", "summary": "Prototypes by status; stalled and overdue ones",
                    "responses": responses({"200": json(_ref("Tracker"), "The tracker")}, *read)}},
        "/portfolio": {
            "get": {"operationId": "getPortfolio", "parameters": portfolio_filters,
                    "summary": "Prototypes of every project the caller may see (signed in)",
                    "responses": responses({"200": json(_ref("Portfolio"), "The portfolio")}, 401, 422, 429)}},
        "/projects/{project_id}/timeline": {
            "parameters": [path_project],
            "get": {"operationId": "getTimeline", "parameters": timeline_filters,
                    "summary": "The activity, newest first, told in sentences; paged by seq",
                    "responses": responses({"200": json(_ref("Timeline"), "A page of the timeline")}, *read)}},
    }
