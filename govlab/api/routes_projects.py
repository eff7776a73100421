"""REST routes for the current user, projects, members and events (export and import: routes_transfer)."""
from __future__ import annotations

from flask import g, jsonify, request

from ..domain.text_rules import INT32_MAX, parse_int_text
from ..errors import ApiError
from ..i18n import translate, translated_board
from ..services import cards, events, projects
from ..services.serialize import membership_to_dict, project_to_dict
from . import bp, json_body, signed_in_actor


def _int_arg(name: str, default: int, low: int = 0) -> int:
    """A query parameter of ASCII digits within the column's range (ValidationError otherwise)."""
    raw = request.args.get(name)
    return default if raw is None else parse_int_text(raw, name, low=low, high=INT32_MAX)


@bp.get("/projects")
def list_projects():
    """The caller's projects (or all public ones with scope=public), filterable by stage and status."""
    scope = request.args.get("scope", "mine")
    if scope not in ("mine", "public"):
        raise ApiError("validation_error", translate("scope must be mine or public."))
    if scope == "mine":
        signed_in_actor()
    rows = projects.list_projects(g.actor, request.args.get("stage"), request.args.get("status"), scope)
    return jsonify({"projects": [project_to_dict(p, role) for p, role in rows]})


@bp.post("/projects")
def create_project():
    """Open a project; the caller becomes its facilitator."""
    project = projects.create_project(signed_in_actor(), json_body())
    return jsonify(project_to_dict(project, "facilitator")), 201


@bp.get("/projects/<id:project_id>")
def get_project(project_id: int):
    """One project the caller can see."""
    project, role = projects.get_project(g.actor, project_id)
    return jsonify(project_to_dict(project, role))


@bp.patch("/projects/<id:project_id>")
def update_project(project_id: int):
    """Change a project's settings (facilitators)."""
    project = projects.update_project(g.actor, project_id, json_body())
    project, role = projects.get_project(g.actor, project.id)
    return jsonify(project_to_dict(project, role))


@bp.get("/projects/<id:project_id>/members")
def list_members(project_id: int):
    """The project's members and roles; e-mails only for facilitators."""
    _project, role, members = projects.list_members(g.actor, project_id)
    return jsonify({"members": [membership_to_dict(m, with_email=role == "facilitator") for m in members]})


@bp.patch("/projects/<id:project_id>/members/<id:user_id>")
def change_member(project_id: int, user_id: int):
    """Change a member's role (facilitators)."""
    data = json_body()
    if isinstance(data, dict) and "user_id" in data:
        raise ApiError("validation_error", translate("Unknown field: %(name)s.", name="user_id"))
    membership = projects.change_role_op(g.actor, project_id, {**data, "user_id": user_id})
    return jsonify(membership_to_dict(membership, with_email=True))


@bp.delete("/projects/<id:project_id>/members/<id:user_id>")
def remove_member(project_id: int, user_id: int):
    """Take a member out of the project (facilitators)."""
    projects.remove_member_op(g.actor, project_id, {"user_id": user_id})
    return "", 204


@bp.get("/projects/<id:project_id>/board")
def get_board(project_id: int):
    """The board snapshot: project, seq, stages with translated labels, and cards."""
    include_deleted = request.args.get("include_deleted") in ("1", "true")
    return jsonify(translated_board(cards.board_snapshot(g.actor, project_id, include_deleted)))


@bp.get("/projects/<id:project_id>/events")
def list_events(project_id: int):
    """Events after `since` in seq order (at most `limit`, default 500)."""
    return jsonify(events.events_since(g.actor, project_id, _int_arg("since", 0), _int_arg("limit", 500, low=1)))
