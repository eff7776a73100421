"""The activity timeline: which whole sentence tells each Event, the filters, and collapsing typing runs.

A sentence is a msgid with %-placeholders, chosen per event type (and per decision, link type or
changed field), never assembled from fragments. `labels` name placeholders whose value is itself a
msgid (a stage, a role, a verdict …) that the page translates before it fills the sentence in.
Pure functions: no database, no Flask.
"""
from __future__ import annotations

from . import board, evidence, permissions
from .errors import N_, ValidationError
from .reports import SECTOR_BUCKETS
from .text_rules import INT32_MAX, parse_int_text

SKIPPED_TYPES = ("lane.respace",)  # bookkeeping of positions, not something a person did
# The "event type" filter: key → the Event types it shows, and its label.
TYPE_FILTERS = {
    "card.create": ("card.create",), "card.update": ("card.update",), "card.text": ("card.text",),
    "card.move": ("card.move",), "card.delete": ("card.delete",), "card.restore": ("card.restore",),
    "link": ("link.create", "link.delete"), "prototype.update": ("prototype.update",),
    "test.update": ("test.update",), "gate.decide": ("gate.decide",),
    "member": ("member.add", "member.update", "member.remove", "invitation.create", "invitation.resend",
               "invitation.revoke", "invitation.decline"), "project": ("project.create", "project.update"),
}
TYPE_FILTER_LABELS = {
    "card.create": N_("Cards added"), "card.update": N_("Cards edited"), "card.text": N_("Text typed"),
    "card.move": N_("Cards moved"), "card.delete": N_("Cards deleted"), "card.restore": N_("Cards restored"),
    "link": N_("Links"), "prototype.update": N_("Prototype fields"), "test.update": N_("Test results"),
    "gate.decide": N_("Gate decisions"), "member": N_("Members"), "project": N_("Project settings"),
}
PAGE_SIZE = 50
SCAN_MAX = 2000  # events read at most to fill one filtered page; an "older" link continues from there

_DECISION_SENTENCES = {"scale": N_("%(actor)s decided to scale “%(title)s”"),
                       "iterate": N_("%(actor)s decided to iterate on “%(title)s”"),
                       "pivot": N_("%(actor)s decided to pivot “%(title)s”"),
                       "drop": N_("%(actor)s decided to drop “%(title)s”")}
_LINK_SENTENCES = {"frames": N_("%(actor)s linked “%(from)s” as framing “%(to)s”"),
                   "answers": N_("%(actor)s linked “%(from)s” as answering “%(to)s”"),
                   "embodies": N_("%(actor)s linked “%(from)s” as embodying “%(to)s”"),
                   "tests": N_("%(actor)s linked “%(from)s” as testing “%(to)s”"),
                   "relates": N_("%(actor)s related “%(from)s” to “%(to)s”")}
_STAGE_LABELS = {stage.key: stage.label for stage in board.STAGES}


# Events told without details: citizens' contributions carry no text or personal data in their Events.
_PLAIN_SENTENCES = {
    "challenge.update": N_("%(actor)s changed the public challenge page"),
    "card.publish": N_("%(actor)s changed whether “%(title)s” shows on the public page"),
    "contribution.submit": N_("A citizen sent a contribution"),
    "contribution.support": N_("Someone supported a citizen's idea"),
    "contribution.flag": N_("Someone reported a citizen's contribution"),
    "contribution.approve": N_("%(actor)s published a citizen's contribution"),
    "contribution.promote": N_("%(actor)s turned a citizen's contribution into a card"),
    "contribution.merge": N_("%(actor)s merged a citizen's contribution into another"),
    "contribution.reject": N_("%(actor)s declined a citizen's contribution"),
    "contribution.decide": N_("%(actor)s recorded what became of a citizen's contribution"),
    "contribution.status": N_("The public status of a citizen's contribution changed"),
    "contribution.erase": N_("A citizen's personal data was erased at their request"),
    "workshop.create": N_("%(actor)s planned a workshop"),
    "workshop.update": N_("%(actor)s ran or changed the workshop"),
    "workshop.reveal": N_("%(actor)s revealed the cards of the silent brainstorm"),
    "note.count": N_("%(actor)s added or removed a hidden card in the silent brainstorm"),
    "vote.open": N_("%(actor)s opened a dot vote"),
    "vote.dots": N_("%(actor)s voted"),
    "vote.close": N_("%(actor)s closed the dot vote"),
    "board.lock": N_("%(actor)s locked or unlocked the board"),
    "join_code.create": N_("%(actor)s made a join code for workshop guests"),
    "join_code.extend": N_("%(actor)s gave a join code more time; its guests keep taking part"),
    "join_code.revoke": N_("%(actor)s withdrew a join code; its guests can no longer take part"),
}
TYPE_FILTERS["member"] += ("join_code.create", "join_code.extend", "join_code.revoke")  # guests join through codes
_THEME_SENTENCES = {
    "theme.create": N_("%(actor)s grouped cards of %(stage)s into the theme “%(name)s”"),
    "theme.rename": N_("%(actor)s renamed a theme of %(stage)s to “%(name)s”"),
    "theme.delete": N_("%(actor)s removed the theme “%(name)s” from %(stage)s; its cards stay in the lane"),
    "theme.assign": N_("%(actor)s put “%(title)s” in the theme “%(name)s”"),
}


