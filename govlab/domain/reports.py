"""Rules of the read pages (tracker, portfolio, participation): sector buckets, filters, sorting, periods.

Pure functions: no database, no Flask. Every filter value is checked against a closed list, so a
bad query string is a clear ValidationError, never a 500 and never a query built from user text.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from . import board, evidence
from .errors import N_, ValidationError
from .text_rules import INT32_MAX, parse_int_text

# Contributions and organisations are counted by sector; government splits by level.
SECTOR_BUCKETS = ("government_central", "government_regional", "government_local", "private", "civil_society",
                  "academia")
SECTOR_BUCKET_LABELS = {"government_central": N_("Government (central)"),
                        "government_regional": N_("Government (regional)"),
                        "government_local": N_("Government (local)"), "private": N_("Private sector"),
                        "civil_society": N_("Civil society"), "academia": N_("Academia"),
                        "none": N_("No organisation")}

PORTFOLIO_SORTS = ("project", "title", "status", "fidelity", "organisation", "sector", "stage", "verdict", "activity")
PORTFOLIO_SORT_DEFAULT = ("activity", "desc")
STALLED_CHOICES = ("yes", "no")

# Participation: what counts as a contribution, by category.
CONTRIBUTION_CATEGORIES = ("cards", "edits", "links", "tests", "decisions")
CONTRIBUTION_LABELS = {"cards": N_("Cards created"), "edits": N_("Edits"), "links": N_("Links"),
                       "tests": N_("Test results"), "decisions": N_("Decisions")}
CATEGORY_OF_EVENT = {"card.create": "cards", "card.update": "edits", "card.move": "edits", "card.text": "edits",
                     "card.delete": "edits", "card.restore": "edits", "prototype.update": "edits",
                     "link.create": "links", "link.delete": "links", "test.update": "tests",
                     "gate.decide": "decisions"}
PERIOD_PRESETS = {"7d": 7, "30d": 30, "all": None}
PERIOD_DEFAULT = "30d"


def sector_bucket(sector: str | None, level: str | None) -> str:
    """The bucket an organisation counts in: government by level, the other sectors as they are."""
    if sector is None:
        return "none"
    if sector == "government":
        return f"government_{level}" if level in ("central", "regional", "local") else "government_central"
    return sector if sector in SECTOR_BUCKETS else "none"


def _choice(raw: object, allowed, field: str) -> str:
    if not isinstance(raw, str) or raw not in allowed:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field=field, name=field,
                              allowed=", ".join(allowed))
    return raw


def clean_portfolio_filters(args: dict) -> dict:
    """The portfolio's filters and sort from a query string; empty means "all". Raises ValidationError.

    organisation: an organisation id; sector: a sector bucket; status: a prototype status; stage: the
    project's stage; stalled: yes|no; sort: a column key; dir: asc|desc.
    """
    filters: dict = {"organisation": None, "sector": None, "status": None, "stage": None, "stalled": None}
    raw = {key: args.get(key) for key in ("organisation", "sector", "status", "stage", "stalled", "sort", "dir")}
    if raw["organisation"] not in (None, ""):
        filters["organisation"] = parse_int_text(raw["organisation"], "organisation", low=1, high=INT32_MAX)
    for key, allowed in (("sector", SECTOR_BUCKETS + ("none",)), ("status", evidence.PROTOTYPE_STATUSES),
                         ("stage", board.STAGE_KEYS), ("stalled", STALLED_CHOICES)):
        if raw[key] not in (None, ""):
            filters[key] = _choice(raw[key], allowed, key)
    sort, direction = PORTFOLIO_SORT_DEFAULT
    if raw["sort"] not in (None, ""):
        sort = _choice(raw["sort"], PORTFOLIO_SORTS, "sort")
        direction = "asc"
    if raw["dir"] not in (None, ""):
        direction = _choice(raw["dir"], ("asc", "desc"), "dir")
    filters["sort"], filters["dir"] = sort, direction
    return filters


def parse_period(preset: object, start: object, end: object, today: date) -> dict:
    """A reporting period: a preset (7d, 30d, all) or from/to dates (YYYY-MM-DD, inclusive).

    Dates win over the preset. Returns {preset, start, end} with dates or None. Raises ValidationError.
    """
    start_day = _day(start, "from") if start not in (None, "") else None
    end_day = _day(end, "to") if end not in (None, "") else None
    if start_day or end_day:
        if start_day and end_day and start_day > end_day:
            raise ValidationError(N_("The start of the period must not be after its end."), field="from")
        return {"preset": "custom", "start": start_day, "end": end_day}
    preset = PERIOD_DEFAULT if preset in (None, "") else _choice(preset, tuple(PERIOD_PRESETS), "period")
    days = PERIOD_PRESETS[preset]
    return {"preset": preset, "start": today - timedelta(days=days - 1) if days else None, "end": None}


def _day(value: object, field: str) -> date:
    try:
        return date.fromisoformat(evidence.parse_due_date(value))
    except ValidationError:
        raise ValidationError(N_("The date %(name)s must be written YYYY-MM-DD."), field=field, name=field) from None


_THAI_LEADING_VOWEL = re.compile("([\u0e40-\u0e44])([\u0e01-\u0e2e])")


def text_sort_key(text: str) -> str:
    """A sort key for Thai and English text: case-folded, Thai leading vowels after their consonant.

    Thai dictionaries order เก after กา (by the consonant, not the vowel written first); code-point
    order would put every เ… word after every ฮ… word.
    """
    return _THAI_LEADING_VOWEL.sub(r"\2\1", unicodedata.normalize("NFC", text).casefold())


def sort_rows(rows: list[dict], sort: str, direction: str) -> list[dict]:
    """Portfolio rows sorted by a whitelisted key; empty values always last, ties by project and title."""
    def key(row: dict):
        value = row["sort_keys"][sort]
        return (value is None or value == "", value if value is not None else "")

    rows = sorted(rows, key=lambda row: (row["sort_keys"]["project"], row["sort_keys"]["title"]))
    present = [row for row in rows if key(row)[0] is False]
    empty = [row for row in rows if key(row)[0] is True]
    present.sort(key=lambda row: key(row)[1], reverse=direction == "desc")
    return present + empty
