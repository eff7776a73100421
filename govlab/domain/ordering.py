"""Fractional-index ordering keys (the `fractional-indexing` format) and where a new card goes.

A key is an "integer part" (a head letter a-z / A-Z that fixes how many base-62 digits follow) and an
optional fraction that never ends in '0'. Plain byte-wise string order is the card order (the column
uses the "C" collation on PostgreSQL). The browser uses the same library (static/vendor/
fractional-indexing.js), so an optimistic guess there equals the key the server makes.

Appending grows a key only logarithmically (the 10,000th append is "c1aH"), but inserting again and
again at one spot adds about one character per six inserts. `plan` therefore re-spreads a small window
of neighbours once a new key would pass SOFT_LIMIT, so stored keys never come near POSITION_MAX.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import fractional_indexing

from .errors import N_, ValidationError

POSITION_MAX = 64
# Why 32: half the column, so no key we make can come near the 64-character limit, and keys stay
# small in indexes and event payloads. Lower would re-key more often for no gain: a key of 32
# characters costs nothing noticeable, while every re-key writes rows and broadcasts an event.
SOFT_LIMIT = 32
# A re-spread is only accepted when its keys are this short, which leaves ~16 characters (about 95
# inserts at the same spot) before that spot needs re-keying again: re-keys stay rare and amortised.
SPREAD_LIMIT = 16

_DIGIT = "[0-9A-Za-z]"


def _integer_part_pattern() -> str:
    """Heads a..z carry 1..26 digits and Z..A carry 1..26 digits: one alternative per digit count."""
    parts = []
    for count in range(1, 27):
        heads = chr(ord("a") + count - 1) + chr(ord("Z") - count + 1)
        parts.append(f"[{heads}]{_DIGIT}{{{count}}}")
    return "(?:" + "|".join(parts) + ")"


# The library refuses exactly one well-formed string: the smallest integer "A" followed by 26 zeros.
POSITION_PATTERN = "^(?!A0{26}$)" + _integer_part_pattern() + "(?:[0-9A-Za-z]*[1-9A-Za-z])?$"
_KEY_RE = re.compile(POSITION_PATTERN)


@dataclass(frozen=True)
class Placement:
    """Where a new item goes: its key, plus new keys for existing items (index in the given keys)."""

    key: str
    rekeyed: dict[int, str] = field(default_factory=dict)


def is_valid_key(key: object) -> bool:
    """True when `key` is a well-formed ordering key of at most POSITION_MAX characters."""
    return isinstance(key, str) and len(key) <= POSITION_MAX and bool(_KEY_RE.fullmatch(key))


def key_between(before: str | None, after: str | None) -> str:
    """Return a key that sorts after `before` and before `after` (None = open end)."""
    if before is not None and after is not None and before >= after:
        raise ValueError(f"{before!r} must sort before {after!r}")
    try:
        return fractional_indexing.generate_key_between(before, after)
    except (fractional_indexing.FIError, ValueError, IndexError) as error:
        raise ValueError(str(error)) from error


def keys_between(before: str | None, after: str | None, count: int) -> list[str]:
    """Return `count` increasing keys between `before` and `after` (None = open end)."""
    if before is not None and after is not None and before >= after:
        raise ValueError(f"{before!r} must sort before {after!r}")
    try:
        return fractional_indexing.generate_n_keys_between(before, after, count)
    except (fractional_indexing.FIError, ValueError, IndexError) as error:
        raise ValueError(str(error)) from error


def check_position(value: object) -> str:
    """Validate a client-given position key."""
    if not is_valid_key(value):
        raise ValidationError(N_("The position is not a valid ordering key."), field="position")
    return value


def _ordered(low: str | None, high: str | None) -> bool:
    """True when a key can be made between `low` and `high` (two cards may share a key by accident)."""
    return low is None or high is None or low < high


def plan(lane_keys: list[str], index: int, low: str | None = None,
         high: str | None = None) -> Placement | None:
    """Key for a new item at `index` of the sorted `lane_keys`, re-spreading neighbours if needed.

    `lane_keys` may be the whole lane (low = high = None) or a slice of it around the insertion point,
    with `low`/`high` the keys just outside the slice (None = that end of the lane). Returns None only
    for a slice too tight to re-spread; the caller then passes a wider one.
    """
    if not 0 <= index <= len(lane_keys):
        raise ValueError("index out of range")
    below = lane_keys[index - 1] if index else low
    above = lane_keys[index] if index < len(lane_keys) else high
    if _ordered(below, above):
        key = key_between(below, above)
        if len(key) <= SOFT_LIMIT:
            return Placement(key)
    # Too long (or the neighbours share a key): re-key the smallest window around the gap whose
    # outer neighbours leave room for short keys, doubling it each time.
    radius = 1
    while True:
        start, end = max(0, index - radius), min(len(lane_keys), index + radius)
        outer_low = lane_keys[start - 1] if start else low
        outer_high = lane_keys[end] if end < len(lane_keys) else high
        if _ordered(outer_low, outer_high):
            keys = keys_between(outer_low, outer_high, end - start + 1)
            if max(map(len, keys)) <= SPREAD_LIMIT:
                new_key = keys.pop(index - start)
                rekeyed = {position: key for position, key in zip(range(start, end), keys, strict=True)
                           if lane_keys[position] != key}
                return Placement(new_key, rekeyed)
        if start == 0 and end == len(lane_keys):
            return None
        radius *= 2
