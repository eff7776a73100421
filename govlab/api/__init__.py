"""JSON REST API under /api/v1: Bearer tokens or the browser session plus CSRF header."""
from __future__ import annotations

import orjson
from flask import Blueprint, Flask, g, request
from flask_login import current_user
from flask_wtf.csrf import ValidationError as CSRFValidationError
from flask_wtf.csrf import validate_csrf

from ..domain.text_rules import nesting_depth_exceeds
from ..errors import ApiError
from ..extensions import csrf
from ..i18n import translate
from ..services import sessions

JSON_DEPTH_MAX = 32  # no payload nests deeper than a few levels; a deeper one is refused unparsed

bp = Blueprint("api", __name__, url_prefix="/api/v1")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


@bp.before_request
def authenticate() -> None:
    """Set g.actor from a Bearer token, else from the session (which then needs a CSRF header)."""
    header = request.headers.get("Authorization")
    g.actor = None
    if header is not None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError("unauthorized", translate("Use the header \"Authorization: Bearer <token>\"."))
        user = sessions.user_for_token(token.strip())
        if user is None:
            raise ApiError("unauthorized", translate("This API token is not valid."))
        g.actor = user
        release_connection()
        return
    if current_user.is_authenticated:
        if request.method not in SAFE_METHODS:
            try:
                validate_csrf(request.headers.get("X-CSRFToken"))
            except CSRFValidationError:
                raise ApiError("csrf_failed", translate(
                    "Missing or wrong X-CSRFToken header. Reload the page and try again.")) from None
        g.actor = current_user._get_current_object()
    release_connection()


def signed_in_actor():
    """The caller's account, or an `unauthorized` ApiError for an anonymous request."""
    if g.actor is None:
        raise ApiError("unauthorized", translate("Please sign in."))
    return g.actor


def release_connection() -> None:
    """Hand the pooled connection back before the body is read: a client sending its body slowly must
    not hold one (15 such clients would starve the pool). The actor reloads on its next use."""
    from ..extensions import db

    db.session.rollback()


def json_body() -> dict:
    """The request's JSON object, or a clear 400/415 error."""
    if not request.is_json:
        raise ApiError("unsupported_media_type", translate("Send the body as application/json."))
    try:
        data = orjson.loads(request.get_data(cache=True))  # orjson refuses nesting past 1024 levels (no RecursionError)
    except orjson.JSONDecodeError:
        raise ApiError("invalid_json", translate("The request body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise ApiError("invalid_json", translate("The request body must be a JSON object."))
    if nesting_depth_exceeds(data, JSON_DEPTH_MAX):
        raise ApiError("invalid_json", translate("The JSON body is nested too deeply (at most %(max)d levels).",
                                                 max=JSON_DEPTH_MAX))
    return data


def register_api(app: Flask) -> None:
    """Mount the API; CSRF for session callers is checked in `authenticate`, not by CSRFProtect."""
    # Importing the route modules registers their routes on bp.
    from . import (openapi, routes_cards, routes_comments, routes_evidence, routes_invitations,  # noqa: F401
                   routes_ops, routes_projects, routes_reports, routes_search, routes_themes, routes_tokens,
                   routes_transfer)
    from . import routes_citizen, routes_join_codes  # noqa: F401

    csrf.exempt(bp)
    app.register_blueprint(bp)
