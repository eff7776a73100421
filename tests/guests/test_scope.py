"""A guest sees and acts on its workshop's project only: pages, REST and what it may never do."""
from __future__ import annotations

import pytest

from govlab.extensions import db
from govlab.services import guests, workshops
from govlab.services.workshop_summary import workshop_summary
from tests.conftest import csrf_from, login
from tests.guests.conftest import join_as


@pytest.fixture
def guest(room, client):
    """A browser signed in as a guest of the room's project (joined through the pages)."""
    assert join_as(client, room["code"].code).status_code == 302
    return client


def _csrf(client, project_id):
    return csrf_from(client.get(f"/projects/{project_id}/board").get_data(as_text=True))


def test_the_guest_works_on_its_own_project(room, guest):
    pid = room["project"].id
    board = guest.get(f"/projects/{pid}/board")
    assert board.status_code == 200
    html = board.get_data(as_text=True)
    assert "badge-guest" in html and "The workshop board" in html and "/profile" not in html
    token = _csrf(guest, pid)
    made = guest.post(f"/api/v1/projects/{pid}/cards", json={"stage": "empathize", "title": "Queues at dawn"},
                      headers={"X-CSRFToken": token})
    assert made.status_code == 201, made.get_json()
    card_id = made.get_json()["id"]
    assert guest.get(f"/api/v1/cards/{card_id}").status_code == 200
    assert guest.get(f"/api/v1/projects/{pid}/members").status_code == 200
    assert guest.get(f"/projects/{pid}/members").status_code == 200
    assert guest.get(f"/projects/{pid}/timeline").status_code == 200
    assert guest.get("/").headers["Location"].endswith(f"/projects/{pid}/board")
    assert guest.get("/projects").headers["Location"].endswith(f"/projects/{pid}/board")
    assert guest.get("/join").headers["Location"].endswith(f"/projects/{pid}/board")
    me = guest.get("/api/v1/me").get_json()
    assert me["guest"] is True and me["organisation_text"] == "Village health volunteers"


@pytest.mark.parametrize("which", ["public", "private"])
def test_no_other_project_by_page_or_rest_not_even_a_public_one(room, guest, which):
    other = room[which]["project"].id if which == "public" else None
    if which == "private":  # the room's project is world's private one: make another private project
        from tests.conftest import Factory

        other = Factory().project(room["facilitator"], title="Another private one").id
    card = room["public"]["card"].id
    for path in (f"/projects/{other}/board", f"/projects/{other}", f"/projects/{other}/members",
                 f"/projects/{other}/timeline", f"/projects/{other}/workshop/projector",
                 f"/api/v1/projects/{other}", f"/api/v1/projects/{other}/board", f"/api/v1/projects/{other}/events"):
        assert guest.get(path).status_code == 404, path
    assert guest.get(f"/api/v1/cards/{card}").status_code == 404
    token = _csrf(guest, room["project"].id)
    refused = guest.post(f"/api/v1/projects/{other}/cards", json={"stage": "empathize", "title": "Sneaky"},
                         headers={"X-CSRFToken": token})
    assert refused.status_code == 404
    assert guest.patch(f"/api/v1/cards/{card}", json={"title": "Defaced"},
                       headers={"X-CSRFToken": token}).status_code == 404


def test_nothing_else_either(room, guest):
    pid = room["project"].id
    for path in ("/explore", "/portfolio", "/profile", "/notifications/../profile", "/projects/new",
                 "/admin/users", "/organisations/claims", "/api/v1/projects", "/api/v1/portfolio",
                 "/api/v1/tokens", f"/c/{room['public']['project'].id}"):
        response = guest.get(path)
        assert response.status_code in (403, 404), (path, response.status_code)
    token = _csrf(guest, pid)
    assert guest.post("/api/v1/tokens", json={"name": "mine"}, headers={"X-CSRFToken": token}).status_code == 403
    assert guest.post("/api/v1/projects", json={"title": "My own challenge"},
                      headers={"X-CSRFToken": token}).status_code == 403
    assert guest.post("/profile", data={"csrf_token": token, "name": "Renamed", "email": "me@example.org"}
                      ).status_code == 403
    assert guest.post("/profile/tokens", data={"csrf_token": token, "name": "t"}).status_code == 403
    assert guest.post("/projects/new", data={"csrf_token": token, "title": "Mine"}).status_code == 403
    assert guest.get(f"/projects/{pid}/workshop/guests").status_code == 403  # a member, not a facilitator
    # The language switch works, and stays the only change to the account a guest may make.
    assert guest.post("/language", data={"csrf_token": token, "locale": "th", "next": "/"}).status_code == 302


def test_the_services_refuse_guests_whatever_the_caller(room):
    from govlab.domain.errors import NotFound, PermissionDenied
    from govlab.services import accounts, cards, projects, sessions

    user = guests.join(room["code"].code, {"name": "Guest", "sector": "none"})
    for call in (lambda: sessions.create_token(user, {"name": "x"}),
                 lambda: projects.create_project(user, {"title": "Mine"}),
                 lambda: accounts.update_profile(user, {"name": "Other"}),
                 lambda: accounts.change_password(user, {"current": "x", "new": "y" * 12})):
        with pytest.raises(PermissionDenied):
            call()
    with pytest.raises(NotFound):
        projects.get_project(user, room["public"]["project"].id)
    with pytest.raises(NotFound):
        cards.create_card(user, room["public"]["project"].id, {"stage": "ideate", "title": "x"})
    assert accounts.update_profile(user, {"locale": "th"}).locale == "th"


def test_a_guest_cannot_sign_in_with_a_password(room, client):
    user = guests.join(room["code"].code, {"name": "Guest", "sector": "none"})
    page = client.get("/login").get_data(as_text=True)
    for password in ("!guest", "", "guest"):
        response = client.post("/login", data={"email": user.email, "password": password,
                                               "csrf_token": csrf_from(page)})
        assert response.status_code == 401
    assert client.post("/api/v1/tokens", json={"email": user.email, "password": "!guest"}).status_code == 401


def test_guests_show_as_guests_and_count_by_sector_and_organisation(room, guest, client):
    pid = room["project"].id
    token = _csrf(guest, pid)
    workshops.start(room["facilitator"], pid, {"id": room["workshop"].id, "index": 1})  # not silent: cards show
    assert guest.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "Mobile clinic"},
                      headers={"X-CSRFToken": token}).status_code == 201
    db.session.rollback()
    summary = workshop_summary(room["facilitator"], pid, room["workshop"].id)
    assert summary["sectors"].get("civil_society") == 1
    assert ("Village health volunteers", 1) in summary["organisations"]
    facilitator = client.application.test_client()
    login(facilitator, room["facilitator"])
    members = facilitator.get(f"/projects/{pid}/members").get_data(as_text=True)
    assert "Somchai Guest" in members and "badge-guest" in members and "@guest.invalid" not in members
    markdown = facilitator.get(f"/projects/{pid}/workshop/summary?workshop={room['workshop'].id}&format=md")
    assert "Village health volunteers: 1" in markdown.get_data(as_text=True)
    timeline = facilitator.get(f"/projects/{pid}/timeline?type=member").get_data(as_text=True)
    assert "Somchai Guest joined the workshop with a code, as a guest (Member)" in timeline
    assert "made a join code for workshop guests" in timeline
    listed = facilitator.get(f"/api/v1/projects/{pid}/members").get_json()["members"]
    shown = next(m for m in listed if m["user"]["name"] == "Somchai Guest")
    assert shown["user"]["guest"] is True and shown["user"]["sector"] == "civil_society"
