"""The CSV downloads of a project: cards, prototypes (with their latest decision), tests and decisions.

Viewers get the live cards; facilitators also the deleted ones, flagged (the same rule as the JSON export).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..domain import tabular
from ..domain.errors import N_, DomainError, NotFound
from .access import load_project
from .cards import board_snapshot
from .transfer import export_decisions


@dataclass(frozen=True)
class Download:
    """A file to send: its bytes, media type and Content-Disposition header."""

    content: bytes
    mimetype: str
    disposition: str


def project_table(actor, project_id: object, table: str) -> Download:
    """One table of the project as a CSV download (view permission).

    Raises NotFound (also for an unknown table), NotAuthenticated or PermissionDenied.
    """
    if table not in tabular.TABLES:
        raise NotFound(N_("Not found."))
    snapshot = board_snapshot(actor, project_id, include_deleted=True)
    project = snapshot["project"]
    rows = _ROWS[table](snapshot, export_decisions(actor, project["id"], {c["id"] for c in snapshot["cards"]}))
    return Download(tabular.csv_bytes(tabular.COLUMNS[table], rows), "text/csv; charset=utf-8",
                    tabular.content_disposition(project["id"], project["title"], f"{table}.csv"))


def _card_rows(snapshot: dict, _decisions: list[dict]) -> list[dict]:
    return [{**card, "author": card["author_name"]} for card in snapshot["cards"]]


def _linked(snapshot: dict, link_type: str, end: str) -> dict[int, list[int]]:
    """For each card at the `end` of links of this type, the card ids at the other end."""
    other = "to" if end == "from" else "from"
    found: dict[int, list[int]] = {}
    for link in snapshot["links"]:
        if link["type"] == link_type:
            found.setdefault(link[end], []).append(link[other])
    return found


def _prototype_rows(snapshot: dict, decisions: list[dict]) -> list[dict]:
    embodies, tested_by = _linked(snapshot, "embodies", "from"), _linked(snapshot, "tests", "to")
    latest = {row["prototype_id"]: row for row in decisions}  # oldest first: the last one wins
    rows = []
    for card in snapshot["cards"]:
        if card["kind"] != "prototype":
            continue
        fields = card["prototype"]
        owner = fields["owner_organisation"] or {}
        decision = latest.get(card["id"], {})
        rows.append({**card, **fields, "owner_organisation_th": owner.get("name_th"),
                     "owner_organisation_en": owner.get("name_en"), "embodies_ideas": embodies.get(card["id"], []),
                     "tested_by": tested_by.get(card["id"], []), "latest_decision": decision.get("decision"),
                     "latest_decision_rationale": decision.get("rationale"),
                     "latest_decision_at": decision.get("created_at")})
    return rows


def _test_rows(snapshot: dict, _decisions: list[dict]) -> list[dict]:
    tests = _linked(snapshot, "tests", "from")
    return [{**card, **card["test"], "tests_prototypes": tests.get(card["id"], [])}
            for card in snapshot["cards"] if card["kind"] == "test"]


def _decision_rows(snapshot: dict, decisions: list[dict]) -> list[dict]:
    titles = {card["id"]: card["title"] for card in snapshot["cards"]}
    return [{**row, "prototype_title": titles.get(row["prototype_id"]), "decided_by": row["decided_by_name"]}
            for row in decisions]


_ROWS = {"cards": _card_rows, "prototypes": _prototype_rows, "tests": _test_rows, "decisions": _decision_rows}


def downloads_for(actor, project_id: object) -> dict:
    """Which files the actor may download (none without view access) and whether they hold deleted cards."""
    try:
        _project, role = load_project(actor, project_id, "view")
    except DomainError:
        return {"files": [], "with_deleted": False}
    return {"files": ["json", *tabular.TABLES], "with_deleted": role == "facilitator"}
