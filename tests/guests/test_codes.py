"""Join codes through the services and REST: who makes them, expiry, revocation, joining, counting."""
from __future__ import annotations

from datetime import timedelta

import pytest

from govlab.domain import guests as rules
from govlab.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from govlab.extensions import db
from govlab.models import Event, Guest, JoinCode, Membership, User
from govlab.models.base import utcnow
from govlab.services import guests, join_codes, projects, workshops
from tests.conftest import login, token_for
from tests.guests.conftest import join_as


def test_only_facilitators_make_codes_and_the_event_never_carries_the_code(room):
    project, workshop = room["project"], room["workshop"]
    code = room["code"]
    assert code.role == "member" and len(code.code) == 8
    event = db.session.query(Event).filter_by(project_id=project.id, type="join_code.create").one()
    assert code.code not in str(event.payload) and rules.shown(code.code) not in str(event.payload)
    assert event.payload["join_code"]["state"] == "live" and "code" not in event.payload["join_code"]
    with pytest.raises(PermissionDenied):
        join_codes.create_code(room["users"]["member"], project.id, {"workshop_id": workshop.id})
    with pytest.raises(NotFound):
        join_codes.create_code(room["users"]["outsider"], project.id, {"workshop_id": workshop.id})
    other = workshops.create_workshop(room["facilitator"], room["public"]["project"].id, {"title": "Elsewhere"})
    with pytest.raises(NotFound):  # a workshop of another project
        join_codes.create_code(room["facilitator"], project.id, {"workshop_id": other.id})
    for bad in ({"workshop_id": workshop.id, "role": "facilitator"},
                {"workshop_id": workshop.id, "expires_in_minutes": 5},
                {"workshop_id": workshop.id, "expires_in_minutes": 2**64}, {"workshop_id": "1"}, {}):
        with pytest.raises(ValidationError):
            join_codes.create_code(room["facilitator"], project.id, bad)


def test_a_code_expires_with_the_workshop_plus_grace_by_default(room, app):
    code, workshop = room["code"], room["workshop"]
    planned = code.created_at + timedelta(seconds=3600) + timedelta(minutes=app.config["GUEST_GRACE_MINUTES"])
    assert abs((code.expires_at - planned).total_seconds()) < 1
    start = utcnow() + timedelta(days=3)
    workshops.update_workshop(room["facilitator"], room["project"].id,
                              {"id": workshop.id, "starts_at": start.strftime("%Y-%m-%dT%H:%M:%SZ")})
    later = join_codes.create_code(room["facilitator"], room["project"].id, {"workshop_id": workshop.id,
                                                                              "role": "observer"})
    assert abs((later.expires_at - (start.replace(microsecond=0) + timedelta(minutes=60 + 60))).total_seconds()) < 1
    short = join_codes.create_code(room["facilitator"], room["project"].id,
                                   {"workshop_id": workshop.id, "expires_in_minutes": 15})
    assert abs((short.expires_at - utcnow() - timedelta(minutes=15)).total_seconds()) < 5


def test_joining_makes_a_guest_member_that_counts(room, client):
    response = join_as(client, room["code"].code)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/projects/{room['project'].id}/board")
    db.session.rollback()  # a fresh read: the request committed in its own session
    guest = db.session.query(Guest).one()
    user = db.session.get(User, guest.user_id)
    assert user.name == "Somchai Guest" and user.email.endswith("@guest.invalid") and user.notify_email == "none"
    assert guest.project_id == room["project"].id and guest.until == room["code"].expires_at
    assert guest.organisation_text == "Village health volunteers" and guest.sector == "civil_society"
    membership = db.session.query(Membership).filter_by(user_id=user.id).one()
    assert membership.role == "member"
    event = db.session.query(Event).filter_by(project_id=room["project"].id, type="member.add").all()[-1]
    assert event.payload["user"]["guest"] is True and event.payload["join_code_id"] == room["code"].id
    rows, counts, _titles = join_codes.list_codes(room["facilitator"], room["project"].id)
    assert counts == {room["code"].id: 1}


