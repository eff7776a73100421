"""The OpenAPI 3.1 document of /api/v1, served at /api/v1/openapi.json."""
from __future__ import annotations

from flask import jsonify

from ..domain import board, evidence, permissions, schemas
from ..services import registry
from . import bp, openapi_comments, openapi_invitations, openapi_reports, openapi_search, openapi_themes
from . import openapi_citizen, openapi_join_codes, openapi_transfer

# Request bodies: generated from the payload schemas the services validate with (declared once).
BODIES = {"LinkCreate": schemas.LinkCreate, "CardCreate": schemas.CardCreate, "CardUpdate": schemas.CardPatch, "ProjectCreate": schemas.ProjectCreate,
          "ProjectUpdate": schemas.ProjectFields, "MemberAdd": schemas.MemberAdd, "RoleChange": schemas.RoleChange,
          "TokenCreate": schemas.TokenCreate}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _body(schema: dict) -> dict:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
PATH_PROJECT = {"name": "project_id", "in": "path", "required": True, "schema": ID}
PATH_CARD = {"name": "card_id", "in": "path", "required": True, "schema": ID}
PATH_USER = {"name": "user_id", "in": "path", "required": True, "schema": ID}
PATH_TOKEN = {"name": "token_id", "in": "path", "required": True, "schema": ID}
PATH_LINK = {"name": "link_id", "in": "path", "required": True, "schema": ID}
NULLABLE_ID = {"oneOf": [ID, {"type": "null"}]}
WRITE = (400, 401, 403, 404, 413, 415, 422, 429)
READ = (401, 404, 422, 429)


