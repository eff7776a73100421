"""The JSON codec of the live path: orjson behind the standard library's `dumps`/`loads` interface.

Socket.IO encodes every ack and `ops` frame and decodes every incoming event, and Event payloads are
stored as JSON columns; orjson does each several times faster than the `json` module.
"""
from __future__ import annotations

import orjson


def dumps(value, default=None, **_stdlib_options) -> str:
    """Compact JSON text; stdlib options such as `separators` are accepted (compact is orjson's only form)."""
    return orjson.dumps(value, default=default).decode()


def loads(text, **_stdlib_options):
    """Parse JSON text or bytes (stricter than the stdlib: no NaN, integers within 64 bits)."""
    return orjson.loads(text)


def size(value) -> int:
    """The encoded length of a payload, counting binary attachments by their length."""
    return len(orjson.dumps(value, default=_placeholder))


def _placeholder(value):
    if isinstance(value, (bytes, bytearray)):
        return "x" * len(value)
    return str(value)
