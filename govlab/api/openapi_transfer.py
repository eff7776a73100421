"""The OpenAPI parts of open data: the project file (govlab.project.v2), CSV tables, and import."""
from __future__ import annotations

from ..domain import board, permissions, tabular, transfer


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    """components/schemas of the project file and of an import's answer."""
    nullable_time = {"type": ["string", "null"], "format": "date-time"}
    member = {"type": "object", "required": ["name", "organisation", "role"],
              "properties": {"name": {"type": "string"}, "role": {"enum": list(permissions.ROLES)},
                             "organisation": {"anyOf": [_ref("Organisation"), {
                                 "type": "object", "description": "Named in an imported file, not matched here.",
                                 "required": ["id", "name_th", "name_en", "sector", "level"],
                                 "properties": {"id": {"type": "null"}, "name_th": {"type": "string"},
                                                "name_en": {"type": "string"}, "sector": {"type": "string"},
                                                "level": {"type": ["string", "null"]}}}]}}}
    event = {"allOf": [_ref("Event"), {"type": "object", "required": ["actor_name"],
                                       "properties": {"actor_name": {"type": ["string", "null"]}}}]}
    project = {"type": "object", "description": "The project's settings (no caller role).",
               "required": ["id", "title", "hmw", "visibility", "status", "stage", "organisation", "seq",
                            "stall_days", "created_at", "updated_at"],
               "properties": {"id": {"type": "integer"}, "title": {"type": "string"}, "hmw": {"type": "string"},
                              "visibility": {"enum": list(permissions.VISIBILITIES)},
                              "status": {"enum": list(permissions.STATUSES)},
                              "stage": {"enum": list(board.STAGE_KEYS)}, "organisation": _ref("Organisation"),
                              "seq": {"type": "integer"}, "stall_days": {"type": "integer"},
                              "observers_may_comment": {"type": "boolean", "description": "Default: true."},
                              "created_at": nullable_time, "updated_at": nullable_time}}
    return {
        "ProjectFile": {
            "type": "object", "description": "An open project file; see docs/protocol.md for every key.",
            "required": ["format", "project", "members", "stages", "cards", "links", "decisions", "events"],
            "properties": {
                "format": {"const": transfer.FORMAT}, "exported_at": {"type": "string", "format": "date-time"},
                "project": project, "members": {"type": "array", "items": member},
                "stages": {"type": "array", "items": {"enum": list(board.STAGE_KEYS)}},
                "cards": {"type": "array", "items": _ref("Card"), "maxItems": transfer.CARDS_MAX},
                "links": {"type": "array", "items": _ref("Link"), "maxItems": transfer.LINKS_MAX},
                "decisions": {"type": "array", "items": _ref("Decision"), "maxItems": transfer.DECISIONS_MAX},
                "events": {"type": "array", "items": event, "maxItems": transfer.EVENTS_MAX}}},
        "ImportResult": {
            "type": "object", "required": ["project", "counts", "warnings"],
            "properties": {
                "project": _ref("Project"),
                "counts": {"type": "object", "required": ["cards", "links", "decisions", "events"],
                           "additionalProperties": {"type": "integer"}},
                "warnings": {"type": "array", "items": {
                    "type": "object", "required": ["code", "name_th", "name_en"],
                    "properties": {"code": {"const": "organisation_not_found"}, "name_th": {"type": "string"},
                                   "name_en": {"type": "string"}}}}}},
    }


def paths(path_project: dict, responses, json_response, read: tuple, write: tuple) -> dict:
    """The paths of export, CSV tables and import."""
    table = {"name": "table", "in": "path", "required": True, "schema": {"enum": list(tabular.TABLES)}}
    csv_ok = {"description": "UTF-8 CSV with a byte-order mark; cells that look like formulas start with '",
              "content": {"text/csv": {"schema": {"type": "string"}}}}
    import_body = {"required": True, "description": f"A project file ({', '.join(f'govlab.project.v{v}' for v in transfer.READABLE_VERSIONS)}), "
                   "at most GOVLAB_IMPORT_MAX_MB (default 32) MB.",
                   "content": {"application/json": {"schema": {
                       "type": "object", "required": ["format"],
                       "properties": {"format": {"type": "string"}},
                       "description": "See ProjectFile; a v1 file has no links or decisions."}}}}
    return {
        "/projects/{project_id}/export": {
            "parameters": [path_project],
            "get": {"operationId": "exportProject",
                    "summary": "The whole project as open data (format govlab.project.v2; deleted cards for facilitators)",
                    "responses": responses({"200": json_response(_ref("ProjectFile"), "Project file")}, *read)}},
        "/projects/{project_id}/export/{table}.csv": {
            "parameters": [path_project, table],
            "get": {"operationId": "exportTable", "summary": "Cards, prototypes, tests or decisions as CSV",
                    "responses": responses({"200": csv_ok}, *read)}},
        "/import": {
            "post": {"operationId": "importProject",
                     "summary": "Rebuild a project from a project file (new ids); the caller becomes its facilitator",
                     "requestBody": import_body,
                     "responses": responses({"201": json_response(_ref("ImportResult"), "Imported")}, *write)}},
    }
