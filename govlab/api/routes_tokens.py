"""REST routes for personal API tokens: exchange, create, list, revoke; and the caller's account."""
from __future__ import annotations

from flask import g, jsonify

from ..services import accounts, sessions
from ..services.serialize import iso, user_to_dict
from ..web.limits import login_guard
from . import bp, json_body, signed_in_actor


def token_to_dict(record) -> dict:
    """A token's public fields (never its secret)."""
    return {"id": record.id, "name": record.name, "created_at": iso(record.created_at),
            "expires_at": iso(record.expires_at), "last_used_at": iso(record.last_used_at)}


@bp.post("/tokens")
@login_guard
def create_token():
    """Create a personal token: signed in (session or token) with {name?, expires_in_days?}, or with
    {email, password, name?, expires_in_days?}. The secret is in this response only."""
    data = json_body()
    if "email" in data or "password" in data or g.actor is None:
        token, record = accounts.issue_token(data)
    else:
        token, record = sessions.create_token(g.actor, data)
    return jsonify({"token": token, **token_to_dict(record)}), 201, {"Cache-Control": "no-store"}


@bp.get("/tokens")
def list_tokens():
    """The caller's tokens, newest first (names, dates; never the secrets)."""
    return jsonify({"tokens": [token_to_dict(record) for record in sessions.list_tokens(signed_in_actor())]})


@bp.delete("/tokens/<id:token_id>")
def revoke_token(token_id: int):
    """Revoke one of the caller's tokens; requests and sockets using it stop at once."""
    sessions.revoke_token(signed_in_actor(), token_id)
    return "", 204


@bp.get("/me")
def me():
    """The caller's own account."""
    user = signed_in_actor()
    data = user_to_dict(user)
    data.update({"email": user.email, "locale": user.locale, "is_admin": user.is_admin})
    return jsonify(data)