def test_an_existing_organisation_is_recognised_without_becoming_a_claim(room, factory, client):
    org = factory.org(sector="private", name_en="Siam Digital Co., Ltd.", name_th="บริษัท สยามดิจิทัล จำกัด")
    assert join_as(client, room["code"].code, organisation="siam digital co., ltd.", sector="").status_code == 302
    db.session.rollback()  # a fresh read: the request committed in its own session
    guest = db.session.query(Guest).one()
    assert guest.org_id == org.id and guest.sector == "private" and guest.organisation_text == ""
    assert db.session.get(User, guest.user_id).org_id is None  # nothing lands in the organisation's claims queue


def test_an_expired_code_lets_nobody_in_and_its_guests_lose_access(room, client, app):
    assert join_as(client, room["code"].code).status_code == 302
    board = f"/projects/{room['project'].id}/board"
    assert client.get(board).status_code == 200
    db.session.rollback()  # a fresh read: the request committed in its own session
    code = db.session.get(JoinCode, room["code"].id)
    code.expires_at = utcnow() - timedelta(seconds=1)
    guest = db.session.query(Guest).one()
    guest.until = code.expires_at
    db.session.commit()
    assert client.get(board).status_code == 404  # signed out (the session ended with the guest's time): a stranger
    assert client.get("/api/v1/me").status_code == 401
    assert client.get(f"/join/{code.code}").status_code == 410
    with pytest.raises(rules.JoinRefused) as caught:
        guests.join(code.code, {"name": "Late", "sector": "none"})
    assert caught.value.reason == "expired"
    user = db.session.get(User, guest.user_id)
    from govlab.services.access import ActorRef

    with pytest.raises(Exception) as refused:  # a cached socket actor is refused writes too
        from govlab.services import cards

        cards.create_card(ActorRef.of(user), room["project"].id, {"stage": "ideate", "title": "Too late"})
    assert refused.value.code == "unauthorized"


def test_revoking_a_code_ends_its_guests_at_once_and_twice_is_harmless(room, client):
    assert join_as(client, room["code"].code).status_code == 302
    board = f"/projects/{room['project'].id}/board"
    assert client.get(board).status_code == 200
    join_codes.revoke_code(room["facilitator"], room["project"].id, {"id": room["code"].id})
    assert client.get(board).status_code == 404 and client.get("/api/v1/me").status_code == 401
    join_codes.revoke_code(room["facilitator"], room["project"].id, {"id": room["code"].id})
    assert db.session.query(Event).filter_by(type="join_code.revoke").count() == 1
    assert client.application.test_client().get(f"/join/{room['code'].code}").status_code == 410
    with pytest.raises(NotFound):
        join_codes.revoke_code(room["facilitator"], room["public"]["project"].id, {"id": room["code"].id})


def test_a_full_code_and_a_withdrawal_under_the_lock(room, monkeypatch):
    monkeypatch.setattr(rules, "GUESTS_PER_CODE_MAX", 1)
    guests.join(room["code"].code, {"name": "First", "sector": "none"})
    with pytest.raises(rules.JoinRefused) as caught:
        guests.join(room["code"].code, {"name": "Second", "sector": "none"})
    assert caught.value.reason == "full"


def test_a_guest_cannot_be_made_facilitator(room):
    user = guests.join(room["code"].code, {"name": "Guest", "sector": "none"})
    with pytest.raises(Conflict):
        projects.change_role(room["facilitator"], room["project"].id, user.id, "facilitator")
    assert projects.change_role(room["facilitator"], room["project"].id, user.id, "observer").role == "observer"


def test_live_codes_are_capped_per_project(room, monkeypatch):
    monkeypatch.setattr(rules, "LIVE_CODES_MAX", 2)
    join_codes.create_code(room["facilitator"], room["project"].id, {"workshop_id": room["workshop"].id})
    with pytest.raises(ValidationError):
        join_codes.create_code(room["facilitator"], room["project"].id, {"workshop_id": room["workshop"].id})


