"""Values every template can use: labels, the language switch, navigation."""
from __future__ import annotations

from flask import request

from ..domain import accounts, board, permissions
from ..i18n import current_locale, label


def org_name(org) -> str:
    """An organisation's name in the UI language."""
    return org.name_for(current_locale()) if org is not None else ""


def field_attrs(field, autocomplete: str | None = None, maxlength: int | None = None) -> dict:
    """HTML attributes for a form field: error linkage for screen readers, autocomplete, limits."""
    attrs = {}
    if field.errors:
        attrs.update({"aria-describedby": f"{field.id}-error", "aria-invalid": "true"})
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if maxlength:
        attrs["maxlength"] = maxlength
    return attrs


def template_helpers() -> dict:
    """Label helpers for templates (macros included), so templates hold no logic of their own."""
    return {
        "stage_label": lambda key: label({s.key: s.label for s in board.STAGES}, key),
        "kind_label": lambda key: label(board.KIND_LABELS, key),
        "role_label": lambda key: label(permissions.ROLE_LABELS, key),
        "status_label": lambda key: label(permissions.STATUS_LABELS, key),
        "visibility_label": lambda key: label(permissions.VISIBILITY_LABELS, key),
        "sector_label": lambda key: label(accounts.SECTOR_LABELS, key),
        "level_label": lambda key: label(accounts.LEVEL_LABELS, key),
        "color_label": lambda key: label(board.COLOR_LABELS, key),
        "org_name": org_name,
        "field_attrs": field_attrs,
        "languages": [("th", "ไทย"), ("en", "English")],
    }


def inject_request_values() -> dict:
    """Per-request values: the path to come back to after switching language."""
    return {"current_path": request.full_path.rstrip("?")}
