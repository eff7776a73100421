"""The open project file (export and import): format versions, limits, and validation of a whole file.

`read_project_file` checks a decoded file completely before anything is written, and answers the
cleaned content with the file's own ids (the import gives new ones). Pure rules: no database, no Flask.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import board, evidence, permissions
from . import themes as theme_rules
from .errors import N_, ValidationError
from .ordering import is_valid_key
from .text_rules import INT32_MAX
from .transfer_fields import (bounded, card_ref, check_strings, choice, clean, expect, get, id_in, items_of,
                              moment, optional_person, organisation, person, text, unique)

FORMAT_PREFIX = "govlab.project.v"
FORMAT_VERSION = 2
FORMAT = f"{FORMAT_PREFIX}{FORMAT_VERSION}"
READABLE_VERSIONS = (1, 2)
HMW_MAX = 1000

# A project of a big lab has a few thousand cards; these bounds refuse files that can only come from a script.
FILE_BYTES_MAX = 32 * 1024 * 1024
DEPTH_MAX = 32
CARDS_MAX = 20_000
LINKS_MAX = 50_000
DECISIONS_MAX = 20_000
EVENTS_MAX = 200_000
MEMBERS_MAX = 10_000
THEMES_MAX = len(board.STAGES) * theme_rules.THEMES_PER_LANE_MAX
EVENT_TYPE_RE = re.compile(r"[a-z_]{1,20}(\.[a-z_]{1,20}){0,2}")
EVENT_TYPE_MAX = 40
_FORMAT_RE = re.compile(r"govlab\.project\.v([0-9]{1,6})")


@dataclass
class ProjectFile:
    """A checked project file: cleaned values with the file's ids (cards, links, decisions)."""

    version: int
    project: dict
    members: list[dict] = field(default_factory=list)
    cards: list[dict] = field(default_factory=list)
    links: list[dict] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    themes: list[dict] = field(default_factory=list)

    def organisations(self) -> list[dict]:
        """Every organisation the file names (project, members, prototype owners), each (th, en) pair once."""
        found: dict[tuple[str, str], dict] = {}
        named = [self.project["organisation"], *(m["organisation"] for m in self.members),
                 *(c["prototype"]["owner_organisation"] for c in self.cards if c.get("prototype"))]
        for org in named:
            if org is not None:
                found.setdefault(org_key(org), org)
        return list(found.values())


def org_key(org: dict) -> tuple[str, str]:
    """How an organisation of a file is matched to one of this GovLab: its Thai and English names."""
    return org["name_th"], org["name_en"]


def check_format(document: object) -> int:
    """The format version of a decoded file, or a ValidationError saying why it cannot be read."""
    if not isinstance(document, dict):
        raise ValidationError(N_("This file is not a GovLab project export (it must be a JSON object)."))
    name = document.get("format")
    match = _FORMAT_RE.fullmatch(name) if isinstance(name, str) else None
    if match is None:
        raise ValidationError(N_("This file is not a GovLab project export (no \"format\": \"%(format)s\")."),
                              field="format", format=FORMAT)
    version = int(match.group(1))
    if version > FORMAT_VERSION:
        raise ValidationError(N_("This file was made by a newer GovLab (format %(found)s); this one reads up to "
                                 "%(format)s. Update GovLab to import it."), field="format", found=name,
                              format=FORMAT)
    if version not in READABLE_VERSIONS:
        raise ValidationError(N_("This file's format %(found)s is not one GovLab can read."), field="format",
                              found=name)
    return version