def _schemas() -> dict:
    timestamp = {"type": "string", "format": "date-time"}
    organisation = {"type": ["object", "null"], "required": ["id", "name_th", "name_en", "sector", "level"],
                    "properties": {"id": {"type": "integer"}, "name_th": {"type": "string"},
                                   "name_en": {"type": "string"},
                                   "sector": {"enum": ["government", "private", "civil_society", "academia"]},
                                   "level": {"enum": ["central", "regional", "local", None]}}}
    user = {"type": "object", "required": ["id", "name", "organisation", "organisation_verified"],
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                           "organisation_verified": {"type": "boolean",
                                                     "description": "False while the organisation is a claim."},
                           "email": {"type": "string"}, "organisation": _ref("Organisation"),
                           "guest": {"type": "boolean", "description": "A workshop guest (joined with a code)."},
                           "organisation_text": {"type": ["string", "null"],
                                                 "description": "Guests: the organisation they typed."},
                           "sector": {"enum": ["government", "private", "civil_society", "academia", "none"],
                                      "description": "Guests: the sector they chose."}}}
    project_fields = {
        "title": {"type": "string", "minLength": 1, "maxLength": board.TITLE_MAX},
        "hmw": {"type": "string", "maxLength": 1000},
        "visibility": {"enum": list(permissions.VISIBILITIES)},
        "status": {"enum": list(permissions.STATUSES)},
        "stage": {"enum": list(board.STAGE_KEYS)},
        "org_id": NULLABLE_ID,
        "stall_days": {"type": "integer", "minimum": 1, "maximum": evidence.STALL_DAYS_MAX},
        "observers_may_comment": {"type": "boolean", "description": "May observers comment on cards?"},
    }
    project = {"type": "object",
               "required": ["id", "title", "hmw", "visibility", "status", "stage", "organisation", "seq",
                            "role", "stall_days", "organisation_verified", "anonymous", "anonymous_since", "created_at",
                            "updated_at"],
               "properties": project_fields | {
                   "id": {"type": "integer"}, "organisation": _ref("Organisation"),
                   "organisation_verified": {"type": "boolean", "description": (
                       "Whether a facilitator's verified affiliation vouches for the owner; an unverified "
                       "owner is shown to members only (null for everyone else).")},
                   "seq": {"type": "integer", "minimum": 0},
                   "role": {"enum": [*permissions.ROLES, None]},
                   "anonymous": {"type": "boolean", "description": (
                       "Anonymous mode (op board.anonymous): while on, everyone but facilitators gets no one's "
                       "authorship but their own (author_id, author_name, created_by, actor_id are null).")},
                   "anonymous_since": {"type": ["integer", "null"],
                                       "description": "The seq of the Event that turned anonymous mode on."},
                   "created_at": timestamp, "updated_at": timestamp}}
    project["properties"].pop("org_id")
    kinds = sorted({kind for stage in board.STAGES for kind in stage.kinds})
    card = {"type": "object",
            "required": ["id", "project_id", "stage", "kind", "title", "body", "color", "position", "version",
                         "author_id", "author_name", "deleted", "created_at", "updated_at"],
            "properties": {"id": {"type": "integer"}, "project_id": {"type": "integer"},
                           "stage": {"enum": list(board.STAGE_KEYS)}, "kind": {"enum": kinds},
                           "title": {"type": "string"}, "body": {"type": "string"},
                           "color": {"enum": list(board.COLORS)}, "position": {"type": "string"},
                           "version": {"type": "integer"}, "author_id": {"type": ["integer", "null"], "description": (
                               "Null in anonymous mode unless the reader is a facilitator or the author.")},
                           "author_name": {"type": ["string", "null"]}, "deleted": {"type": "boolean"},
                           "theme_id": {"type": ["integer", "null"], "description": "Its theme (of its lane)."},
                           "created_at": timestamp, "updated_at": timestamp,
                           "prototype": _ref("PrototypeFieldValues"), "test": _ref("TestFieldValues")}}
    text = {"type": "string"}
    prototype_fields = {
        "type": "object", "description": "On prototype cards only.",
        "required": ["fidelity", "status", "owner_org_id", "owner_organisation", "next_step", "due_date"],
        "properties": {"fidelity": {"enum": [*evidence.FIDELITIES, None]},
                       "status": {"enum": list(evidence.PROTOTYPE_STATUSES)}, "owner_org_id": NULLABLE_ID,
                       "owner_organisation": _ref("Organisation"), "next_step": text,
                       "due_date": {"type": ["string", "null"], "format": "date"}}}
    test_fields = {
        "type": "object", "description": "On test cards only.",
        "required": list(evidence.TEST_FIELDS),
        "properties": {"hypothesis": text, "method": {"enum": [*evidence.TEST_METHODS, None]},
                       "participants_count": {"type": ["integer", "null"], "minimum": 0},
                       "participants_who": text, "metric": text, "target": text, "result": text,
                       "verdict": {"enum": [*evidence.VERDICTS, None]}, "learnings": text}}
    link = {"type": "object", "required": ["id", "project_id", "from", "to", "type", "created_by", "created_at"],
            "properties": {"id": {"type": "integer"}, "project_id": {"type": "integer"}, "from": {"type": "integer"},
                           "to": {"type": "integer"}, "type": {"enum": list(evidence.LINK_TYPES)},
                           "created_by": {"type": ["integer", "null"]}, "created_at": timestamp}}
    decision = {"type": "object",
                "required": ["id", "project_id", "prototype_id", "decision", "rationale", "evidence", "decided_by",
                             "decided_by_name", "created_at"],
                "properties": {"id": {"type": "integer"}, "project_id": {"type": "integer"},
                               "prototype_id": {"type": "integer"}, "decision": {"enum": list(evidence.DECISIONS)},
                               "rationale": text, "evidence": {"type": "array", "items": {"type": "integer"}},
                               "decided_by": {"type": ["integer", "null"]},
                               "decided_by_name": {"type": ["string", "null"]}, "created_at": timestamp,
                               "current": {"type": "boolean", "description": "The prototype's latest decision."}}}
    kinds_or_any = {"type": ["array", "null"], "items": {"enum": kinds}}
    return {
        "Error": {"type": "object", "required": ["error"], "properties": {"error": {
            "type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"},
                           "field": {"type": "string"}}}}},
        "Organisation": organisation,
        "User": user,
        "Project": project,
        "Membership": {"type": "object", "required": ["user", "role"],
                       "properties": {"user": _ref("User"), "role": {"enum": list(permissions.ROLES)}}},
        "Card": card,
        "PrototypeFieldValues": prototype_fields,
        "TestFieldValues": test_fields,
        "Link": link,
        "Decision": decision,
        "Stage": {"type": "object", "required": ["key", "label", "hint", "kinds"],
                  "properties": {"key": {"enum": list(board.STAGE_KEYS)}, "label": {"type": "string"},
                                 "hint": {"type": "string"},
                                 "kinds": {"type": "array", "items": {"enum": kinds}}}},
        "Board": {"type": "object", "required": ["project", "seq", "stages", "cards", "links", "link_rules"],
                  "properties": {"project": _ref("Project"), "seq": {"type": "integer"},
                                 "stages": {"type": "array", "items": _ref("Stage")},
                                 "cards": {"type": "array", "items": _ref("Card")},
                                 "links": {"type": "array", "items": _ref("Link")},
                                 "themes": {"type": "array", "items": _ref("Theme")},
                                 "link_rules": {"type": "object", "description": "Kinds each link type joins.",
                                                "additionalProperties": {
                                                    "type": "object", "required": ["from", "to"],
                                                    "properties": {"from": kinds_or_any, "to": kinds_or_any}}}}},
        "Event": {"type": "object", "required": ["seq", "project_id", "type", "actor_id", "payload", "created_at"],
                  "properties": {"seq": {"type": "integer", "minimum": 1}, "project_id": {"type": "integer"},
                                 "type": {"enum": sorted({"project.create", *(event for spec in
                                                          registry.all_ops().values() for event in spec.events)})},
                                 "actor_id": {"type": ["integer", "null"]}, "payload": {"type": "object"},
                                 "created_at": timestamp}},
    }


