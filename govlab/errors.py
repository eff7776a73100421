"""Error responses: JSON `{"error": {code, message}}` under /api, an HTML page elsewhere."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .domain.errors import N_, DomainError
from .i18n import translate

log = logging.getLogger(__name__)

STATUS_BY_CODE = {
    "bad_request": 400, "invalid_json": 400, "csrf_failed": 400, "validation_error": 422,
    "unauthorized": 401, "not_confirmed": 403, "invalid_link": 400, "forbidden": 403, "not_found": 404,
    "method_not_allowed": 405,
    "conflict": 409, "locked": 423, "too_large": 413, "unsupported_media_type": 415, "rate_limited": 429,
    "server_error": 500,
}
CODE_BY_STATUS = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                  405: "method_not_allowed", 409: "conflict", 413: "too_large",
                  415: "unsupported_media_type", 422: "validation_error", 429: "rate_limited",
                  500: "server_error"}
MESSAGES = {
    400: N_("The request could not be understood."),
    401: N_("Please sign in."),
    403: N_("You are not allowed to do this."),
    404: N_("Not found."),
    405: N_("This method is not allowed here."),
    413: N_("The request is too large."),
    415: N_("Send the body as application/json."),
    429: N_("Too many requests. Please wait a moment and try again."),
    500: N_("Something went wrong on our side. Nothing was changed."),
}


class ApiError(Exception):
    """An HTTP-level error raised by the API layer itself (auth header, JSON parsing)."""

    def __init__(self, code: str, message: str, status: int | None = None):
        super().__init__(message)
        self.code, self.message = code, message
        self.status = status or STATUS_BY_CODE.get(code, 400)


def wants_json() -> bool:
    """API paths always answer JSON."""
    return request.path.startswith("/api/")


def error_body(code: str, message: str, field: str | None = None) -> dict:
    """The error envelope shared by REST and sockets."""
    error = {"code": code, "message": message}
    if field:
        error["field"] = field
    return {"error": error}


def domain_error_response(error: DomainError):
    """A DomainError as JSON under /api; on pages, the login page or an error page."""
    status = STATUS_BY_CODE.get(error.code, 400)
    message = translate(error.message, error.params)
    if wants_json():
        return jsonify(error_body(error.code, message, error.field)), status
    if error.code == "unauthorized":
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    return render_template("error.html", status=status, message=message), status


def _http_error(error: HTTPException):
    status = error.code or 500
    if isinstance(error, CSRFError):
        code, message = "csrf_failed", translate("The form expired or was not sent from this site. Please try again.")
    else:
        code = CODE_BY_STATUS.get(status, "bad_request" if status < 500 else "server_error")
        message = translate(MESSAGES.get(status, MESSAGES[400 if status < 500 else 500]))
    if wants_json():
        response = jsonify(error_body(code, message))
        if status == 405 and error.valid_methods:
            response.headers["Allow"] = ", ".join(error.valid_methods)
        return response, status
    return render_template("error.html", status=status, message=message), status


def _unexpected(error: Exception):
    log.exception("unhandled error", exc_info=error)
    return _http_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Install the handlers for HTTP errors, domain errors, API errors and crashes."""
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(ApiError, lambda e: (jsonify(error_body(e.code, e.message)), e.status))
    app.register_error_handler(DomainError, domain_error_response)
    app.register_error_handler(Exception, _unexpected)