def read_project_file(document: object) -> ProjectFile:
    """Check a whole decoded project file (v1 or v2) and return its cleaned content. Raises ValidationError."""
    version = check_format(document)
    project = _project(get(document, "project", dict, "project"), version)
    members = [_member(item, f"members[{i}]", version)
               for i, item in enumerate(items_of(document, "members", MEMBERS_MAX, "members"))]
    stages = items_of(document, "stages", len(board.STAGES), "stages")
    for index, key in enumerate(stages):
        if not isinstance(key, str) or key not in board.STAGE_KEYS:
            raise ValidationError(N_("Unknown stage. Use one of: %(stages)s."), field=f"stages[{index}]",
                                  stages=", ".join(board.STAGE_KEYS))
    themes = [_theme(item, f"themes[{i}]") for i, item in enumerate(_optional_items(document, "themes", THEMES_MAX))]
    cards = [_card(item, f"cards[{i}]", version)
             for i, item in enumerate(items_of(document, "cards", CARDS_MAX, "cards"))]
    by_id = unique(cards, "cards")
    _check_card_themes(cards, unique(themes, "themes"))
    links = decisions = []
    if version >= 2:
        links = [_link(item, f"links[{i}]", by_id)
                 for i, item in enumerate(items_of(document, "links", LINKS_MAX, "links"))]
        unique(links, "links")
        _check_link_set(links)
        decisions = [_decision(item, f"decisions[{i}]", by_id)
                     for i, item in enumerate(items_of(document, "decisions", DECISIONS_MAX, "decisions"))]
        unique(decisions, "decisions")
    names = {m.get("user_id"): m["name"] for m in members if m.get("user_id") is not None}
    events = [_event(item, f"events[{i}]", version, names)
              for i, item in enumerate(items_of(document, "events", EVENTS_MAX, "events"))]
    for index, event in enumerate(events):
        if event["seq"] != index + 1:
            raise ValidationError(N_("The event log must be complete: event %(index)d must have seq %(seq)d."),
                                  field=f"events[{index}].seq", index=index + 1, seq=index + 1)
    for member in members:
        member.pop("user_id", None)
    return ProjectFile(version, project, members, cards, links, decisions, events, themes)


# -- sections ------------------------------------------------------------------------------------

def _project(data: dict, version: int) -> dict:
    stall = get(data, "stall_days", int, "project.stall_days", required=version >= 2,
                 default=evidence.STALL_DAYS_DEFAULT)
    if not 1 <= stall <= evidence.STALL_DAYS_MAX:
        raise ValidationError(N_("%(name)s is out of range."), field="project.stall_days", name="project.stall_days")
    return {
        "title": clean(board.clean_title, get(data, "title", str, "project.title"), "project.title"),
        "hmw": clean(lambda v: board.clean_body(v, "hmw", HMW_MAX).strip(),
                      get(data, "hmw", str, "project.hmw"), "project.hmw"),
        "visibility": choice(data, "visibility", permissions.VISIBILITIES, "project"),
        "status": choice(data, "status", permissions.STATUSES, "project"),
        "stage": choice(data, "stage", board.STAGE_KEYS, "project"),
        "stall_days": stall,
        "observers_may_comment": get(data, "observers_may_comment", bool, "project.observers_may_comment",
                                     required=False, default=True),
        "organisation": organisation(data.get("organisation"), "project.organisation"),
        "created_at": moment(data.get("created_at"), "project.created_at"),
        "updated_at": moment(data.get("updated_at"), "project.updated_at"),
    }


def _member(data: object, path: str, version: int) -> dict:
    data = expect(data, dict, path)
    role = choice(data, "role", permissions.ROLES, path)
    user_id = None
    if version == 1:  # v1: {"user": {"id", "name", "organisation"}, "role"}
        data = get(data, "user", dict, f"{path}.user")
        path = f"{path}.user"
        user_id = get(data, "id", int, f"{path}.id", required=False)
    return {"name": person(get(data, "name", str, f"{path}.name"), f"{path}.name"),
            "organisation": organisation(data.get("organisation"), f"{path}.organisation"),
            "role": role, "user_id": user_id}


def _card(data: object, path: str, version: int) -> dict:
    data = expect(data, dict, path)
    stage = choice(data, "stage", board.STAGE_KEYS, path)
    kind = clean(lambda v: board.check_kind(stage, v), get(data, "kind", str, f"{path}.kind"), f"{path}.kind")
    position = get(data, "position", str, f"{path}.position")
    if not is_valid_key(position):
        raise ValidationError(N_("%(name)s has the wrong format."), field=f"{path}.position", name=f"{path}.position")
    card = {
        "id": id_in(data, "id", path), "stage": stage, "kind": kind,
        "title": clean(board.clean_title, get(data, "title", str, f"{path}.title"), f"{path}.title"),
        "body": clean(board.clean_body, get(data, "body", str, f"{path}.body"), f"{path}.body"),
        "color": clean(board.check_color, get(data, "color", str, f"{path}.color"), f"{path}.color"),
        "position": position,
        "version": bounded(get(data, "version", int, f"{path}.version"), 1, INT32_MAX, f"{path}.version"),
        "author_name": optional_person(data.get("author_name"), f"{path}.author_name"),
        "deleted": get(data, "deleted", bool, f"{path}.deleted", required=False, default=False),
        "theme_id": _optional_id(data, "theme_id", path),
        "created_at": moment(data.get("created_at"), f"{path}.created_at"),
        "updated_at": moment(data.get("updated_at"), f"{path}.updated_at"),
    }
    for section, wanted in (("prototype", "prototype"), ("test", "test")):
        if section in data and kind != wanted:
            clean(lambda _v: evidence.check_fields_kind(kind, wanted), None, f"{path}.{section}")
    if kind == "prototype":
        card["prototype"] = _prototype_fields(data.get("prototype"), f"{path}.prototype", version)
    elif kind == "test":
        card["test"] = _test_fields(data.get("test"), f"{path}.test", version)
    return card


