"""Fractional-index ordering keys: a move rewrites one row, never the whole lane.

Keys are strings over base-36 digits that never end in '0', so there is always room between two
keys and before the first. Plain byte-wise string order is the card order (the column uses the
"C" collation on PostgreSQL).
"""
from __future__ import annotations

import re

from .errors import N_, ValidationError

DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
POSITION_MAX = 64
_KEY_RE = re.compile(r"^[0-9a-z]*[1-9a-z]$")


def _midpoint(low: str, high: str | None) -> str:
    """A key strictly between low and high (high None = +infinity); both are fraction digits."""
    if high is not None:
        common = 0
        while common < len(high) and (low[common] if common < len(low) else "0") == high[common]:
            common += 1
        if common:
            return high[:common] + _midpoint(low[common:], high[common:])
    digit_low = DIGITS.index(low[0]) if low else 0
    digit_high = DIGITS.index(high[0]) if high else len(DIGITS)
    if digit_high - digit_low > 1:
        return DIGITS[(digit_low + digit_high + 1) // 2]
    if high is not None and len(high) > 1:
        return high[:1]
    return DIGITS[digit_low] + _midpoint(low[1:], None)


def is_valid_key(key: object) -> bool:
    """True when `key` is a well-formed ordering key."""
    return isinstance(key, str) and len(key) <= POSITION_MAX and bool(_KEY_RE.match(key))


def key_between(before: str | None, after: str | None) -> str:
    """Return a key that sorts after `before` and before `after` (None = open end)."""
    if before is not None and after is not None and before >= after:
        raise ValueError(f"{before!r} must sort before {after!r}")
    return _midpoint(before or "", after)


def keys_after(last: str | None, count: int) -> list[str]:
    """Return `count` increasing keys after `last`, e.g. to append several cards."""
    keys = []
    for _ in range(count):
        last = key_between(last, None)
        keys.append(last)
    return keys


def check_position(value: object) -> str:
    """Validate a client-given position key."""
    if not is_valid_key(value):
        raise ValidationError(N_("The position is not a valid ordering key."), field="position")
    return value
