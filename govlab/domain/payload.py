"""Shape checks for incoming payloads (REST bodies, socket ops, forms)."""
from __future__ import annotations

from .errors import N_, ValidationError


def check_fields(data: object, allowed: set[str], required: tuple[str, ...] = ()) -> dict:
    """The payload must be an object with only known fields and all required ones."""
    if not isinstance(data, dict):
        raise ValidationError(N_("The request body must be a JSON object."))
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValidationError(N_("Unknown field: %(name)s."), field=unknown[0], name=unknown[0])
    for name in required:
        if name not in data:
            raise ValidationError(N_("The field %(name)s is required."), field=name, name=name)
    return data


def choice(value: object, allowed: tuple[str, ...], field: str) -> str:
    """The value must be one of the allowed strings."""
    if not isinstance(value, str) or value not in allowed:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."),
                              field=field, name=field, allowed=", ".join(allowed))
    return value
