"""Finding 13 / build 13: one op registry, from which dispatch, validation, OpenAPI and the docs derive."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govlab.domain import schemas
from govlab.domain.errors import ValidationError
from govlab.services import registry

ROOT = Path(__file__).resolve().parents[2]


def test_every_op_has_a_schema_a_service_and_event_types():
    ops = registry.all_ops()
    assert {"card.create", "card.update", "card.move", "card.delete", "card.restore", "card.text",
            "project.update", "member.add", "member.update", "member.remove", "link.create", "link.delete",
                "prototype.update", "test.update", "gate.decide"} <= set(ops)
    for spec in ops.values():
        assert issubclass(spec.schema, schemas.Payload) and spec.events and callable(spec.service)
        assert spec.summary and spec.result in registry.RESULT_KINDS


def test_the_protocol_document_shows_the_registry_as_it_is():
    sys.path.insert(0, str(ROOT / "scripts"))
    from protocol_table import render

    document = (ROOT / "docs" / "protocol.md").read_text()
    assert render(document) == document, "run `python scripts/protocol_table.py`"


def test_a_decorated_service_validates_whoever_calls_it():
    with pytest.raises(ValidationError) as caught:
        registry.get("card.create").service(None, 1, {"stage": "ideate", "title": "x", "surprise": 1})
    assert caught.value.field == "surprise"


def test_unknown_op_types_name_the_known_ones():
    with pytest.raises(ValidationError) as caught:
        registry.get("card.explode")
    assert caught.value.field == "type" and "card.create" in str(caught.value)


def test_openapi_request_bodies_come_from_the_same_schemas(app):
    from govlab.api.openapi import build_document

    components = build_document()["components"]["schemas"]
    assert components["CardCreate"]["properties"].keys() == schemas.CardCreate.model_json_schema()["properties"].keys()
    assert components["OpCardMove"]["required"] == ["id"]
    assert {item["properties"]["type"]["const"] for item in components["Op"]["oneOf"]} == set(registry.all_ops())


def test_an_op_registered_after_the_table_was_read_is_in_it(monkeypatch):
    """Every op asks the registry for its type, so the table is built once; a new op must not be missed."""
    monkeypatch.setattr(registry, "_OPS", dict(registry._OPS))
    monkeypatch.setattr(registry, "_BY_TYPE", None)  # the table as it was comes back after the test
    assert registry.all_ops() is registry.all_ops()
    assert "test.later" not in registry.all_ops()

    @registry.op("test.later", schemas.Payload, events=("card.update",))
    def later(actor, project_id, data):
        """Registered late."""

    assert registry.get("test.later").summary == "Registered late."
