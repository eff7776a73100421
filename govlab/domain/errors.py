"""Domain errors with stable codes; messages are English msgids translated by the caller."""
from __future__ import annotations


def N_(message: str) -> str:
    """Mark a message for extraction into the catalogs without translating it here."""
    return message


class DomainError(Exception):
    """A rule was broken; `code` is stable for clients, `message` is a translatable msgid."""

    code = "bad_request"

    def __init__(self, message: str, field: str | None = None, **params):
        super().__init__(message % params if params else message)
        self.message = message
        self.field = field
        self.params = params


class ValidationError(DomainError):
    """The input is malformed or breaks a field rule."""

    code = "validation_error"


class PermissionDenied(DomainError):
    """The actor may not do this."""

    code = "forbidden"


class NotAuthenticated(DomainError):
    """The action needs a signed-in user."""

    code = "unauthorized"


class NotFound(DomainError):
    """The object does not exist, or is invisible to the actor."""

    code = "not_found"


class Conflict(DomainError):
    """The change clashes with the current state (e.g. a duplicate)."""

    code = "conflict"


class Locked(DomainError):
    """A facilitator froze the board or this lane; only facilitators can change it now."""

    code = "locked"


class NotConfirmed(NotAuthenticated):
    """The password is right but the account's e-mail address is not confirmed yet."""

    code = "not_confirmed"