def _payload_components() -> dict:
    """JSON Schemas of the request bodies and of every op's data, from the pydantic declarations."""
    components: dict = {}
    models = dict(BODIES) | {_op_schema_name(spec.type): spec.schema for spec in registry.all_ops().values()}
    for name, model in models.items():
        document = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(document.pop("$defs", {}))
        document["title"] = name
        components[name] = document
    ops = [{"type": "object", "required": ["type", "data"], "additionalProperties": False,
            "properties": {"type": {"const": spec.type},
                           "client_op_id": {"type": "string", "pattern": schemas.CLIENT_OP_ID_PATTERN},
                           "data": _ref(_op_schema_name(spec.type))}} for spec in registry.all_ops().values()]
    components["Op"] = {"oneOf": ops, "description": "One change: the same ops as the socket `op` event."}
    components["OpAck"] = {"type": "object", "required": ["ok", "seq"],
                           "properties": {"ok": {"const": True}, "seq": {"type": ["integer", "null"]},
                                          "duplicate": {"type": "boolean"}, "card": {"type": ["object", "null"]},
                                          "member": {"type": ["object", "null"]},
                                          "project": {"type": ["object", "null"]},
                                          "link": {"type": ["object", "null"]},
                                          "decision": {"type": ["object", "null"]},
                                          "comment": {"type": ["object", "null"]},
                                          "invitation": {"type": ["object", "null"]},
                                          "join_code": {"type": ["object", "null"]},
                                          "theme": {"type": ["object", "null"]}}}
    components["Token"] = {"type": "object", "required": ["id", "name", "created_at", "expires_at", "last_used_at"],
                           "properties": {"id": {"type": "integer"}, "name": {"type": "string"},
                                          "created_at": {"type": "string"},
                                          "expires_at": {"type": ["string", "null"]},
                                          "last_used_at": {"type": ["string", "null"]}}}
    return components


def _op_schema_name(op_type: str) -> str:
    """components/schemas name of an op's data, e.g. card.move → OpCardMove."""
    return "Op" + "".join(part.capitalize() for part in op_type.replace("_", ".").split("."))


