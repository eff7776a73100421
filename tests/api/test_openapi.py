"""The OpenAPI document is valid, covers every API route, and a schemathesis run finds no server error."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from govlab import create_app
from govlab.api.openapi import build_document
from govlab.extensions import db
from tests.conftest import Factory, IsolatedClient, make_config


def test_document_is_valid_openapi_3_1(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_document_matches_the_routes(app):
    documented = set()
    for path, item in build_document()["paths"].items():
        for method in item:
            if method != "parameters":
                documented.add((method.upper(), re.sub(r"\{(\w+)\}", "{}", "/api/v1" + path)))
    routed = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1"):
            for method in rule.methods - {"HEAD", "OPTIONS"}:
                routed.add((method, re.sub(r"<(?:\w+:)?\w+>", "{}", rule.rule)))
    assert documented == routed


def _seeded_app():
    folder = Path(tempfile.mkdtemp(prefix="govlab-schemathesis-"))
    app = create_app(make_config(folder))
    app.test_client_class = IsolatedClient
    with app.app_context():
        db.create_all()
        factory = Factory()
        facilitator = factory.user(password="schemathesis-pass")
        project = factory.project(facilitator, visibility="public")
        for stage in ("empathize", "ideate", "prototype", "test"):
            factory.card(project, stage=stage, title=f"{stage} card")
        email = facilitator.email
        db.session.remove()
    token = app.test_client().post("/api/v1/tokens", json={"email": email, "password": "schemathesis-pass"})
    return app, {"Authorization": f"Bearer {token.get_json()['token']}"}


APP, AUTH = _seeded_app()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.filterwarnings("ignore")
@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_no_server_error(case):
    case.call_and_validate(headers=AUTH, checks=CHECKS)
