"""Finding 7 and 13 (REST): Unicode digits, huge numbers, NUL, deep JSON — a clear 4xx, never a 500."""
from __future__ import annotations

import pytest

from tests.conftest import token_for


@pytest.fixture
def setup(client, world):
    return {"client": client, "h": token_for(client, world["users"]["member"]),
            "pid": world["private"]["project"].id, "card": world["private"]["card"].id}


@pytest.mark.parametrize("query,field", [("since=²", "since"), ("limit=¹", "limit"), ("since=١٢", "since"),
                                         ("since=99999999999999999999999", "since"), ("limit=0", "limit"),
                                         ("since=-1", "since"), ("since=%20", "since"), ("limit=1e3", "limit")])
def test_odd_numbers_in_the_query_are_validation_errors(setup, query, field):
    response = setup["client"].get(f"/api/v1/projects/{setup['pid']}/events?{query}", headers=setup["h"])
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.get_json()["error"]["field"] == field


@pytest.mark.parametrize("depth", [40, 1_000, 100_000])
def test_deeply_nested_json_is_invalid_json(setup, depth):
    body = "[" * depth + "]" * depth
    response = setup["client"].post(f"/api/v1/projects/{setup['pid']}/cards", data=body,
                                    headers={**setup["h"], "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_json"
    nested = '{"a":' * depth + "1" + "}" * depth
    response = setup["client"].post(f"/api/v1/projects/{setup['pid']}/cards", data=nested,
                                    headers={**setup["h"], "Content-Type": "application/json"})
    assert response.status_code == 400 and response.get_json()["error"]["code"] == "invalid_json"


@pytest.mark.parametrize("title", ["a\x00b", "\x07bell", "two\nlines", "c1\x9bcontrol"])
def test_control_characters_in_titles_are_refused(setup, title):
    response = setup["client"].post(f"/api/v1/projects/{setup['pid']}/cards",
                                    json={"stage": "ideate", "title": title}, headers=setup["h"])
    assert response.status_code == 422 and response.get_json()["error"]["field"] == "title"


def test_a_lone_surrogate_in_json_is_invalid_json(setup):
    response = setup["client"].post(f"/api/v1/projects/{setup['pid']}/cards",
                                    data='{"stage": "ideate", "title": "x\\ud800"}',
                                    headers={**setup["h"], "Content-Type": "application/json"})
    assert response.status_code in (400, 422)


@pytest.mark.parametrize("value", [2**63, 2**64 - 1, 2**31, "5", True, 1.0])
def test_huge_or_mistyped_ids_in_bodies_are_validation_errors(setup, value):
    response = setup["client"].patch(f"/api/v1/cards/{setup['card']}", json={"after": value}, headers=setup["h"])
    assert response.status_code == 422 and response.get_json()["error"]["field"] == "after"


@pytest.mark.parametrize("path", ["/api/v1/cards/²", "/api/v1/projects/٣", "/api/v1/cards/99999999999999999999",
                                  "/api/v1/cards/12345678901"])
def test_odd_ids_in_paths_are_404(setup, path):
    assert setup["client"].get(path, headers=setup["h"]).status_code == 404


def test_an_id_past_the_column_range_is_a_validation_error_not_a_500(setup):
    response = setup["client"].delete("/api/v1/cards/2147483648", headers=setup["h"])
    assert response.status_code == 422 and response.get_json()["error"]["field"] == "id"


def test_a_card_of_a_private_project_answers_like_a_missing_card(client, world):
    outsider = token_for(client, world["users"]["outsider"])
    hidden = client.get(f"/api/v1/cards/{world['private']['card'].id}", headers=outsider).get_json()
    missing = client.get("/api/v1/cards/999999", headers=outsider).get_json()
    assert hidden == missing == {"error": {"code": "not_found", "message": "No such card."}}


def test_the_ops_endpoint_applies_registered_ops_once_per_client_op_id(setup):
    url = f"/api/v1/projects/{setup['pid']}/ops"
    op = {"type": "card.create", "client_op_id": "rest-1", "data": {"stage": "ideate", "title": "Via REST ops"}}
    first = setup["client"].post(url, json=op, headers=setup["h"]).get_json()
    again = setup["client"].post(url, json=op, headers=setup["h"]).get_json()
    assert first["ok"] and first["card"]["title"] == "Via REST ops"
    assert again["duplicate"] and again["seq"] == first["seq"]
    unknown = setup["client"].post(url, json={"type": "card.explode", "data": {}}, headers=setup["h"])
    assert unknown.status_code == 422 and unknown.get_json()["error"]["field"] == "type"


def test_odd_organisation_ids_on_project_settings_are_validation_errors(client, world):
    from tests.conftest import login, csrf_from

    login(client, world["users"]["facilitator"])
    pid = world["private"]["project"].id
    page = client.get(f"/projects/{pid}/settings").get_data(as_text=True)
    response = client.post(f"/projects/{pid}/settings", data={
        "title": "T", "hmw": "", "visibility": "private", "status": "active", "stage": "ideate", "org_id": "²",
        "csrf_token": csrf_from(page)})
    assert response.status_code == 200 and "whole number" in response.get_data(as_text=True)
