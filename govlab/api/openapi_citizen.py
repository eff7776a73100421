"""The OpenAPI parts of a person's own contributions: list, copies, erasure."""
from __future__ import annotations

from ..domain import citizens


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    """components/schemas of one of the caller's contributions, and of the copies they download."""
    time = {"type": "string", "format": "date-time"}
    nullable_time = {"type": ["string", "null"], "format": "date-time"}
    status = {"enum": list(citizens.STATUSES)}
    return {
        "MyContribution": {
            "type": "object",
            "required": ["id", "kind", "text", "challenge", "status", "reason", "reject_reason", "created_at",
                         "published_at", "can_keep_text", "history"],
            "properties": {
                "id": {"type": "integer"}, "kind": {"enum": list(citizens.CALL_KINDS)}, "text": {"type": "string"},
                "challenge": {"type": ["object", "null"], "required": ["id", "title"],
                              "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}},
                "status": status,
                "reason": {"type": ["string", "null"], "description": "The lab's own words with the status."},
                "reject_reason": {"type": ["string", "null"], "description": "A key of the moderation reasons."},
                "created_at": time, "published_at": nullable_time,
                "can_keep_text": {"type": "boolean", "description": "Erasure may keep the text (s.26 consent)."},
                "history": {"type": "array", "items": {"type": "object", "required": ["at", "status"],
                                                       "properties": {"at": time, "status": status}}}}},
        "ContributionDocument": {"type": "object", "required": ["format", "contribution"],
                                 "description": "Everything stored about one contribution (govlab.contribution.v1).",
                                 "properties": {"format": {"const": "govlab.contribution.v1"}}},
        "CitizenDocument": {"type": "object", "required": ["format", "account", "contributions"],
                            "description": "Everything stored about the caller as a contributor (govlab.citizen.v1).",
                            "properties": {"format": {"const": "govlab.citizen.v1"}, "account": {"type": "object"},
                                           "contributions": {"type": "array",
                                                             "items": _ref("ContributionDocument")}}},
    }


def paths(id_schema: dict, responses, json_response) -> dict:
    """The paths under /me/contributions (the caller's own; no project)."""
    path_contribution = {"name": "contribution_id", "in": "path", "required": True, "schema": id_schema}
    return {
        "/me/contributions": {
            "get": {"operationId": "listMyContributions",
                    "summary": "The caller's live contributions to public challenges, newest first, with status "
                               "and history (Cache-Control: no-store)",
                    "responses": responses({"200": json_response({
                        "type": "object", "required": ["contributions", "listed_max"],
                        "properties": {"contributions": {"type": "array", "items": _ref("MyContribution")},
                                       "listed_max": {"type": "integer"}}}, "The caller's contributions")}, 401)},
            "delete": {"operationId": "eraseAllMyContributions",
                       "summary": "Erase every contribution of the caller; needs confirm=all (no undo)",
                       "parameters": [{"name": "confirm", "in": "query", "required": True,
                                       "schema": {"const": "all"}}],
                       "responses": responses({"200": json_response({
                           "type": "object", "required": ["erased"],
                           "properties": {"erased": {"type": "integer", "minimum": 0}}}, "How many were erased")},
                           401, 422)}},
        "/me/contributions/export": {
            "get": {"operationId": "exportMyContributions",
                    "summary": "Everything stored about the caller as a contributor (the page's download)",
                    "responses": responses({"200": json_response(_ref("CitizenDocument"), "The copy")}, 401)}},
        "/me/contributions/{contribution_id}": {
            "parameters": [path_contribution],
            "get": {"operationId": "exportMyContribution",
                    "summary": "Everything stored about one of the caller's contributions (404: anyone else's)",
                    "responses": responses({"200": json_response(_ref("ContributionDocument"), "The copy")},
                                           401, 404, 422)},
            "delete": {"operationId": "eraseMyContribution",
                       "summary": "Erase one of the caller's contributions; keep_text=true keeps its text where "
                                  "the sensitive-data consent allows (else 422)",
                       "parameters": [{"name": "keep_text", "in": "query", "schema": {"enum": ["true", "false"]}}],
                       "responses": responses({"204": {"description": "Erased"}}, 401, 404, 422)}},
    }