def _optional_items(document: dict, key: str, limit: int) -> list:
    """A list the format gained later (files without it still read): missing or null is empty."""
    if document.get(key) is None:
        return []
    return items_of(document, key, limit, key)


def _optional_id(data: dict, key: str, path: str) -> int | None:
    value = get(data, key, int, f"{path}.{key}", required=False)
    return None if value is None else bounded(value, 1, INT32_MAX, f"{path}.{key}")


def _theme(data: object, path: str) -> dict:
    """An affinity theme: a named group in one lane (its cards name it by their theme_id)."""
    data = expect(data, dict, path)
    return {"id": id_in(data, "id", path), "stage": choice(data, "stage", board.STAGE_KEYS, path),
            "name": clean(theme_rules.clean_name, get(data, "name", str, f"{path}.name"), f"{path}.name"),
            "created_at": moment(data.get("created_at"), f"{path}.created_at"),
            "updated_at": moment(data.get("updated_at"), f"{path}.updated_at")}


def _check_card_themes(cards: list[dict], themes: dict[int, dict]) -> None:
    """Each card's theme is one of the file's themes, in the card's lane."""
    for index, card in enumerate(cards):
        theme = themes.get(card["theme_id"]) if card["theme_id"] is not None else None
        if card["theme_id"] is not None and (theme is None or theme["stage"] != card["stage"]):
            raise ValidationError(N_("%(name)s must name a theme of the file in the card's lane."),
                                  field=f"cards[{index}].theme_id", name=f"cards[{index}].theme_id")


def _prototype_fields(data: object, path: str, version: int) -> dict:
    if data is None and version == 1:
        data = {}
    data = expect(data, dict, path)
    due = data.get("due_date")
    return {
        "fidelity": choice(data, "fidelity", evidence.FIDELITIES, path, nullable=True),
        "status": choice(data, "status", evidence.PROTOTYPE_STATUSES, path, default=evidence.DEFAULT_PROTOTYPE_STATUS),
        "owner_organisation": organisation(data.get("owner_organisation"), f"{path}.owner_organisation"),
        "next_step": text(data, "next_step", evidence.SHORT_TEXT_MAX, path).strip(),
        "due_date": None if due is None else clean(evidence.parse_due_date, due, f"{path}.due_date"),
    }


def _test_fields(data: object, path: str, version: int) -> dict:
    if data is None and version == 1:
        data = {}
    data = expect(data, dict, path)
    count = get(data, "participants_count", int, f"{path}.participants_count", required=False)
    return {
        "hypothesis": text(data, "hypothesis", evidence.LONG_TEXT_MAX, path),
        "method": choice(data, "method", evidence.TEST_METHODS, path, nullable=True),
        "participants_count": None if count is None else bounded(count, 0, evidence.PARTICIPANTS_MAX,
                                                                  f"{path}.participants_count"),
        "participants_who": text(data, "participants_who", evidence.SHORT_TEXT_MAX, path),
        "metric": text(data, "metric", evidence.SHORT_TEXT_MAX, path),
        "target": text(data, "target", evidence.SHORT_TEXT_MAX, path),
        "result": text(data, "result", evidence.LONG_TEXT_MAX, path),
        "verdict": choice(data, "verdict", evidence.VERDICTS, path, nullable=True),
        "learnings": text(data, "learnings", evidence.LONG_TEXT_MAX, path),
    }


