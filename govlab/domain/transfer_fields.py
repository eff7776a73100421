"""Reading the values of a project file: JSON types, domain text rules, ids, times and organisations.

Every error names its place in the file (e.g. "cards[3].title"). Pure: no database, no Flask.
"""
from __future__ import annotations

from datetime import datetime, timezone

from . import board
from .accounts import clean_name, clean_sector
from .errors import N_, DomainError, ValidationError
from .text_rules import INT32_MAX, refuse_control_characters

_WRONG_TYPE = {int: N_("%(name)s must be a whole number."), str: N_("%(name)s must be text."),
               bool: N_("%(name)s must be true or false."), dict: N_("%(name)s must be an object."),
               list: N_("%(name)s must be a list.")}


def expect(value: object, kind: type, path: str):
    """The value when it has this JSON type (a bool is not a number), else a ValidationError."""
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    raise ValidationError(_WRONG_TYPE[kind], field=path, name=path)


def get(data: dict, key: str, kind: type, path: str, required: bool = True, default=None):
    """A key of an object: required (missing is an error) or optional (missing or null gives the default)."""
    if key not in data or (not required and data[key] is None):
        if required:
            raise ValidationError(N_("The field %(name)s is required."), field=path, name=path)
        return default
    return expect(data[key], kind, path)


def items_of(document: dict, key: str, limit: int, path: str) -> list:
    """A required list of at most `limit` items."""
    items = get(document, key, list, path)
    if len(items) > limit:
        raise ValidationError(N_("%(name)s has too many items (at most %(max)d)."), field=path, name=path, max=limit)
    return items


def clean(cleaner, value, path: str):
    """Run a domain rule; its error names the place in the file."""
    try:
        return cleaner(value)
    except DomainError as error:
        raise ValidationError(error.message, field=path, **error.params) from None


def choice(data: dict, key: str, allowed: tuple, path: str, nullable: bool = False, default=None):
    """One of the allowed values (null or missing gives the default when the key is optional)."""
    where = f"{path}.{key}"
    value = get(data, key, str, where, required=not (nullable or default), default=default)
    if value is None and (nullable or default):
        return default
    if value not in allowed:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field=where, name=where,
                              allowed=", ".join(allowed))
    return value


def text(data: dict, key: str, limit: int, path: str, required: bool = False) -> str:
    """Free text under the board's rules (missing or null is empty unless required)."""
    where = f"{path}.{key}"
    value = get(data, key, str, where, required=required, default="")
    return clean(lambda v: board.clean_body(v, key, limit), value, where)


def id_in(data: dict, key: str, path: str) -> int:
    """A required id: a whole number within the INTEGER column."""
    return bounded(get(data, key, int, f"{path}.{key}"), 1, INT32_MAX, f"{path}.{key}")


def bounded(value: int, low: int, high: int, path: str) -> int:
    """The number when low <= value <= high."""
    if not low <= value <= high:
        raise ValidationError(N_("%(name)s is out of range."), field=path, name=path)
    return value


def card_ref(data: dict, key: str, path: str, cards: dict[int, dict]) -> int:
    """The id of a card that the file holds."""
    card_id = id_in(data, key, path)
    if card_id not in cards:
        raise ValidationError(N_("%(name)s refers to card %(id)d, which is not in the file."), field=f"{path}.{key}",
                              name=f"{path}.{key}", id=card_id)
    return card_id


def unique(items: list[dict], path: str) -> dict[int, dict]:
    """The items by id; an id used twice is refused."""
    by_id: dict[int, dict] = {}
    for index, item in enumerate(items):
        if item["id"] in by_id:
            raise ValidationError(N_("%(name)s: the id %(id)d is used twice."), field=f"{path}[{index}].id",
                                  name=path, id=item["id"])
        by_id[item["id"]] = item
    return by_id


def person(value: str, path: str) -> str:
    """A person's display name."""
    return clean(lambda v: clean_name(v, field=path), value, path)


def optional_person(value: object, path: str) -> str | None:
    """A person's display name, or None."""
    return None if value is None else person(expect(value, str, path), path)


def organisation(data: object, path: str) -> dict | None:
    """An organisation named in the file: both names, sector and level (its id is the other GovLab's)."""
    if data is None:
        return None
    data = expect(data, dict, path)
    names = {key: clean(lambda v, k=key: clean_name(v, field=k), get(data, key, str, f"{path}.{key}"),
                         f"{path}.{key}") for key in ("name_th", "name_en")}
    sector, level = clean(lambda _v: clean_sector(data.get("sector"), data.get("level")), None, f"{path}.sector")
    return {**names, "sector": sector, "level": level}


def moment(value: object, path: str) -> datetime | None:
    """An ISO 8601 time (as exported) in UTC, or None when the file has none."""
    if value is None:
        return None
    text = expect(value, str, path)
    try:
        moment = datetime.fromisoformat(text) if len(text) <= 40 else None
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError(N_("%(name)s has the wrong format."), field=path, name=path)
    return (moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment).astimezone(timezone.utc)


def check_strings(value: object, path: str) -> None:
    """Refuse NUL, control characters and lone surrogates anywhere in a payload (PostgreSQL refuses some)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            clean(lambda v: refuse_control_characters(v, path, multiline=True), item, path)
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, int) and not isinstance(item, bool) and not -2**63 <= item < 2**63:
            raise ValidationError(N_("%(name)s is out of range."), field=path, name=path)