def test_rest_code_management(room, app):
    client = app.test_client()
    headers = token_for(client, room["facilitator"])
    pid, wid = room["project"].id, room["workshop"].id
    made = client.post(f"/api/v1/projects/{pid}/join-codes", json={"workshop_id": wid, "role": "observer"},
                       headers=headers)
    assert made.status_code == 201, made.get_json()
    body = made.get_json()
    assert body["role"] == "observer" and body["state"] == "live" and body["guests"] == 0
    assert len(body["code"]) == 9 and body["join_url"].endswith("/join/" + body["code"].replace("-", ""))
    assert client.get(body["qr_svg_url"], headers=headers).status_code == 404  # a page: the session, not a token
    listed = client.get(f"/api/v1/projects/{pid}/join-codes", headers=headers).get_json()["join_codes"]
    assert [row["id"] for row in listed] == [body["id"], room["code"].id]
    assert client.delete(f"/api/v1/projects/{pid}/join-codes/{body['id']}", headers=headers).status_code == 204
    assert client.get(f"/api/v1/projects/{pid}/join-codes", headers=headers).get_json()["join_codes"][0]["state"] \
        == "revoked"
    for bad in ({"workshop_id": wid, "expires_in_minutes": "60"}, {"workshop_id": wid, "role": "owner"},
                {"workshop_id": 2**64}, {"workshop_id": wid, "extra": 1}):
        response = client.post(f"/api/v1/projects/{pid}/join-codes", json=bad, headers=headers)
        assert response.status_code == 422, (bad, response.get_json())
    member = token_for(client, room["users"]["member"])
    assert client.get(f"/api/v1/projects/{pid}/join-codes", headers=member).status_code == 403
    assert client.post(f"/api/v1/projects/{pid}/ops", headers=headers, json={
        "type": "join_code.create", "data": {"workshop_id": wid}}).get_json()["join_code"]["state"] == "live"


def test_the_facilitators_page_shows_the_code_big_with_its_qr(room, client):
    login(client, room["facilitator"])
    page = client.get(f"/projects/{room['project'].id}/workshop/guests")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and rules.shown(room["code"].code) in html and "/join" in html
    svg = client.get(f"/projects/{room['project'].id}/workshop/guests/{room['code'].id}/qr.svg")
    png = client.get(f"/projects/{room['project'].id}/workshop/guests/{room['code'].id}/qr.png")
    assert svg.mimetype == "image/svg+xml" and png.mimetype == "image/png" and png.data[:4] == b"\x89PNG"
    projector = client.get(f"/projects/{room['project'].id}/workshop/projector").get_data(as_text=True)
    assert rules.shown(room["code"].code) in projector and "pj-join-qr" in projector


def test_nobody_but_facilitators_sees_a_code(room, client):
    login(client, room["users"]["member"])
    pid = room["project"].id
    assert client.get(f"/projects/{pid}/workshop/guests").status_code == 403
    assert client.get(f"/projects/{pid}/workshop/guests/{room['code'].id}/qr.svg").status_code == 403
    projector = client.get(f"/projects/{pid}/workshop/projector").get_data(as_text=True)
    assert rules.shown(room["code"].code) not in projector
    anonymous = client.application.test_client()
    public = room["public"]["project"].id
    public_code = join_codes.create_code(room["facilitator"], public, {"workshop_id": workshops.create_workshop(
        room["facilitator"], public, {"title": "Open"}).id})
    projector = anonymous.get(f"/projects/{public}/workshop/projector").get_data(as_text=True)
    assert rules.shown(public_code.code) not in projector and public_code.code not in projector
    events = anonymous.get(f"/api/v1/projects/{public}/events").get_json()["events"]
    assert public_code.code not in str(events)


def test_export_never_carries_a_code_and_import_forgets_code_ids(room, factory):
    from govlab.services import transfer
    from govlab.services.access import SYSTEM

    guests.join(room["code"].code, {"name": "Exported guest", "organisation": "อสม.", "sector": "none"})
    exported = transfer.export_project(SYSTEM, room["project"].id)
    raw = transfer.export_json(exported)
    assert room["code"].code.encode() not in raw and rules.shown(room["code"].code).encode() not in raw
    assert b"@guest.invalid" not in raw
    importer = factory.user()
    project, _warnings = transfer.import_project(importer, raw)
    events = db.session.query(Event).filter_by(project_id=project.id).all()
    made = next(e for e in events if e.type == "join_code.create")
    joined = next(e for e in events if e.type == "member.add" and "join_code_id" in e.payload)
    assert made.payload["join_code"]["id"] is None and joined.payload["join_code_id"] is None
    assert made.payload["join_code"]["project_id"] == project.id
