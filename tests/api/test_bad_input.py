"""Every bad input gets a clear 4xx error and stores nothing."""
import pytest

from tests.conftest import token_for


@pytest.fixture
def setup(client, world, factory):
    project = world["private"]["project"]
    other = factory.project(world["users"]["facilitator"], title="Other project")
    other_card = factory.card(other, title="Elsewhere")
    headers = token_for(client, world["users"]["member"])
    return {"pid": project.id, "card": world["private"]["card"].id, "other_card": other_card.id, "h": headers,
            "client": client}


def _seq(s):
    return s["client"].get(f"/api/v1/projects/{s['pid']}/events", headers=s["h"]).get_json()["seq"]


def _cards(s):
    return s["client"].get(f"/api/v1/projects/{s['pid']}/board", headers=s["h"]).get_json()["cards"]


CREATE_CASES = [
    ({"stage": "design", "title": "x"}, 422, "stage"),
    ({"stage": "ideate", "kind": "insight", "title": "x"}, 422, "kind"),
    ({"stage": "ideate", "kind": "nonsense", "title": "x"}, 422, "kind"),
    ({"stage": "ideate", "title": "x" * 201}, 422, "title"),
    ({"stage": "ideate", "title": "x", "body": "y" * 10_001}, 422, "body"),
    ({"stage": "ideate"}, 422, "title"),
    ({"title": "x"}, 422, "stage"),
    ({"stage": "ideate", "title": "   "}, 422, "title"),
    ({"stage": "ideate", "title": 42}, 422, "title"),
    ({"stage": ["ideate"], "title": "x"}, 422, "stage"),
    ({"stage": "ideate", "title": "x", "color": "chartreuse"}, 422, "color"),
    ({"stage": "ideate", "title": "x", "body": {"a": 1}}, 422, "body"),
    ({"stage": "ideate", "title": "x", "votes": 3}, 422, "votes"),
    ({"stage": "ideate", "title": "x", "after": 999999}, 422, "after"),
    ({"stage": "ideate", "title": "x", "after": "abc"}, 422, "after"),
    ({"stage": "ideate", "title": "x", "position": "A!"}, 422, "position"),
    ({"stage": "ideate", "title": "x", "after": None, "before": 1}, 422, "before"),
]


@pytest.mark.parametrize("payload,status,field", CREATE_CASES)
def test_create_card_rejects(setup, payload, status, field):
    s = setup
    seq, count = _seq(s), len(_cards(s))
    response = s["client"].post(f"/api/v1/projects/{s['pid']}/cards", json=payload, headers=s["h"])
    assert response.status_code == status
    error = response.get_json()["error"]
    assert error["code"] == "validation_error" and error["field"] == field and error["message"]
    assert _seq(s) == seq and len(_cards(s)) == count


def test_card_of_another_project_as_anchor_is_refused(setup):
    s = setup
    response = s["client"].post(f"/api/v1/projects/{s['pid']}/cards",
                                json={"stage": "empathize", "title": "x", "after": s["other_card"]}, headers=s["h"])
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == "after"


