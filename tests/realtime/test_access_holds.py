"""Findings 1, 2, 5, 6 and 13 (sockets): reserved events, access changes mid-session, revocation reasons."""
from __future__ import annotations

import pytest

from govlab.extensions import db, socketio
from govlab.realtime.connections import Connection
from govlab.services import accounts, cards, projects, sessions
from tests.conftest import PASSWORD, csrf_from, login
from tests.realtime.conftest import NS, isolated


def _live(app):
    return app.extensions["govlab_realtime"]


@pytest.mark.parametrize("name", ["connect", "disconnect", "connect_error", "__disconnect_final", "message"])
def test_a_client_sending_a_reserved_event_is_refused_and_nothing_changes(app, world, sockets, name):
    sock = sockets(world["users"]["member"])
    registry = _live(app).registry
    before = {sid: connection for sid, connection in registry._by_sid.items()}
    ack = isolated(sock.raw.emit, name, {"token": "x"}, namespace=NS, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "unknown_event"
    assert sock.connected
    assert registry._by_sid == before  # the same Connection objects: connect did not run again


def test_a_fake_connect_neither_escapes_revocation_nor_refills_the_rate_limit(app, world, sockets):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    connection: Connection = next(iter(_live(app).registry.matching(user_id=world["users"]["member"].id)))
    connection.bucket.tokens = 0.0
    connection.bucket.rate = 0.0
    for _ in range(3):
        isolated(sock.raw.emit, "connect", None, namespace=NS, callback=True)
    assert connection.bucket.tokens < 1  # not refilled
    assert sock.call("presence", {"project_id": pid})["error"]["code"] == "rate_limited"
    accounts.set_disabled(world["users"]["admin"], world["users"]["member"].id, True)
    assert not sock.connected  # still revocable


def test_unknown_event_names_are_answered_not_ignored(world, sockets):
    ack = sockets(world["users"]["member"]).call("no_such_event", {"x": 1})
    assert ack["error"]["code"] == "unknown_event"


def test_a_board_made_private_takes_watchers_and_outsiders_off_at_once(app, world, sockets):
    pid = world["public"]["project"].id
    watcher, outsider, member = sockets(), sockets(world["users"]["outsider"]), sockets(world["users"]["member"])
    for sock in (watcher, outsider, member):
        assert sock.join(pid)["ok"]
    projects.update_project(world["users"]["facilitator"], pid, {"visibility": "private"})
    for sock in (watcher, outsider):
        assert sock.wait_for("revoked") == {"reason": "private", "project_id": pid}
    cards.create_card(world["users"]["facilitator"], pid, {"stage": "ideate", "title": "Secret from now on"})
    for sock in (watcher, outsider):
        assert all(op["type"] != "card.create" for op in sock.ops(timeout=0.3))
        assert sock.connected  # off the board, not disconnected: they may open a public board
    assert [op["type"] for op in member.ops(count=2)] == ["project.update", "card.create"]


def test_archiving_and_demotion_turn_sockets_read_only_and_say_why(world, sockets):
    pid = world["private"]["project"].id
    member, observer = sockets(world["users"]["member"]), sockets(world["users"]["observer"])
    member.join(pid)
    observer.join(pid)
    projects.change_role(world["users"]["facilitator"], pid, world["users"]["member"].id, "observer")
    assert member.wait_for("revoked") == {"reason": "demoted", "project_id": pid, "read_only": True}
    refused = member.op(pid, "card.create", {"stage": "ideate", "title": "x"}, "after-demotion")
    assert refused["error"]["code"] == "forbidden"
    projects.update_project(world["users"]["facilitator"], pid, {"status": "archived"})
    observer.drain()
    assert not [p for p in observer.inbox if p["name"] == "revoked"]  # it could not write anyway


def test_archiving_makes_members_read_only(world, sockets):
    pid = world["private"]["project"].id
    member = sockets(world["users"]["member"])
    member.join(pid)
    projects.update_project(world["users"]["facilitator"], pid, {"status": "archived"})
    assert member.wait_for("revoked") == {"reason": "archived", "project_id": pid, "read_only": True}


def test_revoking_a_token_drops_only_the_sockets_opened_with_it(app, world, sockets):
    member = world["users"]["member"]
    first_token, first = sessions.create_token(member, {"name": "laptop"})
    second_token, _second = sessions.create_token(member, {"name": "script"})
    first_sock, second_sock = sockets(token=first_token), sockets(token=second_token)
    sessions.revoke_token(member, first.id)
    assert first_sock.wait_for("revoked") == {"reason": "token_revoked"}
    assert not first_sock.connected and second_sock.connected
    assert not sockets(token=first_token).connected


def test_an_expired_token_cannot_connect(world, sockets):
    from datetime import timedelta

    from govlab.models import ApiToken
    from govlab.models.base import utcnow

    token, record = sessions.create_token(world["users"]["member"], {"expires_in_days": 1})
    db.session.get(ApiToken, record.id).expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert not sockets(token=token).connected


def test_a_password_change_drops_the_other_sessions_sockets(app, world, sockets):
    member = world["users"]["member"]
    here, there = app.test_client(), app.test_client()
    login(here, member)
    login(there, member)
    mine, theirs = sockets(client=here), sockets(client=there)
    page = here.get("/profile").get_data(as_text=True)
    response = here.post("/profile/password", data={"pw-current": PASSWORD, "pw-new": "a brand new phrase 42",
                                                    "csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert theirs.wait_for("revoked") == {"reason": "password_changed"}
    assert not theirs.connected and mine.connected
    assert there.get("/profile").status_code == 302  # that browser's cookie no longer works


def test_the_sweep_catches_a_session_ended_elsewhere_without_a_control_message(app, world, sockets, monkeypatch):
    member = world["users"]["member"]
    browser = app.test_client()
    login(browser, member)
    sock = sockets(client=browser)
    key_hash = next(iter(_live(app).registry.matching(user_id=member.id))).session_hash
    from govlab.models import UserSession
    from govlab.models.base import utcnow

    db.session.rollback()  # the test's own read snapshot predates the sign-in
    row = db.session.query(UserSession).filter_by(key_hash=key_hash).one()
    row.ended_at = utcnow()  # as another process without Redis would: no message reaches this one
    db.session.commit()
    _live(app).guard.sweep()
    assert sock.wait_for("revoked") == {"reason": "session_ended"}
    assert not sock.connected


def test_the_sweep_refreshes_each_sockets_account_so_ops_need_not_reread_it(app, world, sockets, monkeypatch):
    member = world["users"]["member"]
    sock = sockets(member)
    pid = world["private"]["project"].id
    sock.join(pid)
    connection = next(iter(_live(app).registry.matching(user_id=member.id)))
    connection.actor, connection.actor_checked = None, 0.0
    db.session.rollback()  # the test's own read snapshot predates the socket
    db.session.get(type(member), member.id).is_admin = True  # changed behind the socket's back
    db.session.commit()
    _live(app).guard.sweep()
    assert connection.actor is not None and connection.actor.is_admin  # the sweep read it afresh
    checked = connection.actor_checked
    from govlab.realtime import handlers
    rereads = []
    monkeypatch.setattr(handlers, "active_user", lambda user_id: rereads.append(user_id))
    assert sock.call("op", {"project_id": pid, "type": "card.create", "client_op_id": "swept-1",
                            "data": {"stage": "ideate", "title": "No re-read"}})["ok"]
    assert rereads == []  # the op used the actor the sweep refreshed
    assert connection.actor_checked == checked


def test_the_sweep_drops_a_socket_whose_account_is_gone(app, world, sockets):
    outsider = world["users"]["outsider"]
    sock = sockets(outsider)
    assert sock.connected
    db.session.rollback()  # the test's own read snapshot predates the socket
    db.session.get(type(outsider), outsider.id).is_disabled = True  # no control message: another process
    db.session.commit()
    _live(app).guard.sweep()
    assert sock.wait_for("revoked") == {"reason": "disabled"}
    assert not sock.connected


def test_the_sweep_sends_each_board_its_latest_seq(app, world, sockets):
    pid = world["public"]["project"].id
    watcher = sockets()
    seq = watcher.join(pid)["seq"]
    _live(app).guard.sweep()
    assert watcher.wait_for("seq") == {"project_id": pid, "seq": seq}


def test_anonymous_watchers_are_capped_per_address(app, world, sockets):
    app.config["WATCHERS_PER_ADDRESS"] = 2
    first, second, third = sockets(), sockets(), sockets()
    assert first.connected and second.connected and not third.connected
    assert sockets(world["users"]["member"]).connected  # people who signed in are not counted
    first.disconnect()
    assert sockets().connected


def test_presence_refuses_a_card_of_another_board(world, sockets):
    sock = sockets(world["users"]["member"])
    pid = world["private"]["project"].id
    sock.join(pid)
    ack = sock.call("presence", {"project_id": pid, "card_id": world["public"]["card"].id})
    assert ack["error"]["code"] == "not_found"
    assert sock.call("presence", {"project_id": pid, "card_id": world["private"]["card"].id})["ok"]


@pytest.mark.parametrize("payload,field", [
    ({"project_id": "²"}, "project_id"), ({"project_id": True}, "project_id"), ({"project_id": 2**64 - 1}, "project_id"),
    ({"project_id": 1.5}, "project_id"), ({"project_id": 2**63}, "project_id"),
])
def test_odd_project_ids_on_join_are_validation_errors(world, sockets, payload, field):
    ack = sockets(world["users"]["member"]).call("join", payload)
    assert ack["error"] == {"code": "validation_error", "message": ack["error"]["message"], "field": field}


@pytest.mark.parametrize("since", [2**64 - 1, 2**63, 2**31, -1, "²", "1", 1.0])
def test_odd_since_values_on_resync_are_validation_errors(world, sockets, since):
    sock = sockets(world["users"]["member"])
    pid = world["private"]["project"].id
    sock.join(pid)
    ack = sock.call("resync", {"project_id": pid, "since": since})
    assert ack["error"]["code"] == "validation_error" and ack["error"]["field"] == "since"


def test_deep_json_in_an_event_is_invalid_json_and_the_socket_lives(world, sockets):
    sock = sockets(world["users"]["member"])
    deep: object = {}
    for _ in range(200):
        deep = {"x": deep}
    ack = sock.call("join", deep)
    assert ack["error"]["code"] == "invalid_json"
    assert sock.connected


@pytest.mark.parametrize("title", ["a\x00b", "\x1b[2J", "x\u0085y"])
def test_control_characters_in_an_op_are_refused_before_the_group(app, world, sockets, monkeypatch, title):
    from govlab.realtime import committer

    submitted = []
    monkeypatch.setattr(committer.Committer, "submit", lambda self, job: submitted.append(job))
    sock = sockets(world["users"]["member"])
    pid = world["private"]["project"].id
    sock.join(pid)
    ack = sock.op(pid, "card.create", {"stage": "ideate", "title": title}, "nul-1")
    assert ack["error"]["code"] == "validation_error" and ack["error"]["field"] == "title"
    assert submitted == []


def test_closing_ones_account_drops_every_socket_of_it(app, world, sockets):
    outsider = world["users"]["outsider"]  # in no project: may close the account
    here, there = app.test_client(), app.test_client()
    login(here, outsider)
    login(there, outsider)
    by_token = sockets(user=outsider)
    in_browser = sockets(client=there)
    public = world["public"]["project"].id
    for sock in (by_token, in_browser):
        assert sock.call("join", {"project_id": public})["ok"]
    page = here.get("/profile").get_data(as_text=True)
    response = here.post("/profile/close", data={"close-password": PASSWORD, "close-confirm": "y",
                                                 "csrf_token": csrf_from(page)})
    assert response.status_code == 302
    assert by_token.wait_for("revoked") == {"reason": "account_closed"}
    assert in_browser.wait_for("revoked") == {"reason": "account_closed"}
    assert not by_token.connected and not in_browser.connected
    assert there.get("/profile").status_code == 302
