"""CSV downloads for spreadsheets: columns of each table, cells safe from formula injection, file names.

UTF-8 with a byte-order mark so Excel reads Thai correctly; quoting by the csv module; a text cell that
starts with = + - @ tab or carriage return gets a leading single quote, so a spreadsheet shows it as
text instead of running it as a formula (CSV injection). Pure: no database, no Flask.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from urllib.parse import quote

TABLES = ("cards", "prototypes", "tests", "decisions")
COLUMNS = {
    "cards": ("id", "stage", "kind", "title", "body", "color", "author", "version", "deleted", "created_at",
              "updated_at"),
    "prototypes": ("id", "title", "body", "status", "fidelity", "owner_organisation_th", "owner_organisation_en",
                   "next_step", "due_date", "embodies_ideas", "tested_by", "latest_decision",
                   "latest_decision_rationale", "latest_decision_at", "deleted", "updated_at"),
    "tests": ("id", "title", "body", "tests_prototypes", "hypothesis", "method", "participants_count",
              "participants_who", "metric", "target", "result", "verdict", "learnings", "deleted", "updated_at"),
    "decisions": ("id", "prototype_id", "prototype_title", "decision", "rationale", "evidence", "decided_by",
                  "created_at"),
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"
_NAME_MAX = 60


def safe_cell(value: object) -> object:
    """A cell value a spreadsheet will not run: text starting like a formula gets a leading quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        value = ";".join(str(item) for item in value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(columns: tuple[str, ...], rows: list[dict]) -> bytes:
    """The table as CSV bytes: BOM, header row, one row per dict (missing keys are empty)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(column)) for column in columns])
    return (BOM + buffer.getvalue()).encode("utf-8")


def download_names(project_id: int, title: str, suffix: str) -> tuple[str, str]:
    """An ASCII-safe file name and a UTF-8 one (with the project's title) for Content-Disposition."""
    words = []
    for char in unicodedata.normalize("NFC", title):
        category = unicodedata.category(char)
        words.append(char if category[0] in "LNM" else "-")
    slug = re.sub("-+", "-", "".join(words)).strip("-")[:_NAME_MAX].strip("-")
    plain = f"govlab-{project_id}-{suffix}"
    return plain, f"govlab-{project_id}-{slug}-{suffix}" if slug else plain


def content_disposition(project_id: int, title: str, suffix: str) -> str:
    """An attachment header every browser reads: filename= ASCII, filename*= UTF-8 (RFC 6266 / 5987)."""
    plain, full = download_names(project_id, title, suffix)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(full, safe='')}"
