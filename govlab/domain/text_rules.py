"""Characters that text fields refuse, and strict parsing of numbers typed as text.

PostgreSQL refuses NUL in text, lone surrogates cannot be encoded as UTF-8, and other control
characters only ever arrive from scripts or pasted binary: all are refused with a clear error
before any write starts. Right-to-left text, Thai and combining marks are ordinary text.
"""
from __future__ import annotations

import re

from .errors import N_, ValidationError

# C0 and C1 controls (tab, newline and carriage return are allowed only in multi-line text),
# DEL, lone surrogates and the two noncharacters U+FFFE/U+FFFF.
_SINGLE_LINE_BAD = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_MULTI_LINE_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")

INT32_MAX = 2**31 - 1  # ids and seqs are INTEGER columns


def refuse_control_characters(value: str, field: str, multiline: bool = False) -> str:
    """Return the text unchanged, or raise when it holds NUL, control characters or lone surrogates."""
    if (_MULTI_LINE_BAD if multiline else _SINGLE_LINE_BAD).search(value):
        if multiline or "\n" not in value and "\t" not in value and "\r" not in value:
            raise ValidationError(N_("This text contains control characters (such as NUL), which are not allowed."),
                                  field=field)
        raise ValidationError(N_("This field must be a single line of text."), field=field)
    return value


def parse_int_text(raw: str, field: str, low: int = 0, high: int = INT32_MAX) -> int:
    """An integer written with ASCII digits only (not '²' or '١'), between low and high."""
    if not isinstance(raw, str) or not _ASCII_DIGITS.fullmatch(raw):
        raise ValidationError(N_("%(name)s must be a whole number written with the digits 0-9."),
                              field=field, name=field)
    value = int(raw)
    if not low <= value <= high:
        raise ValidationError(N_("%(name)s must be between %(low)d and %(high)d."), field=field, name=field,
                              low=low, high=high)
    return value


def nesting_depth_exceeds(value: object, limit: int) -> bool:
    """True when a decoded JSON value nests deeper than `limit` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((child, depth + 1) for child in item.values() if isinstance(child, (dict, list)))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item if isinstance(child, (dict, list)))
    return False
