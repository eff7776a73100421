"""REST routes of a person's own contributions to public challenges (a citizen's account; any account that sent
some): list with status and history, a copy of everything, erasure — the same services as /me/contributions."""
from __future__ import annotations

from flask import Response, jsonify, request

from ..domain.errors import N_, ValidationError
from ..services import citizen_account
from ..services.serialize import iso
from . import bp, signed_in_actor

PRIVATE = {"Cache-Control": "no-store"}  # personal data: never kept by a cache on the way
FLAGS = {"true": True, "false": False}


def _flag(name: str) -> bool:
    """A query flag that is `true` or `false` (absent: false); anything else is a clear 422."""
    raw = request.args.get(name)
    if raw is None:
        return False
    if raw not in FLAGS:
        raise ValidationError(N_("%(name)s must be true or false."), field=name, name=name)
    return FLAGS[raw]


def contribution_dict(row: dict) -> dict:
    """One of the caller's contributions with its public status, the lab's reason and its history."""
    contribution, project = row["contribution"], row["project"]
    return {"id": contribution.id, "kind": contribution.kind, "text": contribution.text,
            "challenge": {"id": project.id, "title": project.title} if project is not None else None,
            "status": row["status"], "reason": row["reason"] or None, "reject_reason": contribution.reject_reason,
            "created_at": iso(contribution.created_at), "published_at": iso(contribution.published_at),
            "can_keep_text": bool(row["can_keep_text"]),
            "history": [{"at": iso(at), "status": status} for at, status in row["history"]]}


@bp.get("/me/contributions")
def my_contributions():
    """The caller's live contributions across challenges, newest first, with status and history."""
    rows = citizen_account.my_contributions(signed_in_actor())
    return jsonify({"contributions": [contribution_dict(row) for row in rows],
                    "listed_max": citizen_account.LISTED_MAX}), 200, PRIVATE


def _document(body: bytes) -> Response:
    return Response(body, 200, PRIVATE, mimetype="application/json")


@bp.get("/me/contributions/export")
def export_my_contributions():
    """Everything stored about the caller as a contributor: the account and each contribution (format
    govlab.citizen.v1, as the page's download)."""
    return _document(citizen_account.export_account(signed_in_actor()))


@bp.get("/me/contributions/<id:contribution_id>")
def export_my_contribution(contribution_id: int):
    """Everything stored about one of the caller's contributions (format govlab.contribution.v1); 404 for
    anyone else's or an erased one."""
    return _document(citizen_account.export_one(signed_in_actor(), contribution_id))


@bp.delete("/me/contributions/<id:contribution_id>")
def erase_my_contribution(contribution_id: int):
    """Erase one of the caller's contributions; `keep_text=true` keeps its text where the sensitive-data consent
    (PDPA s.26) allows it."""
    user = signed_in_actor()
    citizen_account.erase_own(user, contribution_id, keep_text=_flag("keep_text"))
    return "", 204


@bp.delete("/me/contributions")
def erase_all_my_contributions():
    """Erase every contribution of the caller; there is no undo, so `confirm=all` must be given."""
    user = signed_in_actor()
    if request.args.get("confirm") != "all":
        raise ValidationError(N_("Add confirm=all to erase all your contributions: there is no undo."),
                              field="confirm")
    return jsonify({"erased": citizen_account.erase_all(user)}), 200, PRIVATE
