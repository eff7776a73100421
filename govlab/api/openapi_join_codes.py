"""The OpenAPI parts of join codes: list, make, give more time, withdraw (facilitators)."""
from __future__ import annotations

from ..domain import guests


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    """components/schemas of a join code (with the code itself: only facilitators ever get one)."""
    timestamp = {"type": "string", "format": "date-time"}
    return {"JoinCode": {
        "type": "object", "description": "A workshop join code; Events carry it without `code` and the URLs.",
        "required": ["id", "project_id", "workshop_id", "role", "state", "guests", "created_by", "created_at",
                     "expires_at", "revoked_at", "code", "join_url", "qr_svg_url", "qr_png_url"],
        "properties": {"id": {"type": "integer"}, "project_id": {"type": "integer"},
                       "workshop_id": {"type": "integer"}, "role": {"enum": list(guests.GUEST_ROLES)},
                       "state": {"enum": list(guests.STATES)},
                       "guests": {"type": "integer", "minimum": 0, "description": "How many joined with it."},
                       "created_by": {"type": ["integer", "null"]}, "created_at": timestamp,
                       "expires_at": timestamp, "revoked_at": {"type": ["string", "null"], "format": "date-time"},
                       "code": {"type": "string", "pattern": "^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$"},
                       "join_url": {"type": "string", "description": "The page the QR code opens."},
                       "qr_svg_url": {"type": "string"}, "qr_png_url": {"type": "string"}}}}


def paths(path_project: dict, id_schema: dict, responses, json_response, read: tuple, write: tuple) -> dict:
    """The paths of join codes."""
    path_code = {"name": "code_id", "in": "path", "required": True, "schema": id_schema}
    return {
        "/projects/{project_id}/join-codes": {
            "parameters": [path_project],
            "get": {"operationId": "listJoinCodes",
                    "summary": "Facilitators: the project's join codes, newest first, with how many guests joined each",
                    "responses": responses({"200": json_response({
                        "type": "object", "required": ["join_codes"],
                        "properties": {"join_codes": {"type": "array", "items": _ref("JoinCode")}}},
                        "Join codes")}, *read, 403)},
            "post": {"operationId": "createJoinCode",
                     "summary": "Facilitators: make a join code for a workshop (op join_code.create); by default it "
                                "expires at the workshop's planned end plus GOVLAB_GUEST_GRACE_MINUTES; 422 past "
                                f"{guests.LIVE_CODES_MAX} live codes, 409 on an archived project",
                     "requestBody": {"required": True,
                                     "content": {"application/json": {"schema": _ref("OpJoinCodeCreate")}}},
                     "responses": responses({"201": json_response(_ref("JoinCode"), "The new code")}, *write, 409)}},
        "/projects/{project_id}/join-codes/{code_id}/extend": {
            "parameters": [path_project, path_code],
            "post": {"operationId": "extendJoinCode",
                     "summary": "Facilitators: a live join code works `minutes` longer, and so do its guests (op "
                                "join_code.extend); 409 once it has expired or was withdrawn, 422 past "
                                f"{guests.EXPIRY_MINUTES_MAX // (24 * 60)} days from now",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": {
                         "type": "object", "required": ["minutes"], "properties": {"minutes": {
                             "type": "integer", "minimum": guests.EXPIRY_MINUTES_MIN,
                             "maximum": guests.EXPIRY_MINUTES_MAX}}}}}},
                     "responses": responses({"200": json_response(_ref("JoinCode"), "The code, with its new end")},
                                            *write, 409)}},
        "/projects/{project_id}/join-codes/{code_id}": {
            "parameters": [path_project, path_code],
            "delete": {"operationId": "revokeJoinCode",
                       "summary": "Facilitators: withdraw a join code (op join_code.revoke); its guests' sessions "
                                  "and sockets end at once",
                       "responses": responses({"204": {"description": "Withdrawn"}}, *write)}},
    }
