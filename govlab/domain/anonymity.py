"""Anonymous mode, the rule: while it is on, participants never see who did what on the board.

Pure functions over the plain dicts the services serialise (cards, comments, links, Events, note
counts, presence). Hidden: card and comment authors, link creators, every Event's actor, the names in
the silent-brainstorm counts, who invited whom, and presence identities. A viewer keeps their own name
on their own things (`viewer_id`); a broadcast to a whole room has no viewer and keeps nobody's. Facilitators get
the unscrubbed dicts (the services decide who is one), and the Event log itself is never changed.

Kept on purpose: a gate decision's `decided_by` (only facilitators decide, and a decision is their
accountable act), the mentions inside a comment (they are part of its text), and the member list.
"""
from __future__ import annotations

# Who-did-it keys, each with the name that travels with it (hidden together).
PAIRS: tuple[tuple[str, str | None], ...] = (("author_id", "author_name"), ("actor_id", "actor_name"),
                                             ("created_by", None), ("invited_by", None))
# Lists of per-person rows ({user_id, name, count}): the silent-brainstorm counts.
PERSON_ROWS = ("counts", "note_counts")
# Notifications that name whoever wrote or changed something (a decision or an invitation is a facilitator's).
NOTIFICATION_KINDS = ("mention", "comment", "reply", "status")
# What a participant still sees of someone else's presence: the socket's alias, the state, the card.
PRESENCE_KEPT = ("state", "card_id")


def scrub(value, viewer_id: int | None = None):
    """A copy of `value` (dicts and lists, any depth) with every author hidden except the viewer's own.

    The input is never changed: the same Event dict also goes, unscrubbed, to the facilitators.
    """
    if isinstance(value, list):
        return [scrub(item, viewer_id) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key in PERSON_ROWS and isinstance(item, list):
            out[key] = [_person_row(row, viewer_id) for row in item]
        else:
            out[key] = scrub(item, viewer_id)
    for id_key, name_key in PAIRS:
        if id_key in out and not _own(out[id_key], viewer_id):
            out[id_key] = None
            if name_key is not None and name_key in out:
                out[name_key] = None
    if "actor_organisation" in out and "actor_id" in out and out["actor_id"] is None:
        out["actor_organisation"] = None  # a timeline entry: the organisation names the person too
    return out


def _own(person_id, viewer_id: int | None) -> bool:
    return viewer_id is not None and person_id is not None and person_id == viewer_id


def _person_row(row, viewer_id: int | None):
    if not isinstance(row, dict) or _own(row.get("user_id"), viewer_id):
        return scrub(row, viewer_id)
    return {**scrub(row, viewer_id), "user_id": None, "name": None}


def scrub_presence(state: dict, alias: str) -> dict:
    """A presence state for participants: who is behind the socket is gone, even its socket id (an alias)."""
    return {"sid": alias, **{key: state[key] for key in PRESENCE_KEPT if key in state}}
