"""Translate the stage labels of a board snapshot into the request's language."""
from __future__ import annotations

from ..i18n import translate


def translated_board(snapshot: dict) -> dict:
    """Replace stage label and hint msgids by their translations."""
    snapshot["stages"] = [dict(stage, label=translate(stage["label"]), hint=translate(stage["hint"]))
                          for stage in snapshot["stages"]]
    return snapshot