def build_document() -> dict:
    """The OpenAPI 3.1 document, generated from the same domain constants the code enforces."""
    errors = {f"E{code}": _json(_ref("Error"), text) for code, text in {
        400: "Malformed request or JSON, or missing CSRF header", 401: "Not signed in, or bad token",
        403: "Not allowed", 404: "No such object (or not visible to the caller)",
        405: "Method not allowed", 409: "Conflicts with the current state", 413: "Request too large",
        415: "Body is not application/json", 422: "Invalid field value", 429: "Rate limited"}.items()}

    def responses(ok: dict, *codes: int) -> dict:
        return ok | {str(code): {"$ref": f"#/components/responses/E{code}"} for code in codes}

    card_ok = _json(_ref("Card"), "The card")
    paths = {
        "/tokens": {
            "post": {"operationId": "createToken", "security": [{"bearer": []}, {}],
                     "summary": "Create a personal API token: signed in with {name?, expires_in_days?}, or anonymous "
                                "with {email, password, name?, expires_in_days?}; the secret is shown once. "
                                "403 not_confirmed: right password, but the address is not confirmed yet",
                     "requestBody": _body(_ref("TokenCreate")),
                     "responses": responses({"201": _json({"allOf": [_ref("Token"), {
                         "type": "object", "required": ["token"], "properties": {"token": {"type": "string"}}}]},
                         "New token")}, 400, 401, 403, 413, 415, 422, 429)},
            "get": {"operationId": "listTokens", "summary": "The caller's tokens (never their secrets)",
                    "responses": responses({"200": _json({"type": "object", "required": ["tokens"],
                                                          "properties": {"tokens": {"type": "array",
                                                                                    "items": _ref("Token")}}},
                                                         "Tokens")}, 401)}},
        "/tokens/{token_id}": {
            "parameters": [PATH_TOKEN],
            "delete": {"operationId": "revokeToken", "summary": "Revoke one of the caller's tokens",
                       "responses": responses({"204": {"description": "Revoked"}}, 401, 404, 422)}},
        "/projects/{project_id}/ops": {
            "parameters": [PATH_PROJECT],
            "post": {"operationId": "postOp", "summary": "Apply one op (the socket `op` event over REST)",
                     "requestBody": _body(_ref("Op")),
                     "responses": responses({"200": _json(_ref("OpAck"), "Applied")}, *WRITE, 409)}},
        "/me": {"get": {"operationId": "getMe", "summary": "The caller's account",
                        "responses": responses({"200": _json(_ref("User"), "The caller")}, 401)}},
        "/projects": {
            "get": {"operationId": "listProjects", "summary": "The caller's projects, or all public ones",
                    "parameters": [
                        {"name": "scope", "in": "query", "schema": {"enum": ["mine", "public"], "default": "mine"}},
                        {"name": "stage", "in": "query", "schema": {"enum": list(board.STAGE_KEYS)}},
                        {"name": "status", "in": "query", "schema": {"enum": list(permissions.STATUSES)},
                         "description": "Default: every status but archived."}],
                    "responses": responses({"200": _json({"type": "object", "required": ["projects"],
                                                          "properties": {"projects": {"type": "array",
                                                                                      "items": _ref("Project")}}},
                                                         "Projects")}, 401, 422)},
            "post": {"operationId": "createProject", "summary": "Open a project; the caller becomes facilitator",
                     "requestBody": _body(_ref("ProjectCreate")),
                     "responses": responses({"201": _json(_ref("Project"), "Created")}, *WRITE)}},
        "/projects/{project_id}": {
            "parameters": [PATH_PROJECT],
            "get": {"operationId": "getProject", "summary": "One project",
                    "responses": responses({"200": _json(_ref("Project"), "The project")}, *READ)},
            "patch": {"operationId": "updateProject", "summary": "Edit settings; archive with status=archived",
                      "requestBody": _body(_ref("ProjectUpdate")),
                      "responses": responses({"200": _json(_ref("Project"), "Updated")}, *WRITE)}},
        "/projects/{project_id}/members": {
            "parameters": [PATH_PROJECT],
            "get": {"operationId": "listMembers", "summary": "Members and roles",
                    "responses": responses({"200": _json({"type": "object", "required": ["members"],
                                                          "properties": {"members": {"type": "array",
                                                                                     "items": _ref("Membership")}}},
                                                         "Members")}, *READ)}},
        "/projects/{project_id}/members/{user_id}": {
            "parameters": [PATH_PROJECT, PATH_USER],
            "patch": {"operationId": "changeMember", "summary": "Change a member's role",
                      "requestBody": _body(_ref("RoleChange")),
                      "responses": responses({"200": _json(_ref("Membership"), "Changed")}, *WRITE, 409)},
            "delete": {"operationId": "removeMember", "summary": "Remove a member",
                       "responses": responses({"204": {"description": "Removed"}}, *WRITE, 409)}},
        "/projects/{project_id}/board": {
            "parameters": [PATH_PROJECT],
            "get": {"operationId": "getBoard", "summary": "Board snapshot",
                    "parameters": [{"name": "include_deleted", "in": "query",
                                    "schema": {"enum": ["0", "1", "true", "false"]},
                                    "description": "Facilitators: also list deleted cards."}],
                    "responses": responses({"200": _json(_ref("Board"), "The board")}, *READ)}},
        "/projects/{project_id}/cards": {
            "parameters": [PATH_PROJECT],
            "post": {"operationId": "createCard", "summary": "Add a card to a lane",
                     "requestBody": _body(_ref("CardCreate")),
                     "responses": responses({"201": card_ok}, *WRITE)}},
        "/projects/{project_id}/events": {
            "parameters": [PATH_PROJECT],
            "get": {"operationId": "listEvents", "summary": "Events after a seq, in order",
                    "parameters": [{"name": "since", "in": "query",
                                    "schema": {"type": "integer", "minimum": 0, "maximum": 2**31 - 1}},
                                   {"name": "limit", "in": "query",
                                    "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
                    "responses": responses({"200": _json({"type": "object", "required": ["seq", "events", "more"],
                                                          "properties": {"seq": {"type": "integer"},
                                                                         "events": {"type": "array",
                                                                                    "items": _ref("Event")},
                                                                         "more": {"type": "boolean"}}},
                                                         "Events")}, *READ)}},
        "/projects/{project_id}/links": {
            "parameters": [PATH_PROJECT],
            "get": {"operationId": "listLinks", "summary": "Links between the project's live cards",
                    "parameters": [{"name": "include_hidden", "in": "query",
                                    "schema": {"enum": ["0", "1", "true", "false"]},
                                    "description": "Facilitators: also the links of deleted cards."}],
                    "responses": responses({"200": _json({"type": "object", "required": ["links"],
                                                          "properties": {"links": {"type": "array",
                                                                                   "items": _ref("Link")}}},
                                                         "Links")}, *READ)},
            "post": {"operationId": "createLink", "summary": "Link two cards of the project (op link.create)",
                     "requestBody": _body(_ref("LinkCreate")),
                     "responses": responses({"201": _json(_ref("Link"), "Created")}, *WRITE, 409)}},
        "/links/{link_id}": {
            "parameters": [PATH_LINK],
            "delete": {"operationId": "deleteLink", "summary": "Remove a link (op link.delete)",
                       "responses": responses({"204": {"description": "Removed"}}, *WRITE)}},
        "/projects/{project_id}/decisions": {
            "parameters": [PATH_PROJECT],
            "get": {"operationId": "listDecisions", "summary": "Stage-gate decisions, oldest first",
                    "responses": responses({"200": _json({"type": "object", "required": ["decisions"],
                                                          "properties": {"decisions": {"type": "array",
                                                                                       "items": _ref("Decision")}}},
                                                         "Decisions")}, *READ)}},
        "/projects/{project_id}/owner-choices": {
            "parameters": [PATH_PROJECT],
            "get": {"operationId": "listOwnerChoices",
                    "summary": "The organisations a prototype of the project may be given as owner now: those of "
                               "its verified members (all for site admins) and those a prototype already names",
                    "responses": responses({"200": _json({"type": "object", "required": ["organisations"],
                                                          "properties": {"organisations": {
                                                              "type": "array", "items": _ref("Organisation")}}},
                                                         "Organisations")}, *READ)}},
        "/cards/{card_id}": {
            "parameters": [PATH_CARD],
            "get": {"operationId": "getCard", "summary": "One card",
                    "responses": responses({"200": card_ok}, *READ)},
            "patch": {"operationId": "updateCard", "summary": "Edit and/or move a card",
                      "requestBody": _body(_ref("CardUpdate")),
                      "responses": responses({"200": card_ok}, *WRITE, 409)},
            "delete": {"operationId": "deleteCard", "summary": "Soft-delete a card",
                       "responses": responses({"200": card_ok}, *WRITE)}},
        "/cards/{card_id}/restore": {
            "parameters": [PATH_CARD],
            "post": {"operationId": "restoreCard", "summary": "Restore a deleted card (facilitators)",
                     "responses": responses({"200": card_ok}, *WRITE, 409)}},
        **openapi_reports.paths(PATH_PROJECT, PATH_CARD, responses, READ, _json),
        "/openapi.json": {"get": {"operationId": "getOpenApi", "summary": "This document", "security": [],
                                  "responses": {"200": _json({"type": "object"}, "OpenAPI document")}}},
    }
    paths |= openapi_transfer.paths(PATH_PROJECT, responses, _json, READ, WRITE)
    paths |= openapi_comments.paths(PATH_PROJECT, PATH_CARD, responses, _json, READ, WRITE)
    paths |= openapi_search.paths(PATH_PROJECT, responses, _json, READ)
    paths |= openapi_themes.paths(PATH_PROJECT, responses, _json, READ)
    for path, item in openapi_invitations.paths(PATH_PROJECT, ID, responses, _json, READ, WRITE).items():
        paths[path] = paths.get(path, {}) | item
    paths |= openapi_join_codes.paths(PATH_PROJECT, ID, responses, _json, READ, WRITE)
    paths |= openapi_citizen.paths(ID, responses, _json)
    return {
        "openapi": "3.1.0",
        "info": {"title": "GovLab API", "version": "1.0.0",
                 "description": "Errors are {\"error\": {\"code\", \"message\", \"field\"?}}. Authenticate with "
                                "\"Authorization: Bearer <token>\" (POST /tokens), or with the browser session "
                                "plus an X-CSRFToken header on writes."},
        "servers": [{"url": "/api/v1"}],
        "security": [{"bearer": []}, {}],
        "paths": paths,
        "components": {"schemas": _schemas() | _payload_components() | openapi_transfer.schemas()
                       | openapi_reports.schemas() | openapi_comments.schemas() | openapi_invitations.schemas()
                       | openapi_join_codes.schemas() | openapi_search.schemas() | openapi_themes.schemas()
                       | openapi_citizen.schemas(),
                       "responses": errors,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }


@bp.get("/openapi.json")
def openapi_document():
    """Serve the OpenAPI document."""
    return jsonify(build_document())