def _link(data: object, path: str, cards: dict[int, dict]) -> dict:
    data = expect(data, dict, path)
    link = {"id": id_in(data, "id", path), "from": card_ref(data, "from", path, cards),
            "to": card_ref(data, "to", path, cards), "type": get(data, "type", str, f"{path}.type"),
            "created_at": moment(data.get("created_at"), f"{path}.created_at")}
    facts = [{"id": cards[link[end]]["id"], "project_id": 0, "kind": cards[link[end]]["kind"]} for end in ("from", "to")]
    clean(lambda _v: evidence.check_link(link["type"], *facts), None, f"{path}.type")
    return link


def _check_link_set(links: list[dict]) -> None:
    """No link twice (a `relates` link either way round), and no card over the per-card limit."""
    seen: set[tuple[int, int, str]] = set()
    counts: dict[int, int] = {}
    for index, link in enumerate(links):
        key = (link["from"], link["to"], link["type"])
        mirror = (link["to"], link["from"], link["type"])
        if key in seen or (link["type"] == "relates" and mirror in seen):
            raise ValidationError(N_("These two cards are already linked this way."), field=f"links[{index}]")
        seen.add(key)
        for end in (link["from"], link["to"]):
            counts[end] = counts.get(end, 0) + 1
            if counts[end] > evidence.LINKS_PER_CARD_MAX:
                raise ValidationError(N_("A card can have at most %(max)d links."), field=f"links[{index}]",
                                      max=evidence.LINKS_PER_CARD_MAX)


def _decision(data: object, path: str, cards: dict[int, dict]) -> dict:
    data = expect(data, dict, path)
    prototype = card_ref(data, "prototype_id", path, cards)
    if cards[prototype]["kind"] != "prototype":
        raise ValidationError(N_("Decisions are recorded on prototype cards."), field=f"{path}.prototype_id")
    cited = expect(data.get("evidence"), list, f"{path}.evidence")
    if len(cited) > evidence.EVIDENCE_MAX:
        raise ValidationError(N_("%(name)s has too many items (at most %(max)d)."), field=f"{path}.evidence",
                              name=f"{path}.evidence", max=evidence.EVIDENCE_MAX)
    tests = []
    for index, card_id in enumerate(cited):
        where = f"{path}.evidence[{index}]"
        card_id = bounded(expect(card_id, int, where), 1, INT32_MAX, where)
        if card_id not in cards or cards[card_id]["kind"] != "test":
            raise ValidationError(N_("Card %(id)d is not a test card of this project."), field=where, id=card_id)
        if card_id in tests:
            raise ValidationError(N_("%(name)s lists the same card twice."), field=where, name=f"{path}.evidence")
        tests.append(card_id)
    rationale = text(data, "rationale", evidence.RATIONALE_MAX, path, required=True).strip()
    if not rationale:
        raise ValidationError(N_("The field %(name)s is required."), field=f"{path}.rationale",
                              name=f"{path}.rationale")
    return {"id": id_in(data, "id", path), "prototype_id": prototype, "evidence": tests, "rationale": rationale,
            "decision": choice(data, "decision", evidence.DECISIONS, path),
            "decided_by_name": optional_person(data.get("decided_by_name"), f"{path}.decided_by_name"),
            "created_at": moment(data.get("created_at"), f"{path}.created_at")}


def _event(data: object, path: str, version: int, names: dict) -> dict:
    data = expect(data, dict, path)
    event_type = get(data, "type", str, f"{path}.type")
    if len(event_type) > EVENT_TYPE_MAX or not EVENT_TYPE_RE.fullmatch(event_type):
        raise ValidationError(N_("%(name)s has the wrong format."), field=f"{path}.type", name=f"{path}.type")
    payload = get(data, "payload", dict, f"{path}.payload")
    check_strings(payload, f"{path}.payload")
    actor_id = get(data, "actor_id", int, f"{path}.actor_id", required=False)
    actor_name = (optional_person(data.get("actor_name"), f"{path}.actor_name") if version >= 2
                  else names.get(actor_id))  # v1 events name no actor: the members list may
    return {"seq": bounded(get(data, "seq", int, f"{path}.seq"), 1, INT32_MAX, f"{path}.seq"),
            "type": event_type, "actor_name": actor_name, "payload": payload,
            "created_at": moment(data.get("created_at"), f"{path}.created_at")}