def test_card_of_another_project_is_not_reachable(setup):
    s = setup  # the member has no role in the other project, which is private
    for method, body in (("patch", {"title": "hijack"}), ("delete", None), ("get", None)):
        response = getattr(s["client"], method)(f"/api/v1/cards/{s['other_card']}", json=body, headers=s["h"])
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("body,content_type,status,code", [
    ("{not json", "application/json", 400, "invalid_json"),
    ("[1, 2]", "application/json", 400, "invalid_json"),
    ('"text"', "application/json", 400, "invalid_json"),
    ("stage=ideate&title=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
    ("", "application/json", 400, "invalid_json"),
])
def test_malformed_bodies(setup, body, content_type, status, code):
    s = setup
    seq = _seq(s)
    response = s["client"].post(f"/api/v1/projects/{s['pid']}/cards", data=body, content_type=content_type,
                                headers=s["h"])
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert _seq(s) == seq


@pytest.mark.parametrize("payload,field", [
    ({"title": ""}, "title"), ({"title": None}, "title"), ({"kind": "idea"}, "kind"),
    ({"color": None}, "color"), ({"stage": "nowhere"}, "stage"), ({"id": 5}, "id"),
    ({"body": "z" * 10_001}, "body"), ({"stage": "test", "kind": "idea"}, "kind"),
])
def test_update_card_rejects(setup, payload, field):
    s = setup
    seq = _seq(s)
    response = s["client"].patch(f"/api/v1/cards/{s['card']}", json=payload, headers=s["h"])
    assert response.status_code == 422, response.get_json()
    assert response.get_json()["error"]["field"] == field
    assert _seq(s) == seq
    card = s["client"].get(f"/api/v1/cards/{s['card']}", headers=s["h"]).get_json()
    assert card["title"] == "private card" and card["stage"] == "empathize" and card["version"] == 1


def test_stale_version_is_a_conflict(setup):
    s = setup
    ok = s["client"].patch(f"/api/v1/cards/{s['card']}", json={"title": "v2", "version": 1}, headers=s["h"])
    assert ok.status_code == 200 and ok.get_json()["version"] == 2
    stale = s["client"].patch(f"/api/v1/cards/{s['card']}", json={"title": "v3", "version": 1}, headers=s["h"])
    assert stale.status_code == 409
    assert stale.get_json()["error"]["code"] == "conflict"


@pytest.mark.parametrize("path", ["/api/v1/cards/999999", "/api/v1/projects/999999", "/api/v1/projects/999999/board",
                                  "/api/v1/cards/0", "/api/v1/nothing-here", "/api/v1/cards/abc"])
def test_unknown_ids_and_routes(setup, path):
    response = setup["client"].get(path, headers=setup["h"])
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"


def test_huge_id_is_a_clear_error(setup):
    response = setup["client"].get("/api/v1/cards/99999999999999999999999", headers=setup["h"])
    assert response.status_code in (404, 422)
    assert "error" in response.get_json()


def test_wrong_method(setup):
    response = setup["client"].put(f"/api/v1/cards/{setup['card']}", json={}, headers=setup["h"])
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_request_too_large(setup):
    s = setup
    response = s["client"].post(f"/api/v1/projects/{s['pid']}/cards", data="x" * (1024 * 1024 + 10),
                                content_type="application/json", headers=s["h"])
    assert response.status_code == 413
    assert response.get_json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("query", ["since=-1", "since=abc", "limit=0", "limit=5000", "since=1.5"])
def test_bad_event_queries(setup, query):
    response = setup["client"].get(f"/api/v1/projects/{setup['pid']}/events?{query}", headers=setup["h"])
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_error"


@pytest.mark.parametrize("header", ["Bearer", "Bearer nope", "Basic abc", "Token x"])
def test_bad_tokens(setup, header):
    response = setup["client"].get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("payload,status", [
    ({"email": "nobody@example.org", "password": "whatever1"}, 401),
    ({"email": "x"}, 422), ({"password": "x"}, 422), ({"email": 1, "password": 2}, 401),
])
def test_token_errors(client, payload, status):
    response = client.post("/api/v1/tokens", json=payload)
    assert response.status_code == status
    assert "error" in response.get_json()


@pytest.mark.parametrize("payload,field", [
    ({"email": "not-an-email", "role": "member"}, "email"),
    ({"email": "a" * 250 + "@example.org", "role": "member"}, "email"),
    ({"email": "nul\x00@example.org", "role": "member"}, "email"),
    ({"email": "x@example.org", "role": "owner"}, "role"),
    ({"role": "member"}, "email"),
])
def test_add_member_rejects(client, world, payload, field):
    h = token_for(client, world["users"]["facilitator"])
    pid = world["private"]["project"].id
    response = client.post(f"/api/v1/projects/{pid}/members", json=payload, headers=h)
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == field


@pytest.mark.parametrize("payload,field", [
    ({"title": ""}, "title"), ({"visibility": "secret"}, "visibility"), ({"status": "done"}, "status"),
    ({"stage": "launch"}, "stage"), ({"org_id": 99999}, "org_id"), ({"hmw": "h" * 1001}, "hmw"),
    ({"owner": 1}, "owner"),
])
def test_project_update_rejects(client, world, payload, field):
    h = token_for(client, world["users"]["facilitator"])
    pid = world["private"]["project"].id
    response = client.patch(f"/api/v1/projects/{pid}", json=payload, headers=h)
    assert response.status_code == 422
    assert response.get_json()["error"]["field"] == field
    assert client.get(f"/api/v1/projects/{pid}", headers=h).get_json()["title"] == "private project"


def test_last_facilitator_cannot_leave(client, world):
    h = token_for(client, world["users"]["facilitator"])
    pid = world["private"]["project"].id
    fid = world["users"]["facilitator"].id
    assert client.patch(f"/api/v1/projects/{pid}/members/{fid}", json={"role": "member"}, headers=h).status_code == 409
    assert client.delete(f"/api/v1/projects/{pid}/members/{fid}", headers=h).status_code == 409