def clean_filters(args: dict) -> dict:
    """The timeline's filters and paging from a query string. Raises ValidationError on any bad value.

    person, organisation: ids; sector: a sector bucket or "none"; stage: a stage key; type: a
    TYPE_FILTERS key; before/after: seqs (ASCII digits within the INTEGER range).
    """
    filters: dict = {}
    for key in ("person", "organisation"):
        raw = args.get(key)
        filters[key] = parse_int_text(raw, key, low=1, high=INT32_MAX) if raw not in (None, "") else None
    for key in ("before", "after"):
        raw = args.get(key)
        filters[key] = parse_int_text(raw, key, low=0, high=INT32_MAX) if raw not in (None, "") else None
    for key, allowed in (("sector", SECTOR_BUCKETS + ("none",)), ("stage", board.STAGE_KEYS),
                         ("type", tuple(TYPE_FILTERS))):
        raw = args.get(key)
        if raw in (None, ""):
            filters[key] = None
        elif not isinstance(raw, str) or raw not in allowed:
            raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field=key, name=key,
                                  allowed=", ".join(allowed))
        else:
            filters[key] = raw
    return filters


def card_ids_of(event_type: str, payload: dict) -> list[int]:
    """The cards an Event is about (one card, or a link's two ends)."""
    if event_type.startswith("link."):
        link = payload.get("link") or {}
        return [value for value in (link.get("from"), link.get("to")) if isinstance(value, int)]
    card = payload.get("card")
    return [card["id"]] if isinstance(card, dict) and isinstance(card.get("id"), int) else []


