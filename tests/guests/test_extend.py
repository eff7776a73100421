"""A workshop runs over: facilitators give a live join code more time, and its guests keep taking part."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from govlab.domain import guests as rules
from govlab.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from govlab.extensions import db
from govlab.models import Event, Guest, JoinCode
from govlab.models.base import utcnow
from govlab.services import guests, join_codes, projects
from govlab.services.serialize import iso
from govlab.web.guests import EXTEND_CHOICES
from tests.conftest import csrf_from, login, token_for
from tests.guests.conftest import join_as
from tests.realtime.conftest import sockets  # noqa: F401  (the fixture)

NOW = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)


def test_the_new_end_is_minutes_after_the_current_one_and_at_most_a_week_from_now():
    assert rules.extended_expiry(NOW + timedelta(hours=1), NOW, 30) == NOW + timedelta(hours=1, minutes=30)
    week = rules.EXPIRY_MINUTES_MAX
    assert rules.extended_expiry(NOW, NOW, week) == NOW + timedelta(minutes=week)
    with pytest.raises(ValidationError) as refused:
        rules.extended_expiry(NOW + timedelta(minutes=1), NOW, week)
    assert refused.value.field == "minutes" and refused.value.params == {"days": 7}


def test_the_page_offers_the_choices_of_the_rules():
    assert tuple(int(value) for value, _label in EXTEND_CHOICES) == rules.EXTEND_MINUTES_CHOICES


def test_guests_keep_taking_part_for_as_long_as_the_code_now_works(room, client):
    assert join_as(client, room["code"].code).status_code == 302
    ended = guests.join(room["code"].code, {"name": "Left early", "sector": "none"})
    db.session.rollback()
    early = db.session.get(Guest, ended.id)
    early.until = utcnow() - timedelta(seconds=1)  # this guest's time is over already
    db.session.commit()
    before = db.session.get(JoinCode, room["code"].id).expires_at
    row = join_codes.extend_code(room["facilitator"], room["project"].id, {"id": room["code"].id, "minutes": 30})
    assert row.expires_at == before + timedelta(minutes=30)
    db.session.expire_all()
    staying = db.session.query(Guest).filter(Guest.user_id != ended.id).one()
    assert staying.until == row.expires_at
    assert db.session.get(Guest, ended.id).until < utcnow()  # an ended guest is not let back in
    event = db.session.query(Event).filter_by(type="join_code.extend").one()
    assert event.actor_id == room["facilitator"].id
    assert event.payload["join_code"]["expires_at"] == iso(row.expires_at)
    assert room["code"].code not in str(event.payload) and event.payload["join_code"]["guests"] == 2
    assert client.get(f"/projects/{room['project'].id}/board").status_code == 200


def test_only_a_live_code_of_ones_own_project_gets_more_time(room):
    facilitator, pid, code_id = room["facilitator"], room["project"].id, room["code"].id
    with pytest.raises(PermissionDenied):
        join_codes.extend_code(room["users"]["member"], pid, {"id": code_id, "minutes": 30})
    with pytest.raises(NotFound):
        join_codes.extend_code(facilitator, room["public"]["project"].id, {"id": code_id, "minutes": 30})
    with pytest.raises(ValidationError):  # the code lasts about 2 hours; a week more is past a week from now
        join_codes.extend_code(facilitator, pid, {"id": code_id, "minutes": rules.EXPIRY_MINUTES_MAX})
    db.session.rollback()
    code = db.session.get(JoinCode, code_id)
    code.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    with pytest.raises(Conflict):  # expired: a new code, not a revived one
        join_codes.extend_code(facilitator, pid, {"id": code_id, "minutes": 30})
    other = join_codes.create_code(facilitator, pid, {"workshop_id": room["workshop"].id})
    join_codes.revoke_code(facilitator, pid, {"id": other.id})
    with pytest.raises(Conflict):
        join_codes.extend_code(facilitator, pid, {"id": other.id, "minutes": 30})
    assert db.session.query(Event).filter_by(type="join_code.extend").count() == 0


def test_rest_and_the_op_extend_and_refuse_bad_minutes(room, app):
    client = app.test_client()
    headers = token_for(client, room["facilitator"])
    pid, code_id = room["project"].id, room["code"].id
    before = client.get(f"/api/v1/projects/{pid}/join-codes", headers=headers).get_json()["join_codes"][0]
    url = f"/api/v1/projects/{pid}/join-codes/{code_id}/extend"
    extended = client.post(url, json={"minutes": 60}, headers=headers)
    assert extended.status_code == 200, extended.get_json()
    body = extended.get_json()
    assert body["id"] == code_id and body["state"] == "live" and body["expires_at"] > before["expires_at"]
    assert body["code"] == before["code"] and body["guests"] == 0
    for bad in ({}, {"minutes": "30"}, {"minutes": 14}, {"minutes": rules.EXPIRY_MINUTES_MAX + 1},
                {"minutes": 2**64}, {"minutes": 30.5}, {"minutes": 30, "extra": 1}, {"minutes": None}):
        response = client.post(url, json=bad, headers=headers)
        assert response.status_code == 422, (bad, response.get_json())
    assert client.post(url, data="٣٠", headers={**headers, "Content-Type": "application/json"}).status_code == 400
    assert client.post(f"/api/v1/projects/{pid}/join-codes/999999/extend", json={"minutes": 30},
                       headers=headers).status_code == 404
    member = token_for(client, room["users"]["member"])
    assert client.post(url, json={"minutes": 30}, headers=member).status_code == 403
    by_op = client.post(f"/api/v1/projects/{pid}/ops", headers=headers, json={
        "type": "join_code.extend", "data": {"id": code_id, "minutes": 15}}).get_json()
    assert by_op["ok"] and by_op["join_code"]["expires_at"] > body["expires_at"]
    assert "code" not in by_op["join_code"]  # an ack is built like the Event: never the code itself
    client.delete(f"/api/v1/projects/{pid}/join-codes/{code_id}", headers=headers)
    assert client.post(url, json={"minutes": 30}, headers=headers).status_code == 409


def test_the_facilitators_page_extends_a_live_code(room, client):
    login(client, room["facilitator"])
    pid, code_id = room["project"].id, room["code"].id
    page = client.get(f"/projects/{pid}/workshop/guests")
    html = page.get_data(as_text=True)
    assert f"/workshop/guests/{code_id}/extend" in html and "30 minutes more" in html
    before = db.session.get(JoinCode, code_id).expires_at
    sent = client.post(f"/projects/{pid}/workshop/guests/{code_id}/extend",
                       data={"csrf_token": csrf_from(html), "minutes": "60"}, follow_redirects=True)
    assert sent.status_code == 200 and "now works until" in sent.get_data(as_text=True)
    db.session.rollback()  # a fresh read: the requests committed in their own sessions
    assert db.session.get(JoinCode, code_id).expires_at == before + timedelta(minutes=60)
    for minutes in ("abc", "๓๐", "", "99999999999999999999"):
        refused = client.post(f"/projects/{pid}/workshop/guests/{code_id}/extend",
                              data={"csrf_token": csrf_from(html), "minutes": minutes}, follow_redirects=True)
        assert refused.status_code == 200 and 'class="flash flash-error"' in refused.get_data(as_text=True), minutes
    without_csrf = client.post(f"/projects/{pid}/workshop/guests/{code_id}/extend", data={"minutes": "60"})
    assert without_csrf.status_code in (302, 400)
    db.session.rollback()
    assert db.session.get(JoinCode, code_id).expires_at == before + timedelta(minutes=60)


def test_the_page_in_thai(room, client):
    login(client, room["facilitator"])
    page = client.get(f"/projects/{room['project'].id}/workshop/guests").get_data(as_text=True)
    client.post("/language", data={"locale": "th", "csrf_token": csrf_from(page)})
    html = client.get(f"/projects/{room['project'].id}/workshop/guests").get_data(as_text=True)
    assert "ขยายเวลา" in html and "อีก 30 นาที" in html and "30 minutes more" not in html


def test_an_archived_project_gives_no_code_more_time(room):
    projects.update_project(room["facilitator"], room["project"].id, {"status": "archived"})
    with pytest.raises(Conflict):
        join_codes.extend_code(room["facilitator"], room["project"].id, {"id": room["code"].id, "minutes": 30})


def test_a_guest_socket_takes_part_past_the_old_end_at_once(app, room, sockets):
    browser = app.test_client()
    assert join_as(browser, room["code"].code).status_code == 302
    pid = room["project"].id
    guest = sockets(client=browser)
    assert guest.join(pid)["ok"]
    assert guest.op(pid, "card.create", {"stage": "empathize", "title": "before"}, "g1")["ok"]
    live = app.extensions["govlab_realtime"]
    db.session.rollback()  # a fresh read: the join committed in its own session
    connection = next(iter(live.registry.matching(user_id=db.session.query(Guest).one().user_id)))
    # The socket's cached account says the old end has passed (as it would a second after it), and the
    # facilitator gave the code more time just before: the socket must not wait for the sweep to know.
    connection.actor = replace(connection.actor, guest_until=utcnow() - timedelta(seconds=1))
    join_codes.extend_code(room["facilitator"], pid, {"id": room["code"].id, "minutes": 30})
    ack = guest.op(pid, "card.create", {"stage": "empathize", "title": "after the old end"}, "g2")
    assert ack["ok"], ack
    db.session.rollback()
    ended = db.session.query(Guest).one()
    ended.until = utcnow() - timedelta(seconds=1)  # and when the time is really up, the socket is refused
    db.session.commit()
    connection.actor = replace(connection.actor, guest_until=ended.until)
    refused = guest.op(pid, "card.create", {"stage": "empathize", "title": "too late"}, "g3")
    assert not refused["ok"] and refused["error"]["code"] == "unauthorized"
