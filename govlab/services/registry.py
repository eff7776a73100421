"""The op registry: op type → payload schema → service function → event types.

Every change that can be made on a board is declared here once, by decorating its service
function with `@op(...)`. Socket dispatch, the REST `ops` endpoint, payload validation, the
OpenAPI document and the protocol table in docs/protocol.md are all derived from this table, so
adding an op touches its schema, its service and its tests.
"""
from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..domain import schemas
from ..domain.errors import N_, ValidationError


@dataclass(frozen=True)
class OpSpec:
    """One op: its payload schema, the service that applies it and the Event types it may record."""

    type: str
    schema: type[schemas.Payload]
    service: Callable[[Any, int | None, object], Any]  # validates, then applies
    apply: Callable[[Any, int | None, dict], Any]  # applies an already validated payload
    events: tuple[str, ...]
    result: str  # the key of the ack/response that carries the changed object (RESULT_KINDS)
    summary: str

    def validate(self, data: object) -> dict:
        """The payload checked against the schema (ValidationError otherwise)."""
        return schemas.parse(self.schema, data)

    @property
    def card_id_field(self) -> str | None:
        """The payload field naming the card the op changes (group commits preload those cards)."""
        return "id" if self.result == "card" and "id" in self.schema.model_fields else None


_OPS: dict[str, OpSpec] = {}
_BY_TYPE: dict[str, OpSpec] | None = None  # all_ops' answer, kept until an op is registered (every op asks)
RESULT_KINDS = ("card", "member", "project", "link", "decision", "contribution", "workshop", "note", "vote",
                "comment", "invitation", "theme")
RESULT_KINDS += ("join_code",)


def op(op_type: str, schema: type[schemas.Payload], events: tuple[str, ...], result: str = "card"):
    """Declare a service function `(actor, project_id, data)` as the op `op_type`.

    The decorated function validates `data` against `schema` before it runs, whoever calls it.
    """

    if result not in RESULT_KINDS:  # pragma: no cover - programming error
        raise ValueError(f"op {op_type}: result must be one of {RESULT_KINDS}")

    def register(function: Callable[[Any, int | None, dict], Any]):
        @functools.wraps(function)
        def service(actor, project_id, data):
            return function(actor, project_id, schemas.parse(schema, data))

        summary = (function.__doc__ or op_type).strip().splitlines()[0]
        global _BY_TYPE
        _OPS[op_type] = OpSpec(op_type, schema, service, function, tuple(events), result, summary)
        _BY_TYPE = None
        return service

    return register


def all_ops() -> dict[str, OpSpec]:
    """Every registered op, by type (importing the service modules registers them; do not change the dict)."""
    global _BY_TYPE
    if _BY_TYPE is None:
        # Importing the service modules fills the table through their @op decorators.
        from . import (cards, challenges, comments, details, gates, invitations, links, moderation,  # noqa: F401
                       projects, silent, text, themes, votes, workshops)
        from . import join_codes  # noqa: F401
        from . import anonymity, follow  # noqa: F401

        _BY_TYPE = dict(sorted(_OPS.items()))
    return _BY_TYPE


def get(op_type: object) -> OpSpec:
    """The op of this type, or a ValidationError naming the known types."""
    ops = all_ops()
    if not isinstance(op_type, str) or op_type not in ops:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field="type",
                              name="type", allowed=", ".join(ops))
    return ops[op_type]


def protocol_table() -> str:
    """The Markdown table of ops for docs/protocol.md (kept in step by a test)."""
    lines = ["| type | data (JSON Schema properties; * = required) | records | what it does |",
             "| --- | --- | --- | --- |"]
    for spec in all_ops().values():
        document = spec.schema.model_json_schema()
        required = set(document.get("required", ()))
        fields = ", ".join(f"`{name}`{'*' if name in required else ''}" for name in document.get("properties", {}))
        events = ", ".join(f"`{event}`" for event in spec.events)
        lines.append(f"| `{spec.type}` | {fields} | {events} | {spec.summary} |")
    return "\n".join(lines)
