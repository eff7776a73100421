"""The workshop part of a board snapshot, filtered for its viewer (a few queries per join, none per tick)."""
from __future__ import annotations

from ..models import Project
from .access import actor_id
from .silent import note_counts, visible_notes
from .votes import board_votes
from .workshops import current_of, list_workshops, lock_state, now_ms, workshop_to_dict


def board_state(actor, project: Project, role: str | None) -> dict:
    """Workshops, the current one, lock, silent mode (hidden notes only for their author and facilitators), votes."""
    workshops = list_workshops(actor, project.id)
    current = current_of(workshops)
    viewer = actor_id(actor) if actor is not None else None
    return {"server_ms": now_ms(), "workshops": [workshop_to_dict(w) for w in workshops],
            "current_id": current.id if current else None, "lock": lock_state(project),
            "silent_workshop_id": project.silent_workshop_id,
            "notes": visible_notes(project.id, viewer, role), "note_counts": note_counts(project.id),
            "votes": board_votes(project.id, viewer), "is_facilitator": role == "facilitator"}
