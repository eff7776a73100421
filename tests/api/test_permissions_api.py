"""Every permission rule through the REST API: role × visibility × action."""
import pytest

from tests.conftest import token_for

ACTORS = ["facilitator", "member", "observer", "outsider", "admin", "anonymous"]


def headers(client, world, actor):
    return {} if actor == "anonymous" else token_for(client, world["users"][actor])


def expected(actor, visibility, need):
    """The status the rules promise for `need` in {view, edit, manage}."""
    role = {"facilitator": "facilitator", "admin": "facilitator", "member": "member",
            "observer": "observer"}.get(actor)
    if role is None and visibility == "private":
        return 404
    if need == "view":
        return 200
    if actor == "anonymous":
        return 401
    if need == "edit":
        return 200 if role in ("facilitator", "member") else 403
    return 200 if role == "facilitator" else 403


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_view_board_project_events_members(client, world, actor, visibility):
    h = headers(client, world, actor)
    pid = world[visibility]["project"].id
    want = expected(actor, visibility, "view")
    for path in (f"/api/v1/projects/{pid}", f"/api/v1/projects/{pid}/board", f"/api/v1/projects/{pid}/events",
                 f"/api/v1/projects/{pid}/members", f"/api/v1/cards/{world[visibility]['card'].id}"):
        response = client.get(path, headers=h)
        assert response.status_code == want, (path, response.get_json())
        if want != 200:
            assert response.get_json()["error"]["code"] == {404: "not_found"}[want]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_card_writes(client, world, actor, visibility):
    h = headers(client, world, actor)
    pid = world[visibility]["project"].id
    card_id = world[visibility]["card"].id
    want = expected(actor, visibility, "edit")
    seq_before = client.get(f"/api/v1/projects/{pid}/events",
                            headers=token_for(client, world["users"]["facilitator"])).get_json()["seq"]
    created = client.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "Idea"}, headers=h)
    assert created.status_code == (201 if want == 200 else want), created.get_json()
    updated = client.patch(f"/api/v1/cards/{card_id}", json={"title": "Changed"}, headers=h)
    assert updated.status_code == want
    moved = client.patch(f"/api/v1/cards/{card_id}", json={"stage": "test"}, headers=h)
    assert moved.status_code == want
    deleted = client.delete(f"/api/v1/cards/{card_id}", headers=h)
    assert deleted.status_code == want
    seq_after = client.get(f"/api/v1/projects/{pid}/events",
                           headers=token_for(client, world["users"]["facilitator"])).get_json()["seq"]
    assert seq_after - seq_before == (4 if want == 200 else 0)
    codes = {401: "unauthorized", 403: "forbidden", 404: "not_found"}
    if want != 200:
        assert deleted.get_json()["error"]["code"] == codes[want]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_restore_is_for_facilitators(client, world, actor, visibility):
    h = headers(client, world, actor)
    deleted_id = world[visibility]["deleted"].id
    response = client.post(f"/api/v1/cards/{deleted_id}/restore", headers=h)
    assert response.status_code == expected(actor, visibility, "manage"), response.get_json()
    if response.status_code == 200:
        assert response.get_json()["deleted"] is False


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_project_settings_and_members(client, world, actor, visibility, factory):
    h = headers(client, world, actor)
    pid = world[visibility]["project"].id
    want = expected(actor, visibility, "manage")
    response = client.patch(f"/api/v1/projects/{pid}", json={"title": "Renamed"}, headers=h)
    assert response.status_code == want
    newcomer = factory.user()
    response = client.post(f"/api/v1/projects/{pid}/members", json={"email": newcomer.email, "role": "member"},
                           headers=h)
    assert response.status_code == (201 if want == 200 else want)


def test_deleted_cards_listed_only_for_facilitators(client, world):
    pid = world["public"]["project"].id
    for actor, listed in (("facilitator", True), ("member", False), ("anonymous", False)):
        board = client.get(f"/api/v1/projects/{pid}/board?include_deleted=1",
                           headers=headers(client, world, actor)).get_json()
        titles = [c["title"] for c in board["cards"]]
        assert ("public deleted card" in titles) is listed


def test_archived_project_is_read_only(client, world):
    pid = world["private"]["project"].id
    fac = token_for(client, world["users"]["facilitator"])
    assert client.patch(f"/api/v1/projects/{pid}", json={"status": "archived"}, headers=fac).status_code == 200
    member = token_for(client, world["users"]["member"])
    response = client.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "x"}, headers=member)
    assert response.status_code == 403
    assert client.get(f"/api/v1/projects/{pid}/board", headers=member).status_code == 200
    assert client.patch(f"/api/v1/projects/{pid}", json={"status": "active"}, headers=fac).status_code == 200
    response = client.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "x"}, headers=member)
    assert response.status_code == 201


def test_project_lists(client, world, factory):
    member = token_for(client, world["users"]["member"])
    mine = client.get("/api/v1/projects", headers=member).get_json()["projects"]
    assert {p["title"] for p in mine} == {"public project", "private project"}
    assert all(p["role"] == "member" for p in mine)
    outsider = token_for(client, world["users"]["outsider"])
    assert client.get("/api/v1/projects", headers=outsider).get_json()["projects"] == []
    public = client.get("/api/v1/projects?scope=public").get_json()["projects"]
    assert [p["title"] for p in public] == ["public project"]
    assert client.get("/api/v1/projects").status_code == 401
    filtered = client.get("/api/v1/projects?stage=test", headers=member).get_json()["projects"]
    assert filtered == []


def test_session_auth_needs_csrf_header(client, world):
    from tests.conftest import csrf_from, login

    login(client, world["users"]["member"])
    pid = world["private"]["project"].id
    refused = client.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "no csrf"})
    assert refused.status_code == 400
    assert refused.get_json()["error"]["code"] == "csrf_failed"
    token = csrf_from(client.get(f"/projects/{pid}/board").get_data(as_text=True))
    ok = client.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "with csrf"},
                     headers={"X-CSRFToken": token})
    assert ok.status_code == 201
    board = client.get(f"/api/v1/projects/{pid}/board").get_json()
    assert "no csrf" not in [c["title"] for c in board["cards"]]
