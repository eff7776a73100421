"""Translate the stage labels of a board snapshot into the request's language."""
from __future__ import annotations

from ..i18n import translate


def _translated_stage(stage: dict) -> dict:
    label, hint = stage["label"], stage["hint"]
    return {**stage, "label": translate(label), "hint": translate(hint)}


def translated_board(snapshot: dict) -> dict:
    """Replace stage label and hint msgids by their translations."""
    snapshot["stages"] = [_translated_stage(stage) for stage in snapshot["stages"]]
    return snapshot