def sentence(event_type: str, payload: dict, titles: dict[int, str], count: int = 1) -> dict:
    """The sentence that tells an Event: {msgid, params, labels}; `actor` is filled in by the caller.

    `titles` gives the current titles of linked cards (link payloads carry only ids); a card's own
    title comes from the Event, as it was then. `count` > 1 tells a collapsed run of typing.
    """
    card = payload.get("card") if isinstance(payload.get("card"), dict) else {}
    title = card.get("title", "")
    params: dict = {"title": title}
    labels: dict = {}
    if event_type == "card.create":
        msgid, labels["stage"] = N_("%(actor)s added “%(title)s” to %(stage)s"), _STAGE_LABELS.get(card.get("stage"))
    elif event_type == "card.update":
        msgid = N_("%(actor)s edited “%(title)s”")
    elif event_type == "card.text":
        msgid = N_("%(actor)s edited the text of “%(title)s”") if count == 1 else \
            N_("%(actor)s edited the text of “%(title)s” %(count)d times")
        params["count"] = count
    elif event_type == "card.move":
        moved_from = payload.get("from") if isinstance(payload.get("from"), dict) else {}
        labels["stage"] = _STAGE_LABELS.get(card.get("stage"))
        msgid = N_("%(actor)s reordered “%(title)s” in %(stage)s") if moved_from.get("stage") == card.get("stage") \
            else N_("%(actor)s moved “%(title)s” to %(stage)s")
    elif event_type == "card.delete":
        msgid = N_("%(actor)s deleted “%(title)s”")
    elif event_type == "card.restore":
        msgid = N_("%(actor)s restored “%(title)s”")
    elif event_type in ("link.create", "link.delete"):
        link = payload.get("link") or {}
        params = {"from": titles.get(link.get("from"), "#%s" % link.get("from")),
                  "to": titles.get(link.get("to"), "#%s" % link.get("to"))}
        msgid = _LINK_SENTENCES.get(link.get("type"), _LINK_SENTENCES["relates"]) if event_type == "link.create" \
            else N_("%(actor)s removed the link between “%(from)s” and “%(to)s”")
    elif event_type == "prototype.update":
        fields = payload.get("fields") or []
        prototype = card.get("prototype") or {}
        if "status" in fields and prototype.get("status") in evidence.PROTOTYPE_STATUS_LABELS:
            msgid = N_("%(actor)s set the status of the prototype “%(title)s” to %(status)s")
            labels["status"] = evidence.PROTOTYPE_STATUS_LABELS[prototype["status"]]
        else:
            msgid = N_("%(actor)s updated the details of the prototype “%(title)s”")
    elif event_type == "test.update":
        fields = payload.get("fields") or []
        verdict = (card.get("test") or {}).get("verdict")
        if "verdict" in fields and verdict in evidence.VERDICT_LABELS:
            msgid = N_("%(actor)s recorded the verdict “%(verdict)s” on the test “%(title)s”")
            labels["verdict"] = evidence.VERDICT_LABELS[verdict]
        else:
            msgid = N_("%(actor)s updated the results of the test “%(title)s”")
    elif event_type == "gate.decide":
        decision = (payload.get("decision") or {}).get("decision")
        msgid = _DECISION_SENTENCES.get(decision, N_("%(actor)s recorded a decision on “%(title)s”"))
    elif event_type in ("member.add", "member.update", "member.remove"):
        user = payload.get("user") or {}
        params = {"member": user.get("name", "")}
        labels["role"] = permissions.ROLE_LABELS.get(payload.get("role"))
        msgid = {"member.add": N_("%(actor)s added %(member)s to the project as %(role)s"),
                 "member.update": N_("%(actor)s changed the role of %(member)s to %(role)s"),
                 "member.remove": N_("%(actor)s removed %(member)s from the project")}[event_type]
        if event_type == "member.add" and payload.get("invitation_id"):
            msgid = N_("%(member)s accepted an invitation and joined the project as %(role)s")
        elif event_type == "member.add" and payload.get("join_code_id"):
            msgid = N_("%(member)s joined the workshop with a code, as a guest (%(role)s)")
    elif event_type in ("invitation.create", "invitation.resend", "invitation.revoke", "invitation.decline"):
        # Invitations name nobody: their addresses stay with the facilitators (a decline has no actor).
        labels["role"] = permissions.ROLE_LABELS.get((payload.get("invitation") or {}).get("role"))
        msgid = {"invitation.create": N_("%(actor)s invited someone to the project as %(role)s"),
                 "invitation.resend": N_("%(actor)s sent an invitation again"),
                 "invitation.revoke": N_("%(actor)s withdrew an invitation"),
                 "invitation.decline": N_("Someone declined an invitation to the project as %(role)s")}[event_type]
    elif event_type in ("project.create", "project.update"):
        msgid, params, labels = _project_sentence(event_type, payload)
    elif event_type in _THEME_SENTENCES:
        theme = payload.get("theme") if isinstance(payload.get("theme"), dict) else {}
        params["name"] = theme.get("name", "")
        labels["stage"] = _STAGE_LABELS.get(theme.get("stage"))
        msgid = _THEME_SENTENCES[event_type] if theme or event_type != "theme.assign" \
            else N_("%(actor)s took “%(title)s” out of its theme")
    elif event_type in _PLAIN_SENTENCES:
        msgid = _PLAIN_SENTENCES[event_type]
    else:
        msgid, params = N_("%(actor)s made a change (%(type)s)"), {"type": event_type}
    return {"msgid": msgid, "params": params, "labels": {k: v for k, v in labels.items() if v}}


def _project_sentence(event_type: str, payload: dict) -> tuple[str, dict, dict]:
    project = payload.get("project") or {}
    fields = payload.get("fields") or []
    if event_type == "project.create":
        return N_("%(actor)s opened the project “%(title)s”"), {"title": project.get("title", "")}, {}
    if "stage" in fields and project.get("stage") in _STAGE_LABELS:
        return N_("%(actor)s moved the project to the %(stage)s stage"), {}, {"stage": _STAGE_LABELS[project["stage"]]}
    if "status" in fields and project.get("status") in permissions.STATUS_LABELS:
        return N_("%(actor)s set the project status to %(status)s"), {}, \
            {"status": permissions.STATUS_LABELS[project["status"]]}
    if "visibility" in fields and project.get("visibility") in permissions.VISIBILITY_LABELS:
        return N_("%(actor)s made the project %(visibility)s"), {}, \
            {"visibility": permissions.VISIBILITY_LABELS[project["visibility"]]}
    return N_("%(actor)s changed the project settings"), {}, {}


def collapse_runs(entries: list[dict]) -> list[dict]:
    """Merge neighbouring card.text entries (newest first) by the same person on the same card into one.

    Each entry has seq, type, actor_id and card_id; a merged entry keeps the newest one's fields and
    gains `count` and `first_seq` (the oldest seq of the run).
    """
    merged: list[dict] = []
    for entry in entries:
        entry = {**entry, "count": entry.get("count", 1), "first_seq": entry.get("first_seq", entry["seq"])}
        last = merged[-1] if merged else None
        if (last is not None and entry["type"] == last["type"] == "card.text"
                and entry["actor_id"] == last["actor_id"] and entry["card_id"] == last["card_id"]):
            last["count"] += entry["count"]
            last["first_seq"] = min(last["first_seq"], entry["first_seq"])
            continue
        merged.append(entry)
    return merged
