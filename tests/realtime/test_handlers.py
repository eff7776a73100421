"""Every /board handler and every error code, through the Flask-SocketIO test client."""
from __future__ import annotations

import base64

import pytest
from pycrdt import Doc, Text

from govlab.services import cards, projects
from tests.conftest import csrf_from, login


def synced_doc(sock, project_id: int, card_id: int) -> Doc:
    """A local Yjs-compatible document holding the server's state of the card's text."""
    doc = Doc()
    doc.apply_update(base64.b64decode(sock.call("text.sync", {"project_id": project_id, "card_id": card_id})["update"]))
    return doc


def typed(doc: Doc, field: str, index: int, text: str) -> str:
    """Insert text into a field and return the base64 update it made."""
    before = doc.get_state()
    doc.get(field, type=Text).insert(index, text)
    return base64.b64encode(doc.get_update(before)).decode()


def test_token_and_session_connect_and_bad_token_is_refused(app, world, sockets, client):
    assert sockets(world["users"]["member"]).connected
    login(client, world["users"]["member"])
    assert sockets(client=client).connected  # the browser session
    assert not sockets(token="glb_wrong").connected


def test_anonymous_may_watch_public_but_not_private_nor_write(world, sockets):
    watcher = sockets()
    assert watcher.connected
    public = watcher.join(world["public"]["project"].id)
    assert public["ok"] and [c["title"] for c in public["board"]["cards"]] == ["public card"]
    private = watcher.join(world["private"]["project"].id)
    assert private == {"ok": False, "error": {"code": "forbidden",
                                              "message": "This board does not exist or you are not a member of it."}}
    refused = watcher.op(world["public"]["project"].id, "card.create", {"stage": "ideate", "title": "x"}, "a1")
    assert refused["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("actor,code", [("outsider", "forbidden"), ("observer", None), ("member", None)])
def test_join_private_board(world, sockets, actor, code):
    ack = sockets(world["users"][actor]).join(world["private"]["project"].id)
    if code:
        assert ack["ok"] is False and ack["error"]["code"] == code
    else:
        assert ack["ok"] and ack["seq"] == ack["board"]["seq"] and ack["board"]["stages"][0]["key"] == "empathize"


def test_every_op_type_acks_with_seq_and_card_and_fans_out_in_order(world, sockets):
    pid = world["private"]["project"].id
    alice, bob = sockets(world["users"]["member"]), sockets(world["users"]["facilitator"])
    start = alice.join(pid)["seq"]
    bob.join(pid)
    created = alice.op(pid, "card.create", {"stage": "ideate", "title": "Live idea"}, "op-1")
    assert created["ok"] and created["seq"] == start + 1 and created["card"]["title"] == "Live idea"
    cid = created["card"]["id"]
    updated = alice.op(pid, "card.update", {"id": cid, "body": "Details", "color": "green"}, "op-2")
    assert updated["card"]["body"] == "Details" and updated["seq"] == start + 2
    moved = alice.op(pid, "card.move", {"id": cid, "stage": "prototype", "after": None}, "op-3")
    assert moved["card"]["stage"] == "prototype" and moved["card"]["kind"] == "prototype"
    deleted = alice.op(pid, "card.delete", {"id": cid}, "op-4")
    assert deleted["card"]["deleted"] is True
    restored = bob.op(pid, "card.restore", {"id": cid}, "op-5")
    assert restored["card"]["deleted"] is False
    for sock in (alice, bob):  # the author too: every client applies one stream
        seen = sock.ops(count=5)
        assert [e["seq"] for e in seen] == list(range(start + 1, start + 6))
        assert [e["type"] for e in seen] == ["card.create", "card.update", "card.move", "card.delete",
                                             "card.restore"]


def test_repeated_client_op_id_is_applied_once(world, sockets):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    first = sock.op(pid, "card.create", {"stage": "test", "title": "Once"}, "same-id")
    again = sock.op(pid, "card.create", {"stage": "test", "title": "Once"}, "same-id")
    assert again["seq"] == first["seq"] and again["card"]["id"] == first["card"]["id"] and again["duplicate"]
    board = sock.join(pid)["board"]
    assert [c["title"] for c in board["cards"]].count("Once") == 1
    other_user = sockets(world["users"]["facilitator"])
    other_user.join(pid)
    theirs = other_user.op(pid, "card.create", {"stage": "test", "title": "Once"}, "same-id")
    assert theirs["card"]["id"] != first["card"]["id"]  # ids are per user


def test_rest_writes_are_broadcast_too(client, world, sockets):
    from tests.conftest import token_for

    pid = world["public"]["project"].id
    sock = sockets()
    seq = sock.join(pid)["seq"]
    client.post(f"/api/v1/projects/{pid}/cards", json={"stage": "ideate", "title": "From REST"},
                headers=token_for(client, world["users"]["member"]))
    event = sock.ops()[0]
    assert event["seq"] == seq + 1 and event["payload"]["card"]["title"] == "From REST"


def test_resync_returns_contiguous_ops_or_the_board(world, sockets, factory):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["member"])
    seq = sock.join(pid)["seq"]
    for index in range(3):
        factory.card(world["private"]["project"], title=f"missed {index}")
    ack = sock.call("resync", {"project_id": pid, "since": seq})
    assert ack["ok"] and [e["seq"] for e in ack["ops"]] == [seq + 1, seq + 2, seq + 3]
    assert ack["seq"] == seq + 3
    from govlab.realtime import handlers

    handlers_max, handlers.RESYNC_MAX = handlers.RESYNC_MAX, 2
    try:
        big = sock.call("resync", {"project_id": pid, "since": seq})
    finally:
        handlers.RESYNC_MAX = handlers_max
    assert "board" in big and big["seq"] == seq + 3 and "ops" not in big


@pytest.mark.parametrize("event,payload,code,field", [
    ("join", {"project_id": "abc"}, "validation_error", "project_id"),
    ("join", {}, "validation_error", "project_id"),
    ("join", "not an object", "validation_error", None),
    ("join", {"project_id": 999999}, "forbidden", None),  # same answer as a private board: nothing leaks
    ("op", {"project_id": "abc", "type": "card.create", "client_op_id": "x"}, "validation_error", "project_id"),
    ("op", {"project_id": "P", "type": "card.create", "client_op_id": "x"}, "validation_error", "stage"),
    ("op", {"type": "card.create", "client_op_id": "x"}, "validation_error", "project_id"),
    ("op", {"project_id": "P", "type": "card.explode", "client_op_id": "x"}, "validation_error", "type"),
    ("op", {"project_id": "P", "type": "card.create", "client_op_id": ""}, "validation_error", "client_op_id"),
    ("op", {"project_id": "P", "type": "card.create", "client_op_id": "x" * 65}, "validation_error", "client_op_id"),
    ("op", {"project_id": "P", "type": "card.create", "client_op_id": "x", "data": []}, "validation_error", "data"),
    ("op", {"project_id": "P", "type": "card.create", "client_op_id": "x",
            "data": {"stage": "nope", "title": "t"}}, "validation_error", "stage"),
    ("op", {"project_id": "P", "type": "card.create", "client_op_id": "x",
            "data": {"stage": "ideate", "kind": "insight", "title": "t"}}, "validation_error", "kind"),
    ("op", {"project_id": "P", "type": "card.create", "client_op_id": "x",
            "data": {"stage": "ideate", "title": "t" * 201}}, "validation_error", "title"),
    ("op", {"project_id": "P", "type": "card.update", "client_op_id": "x", "data": {"title": "t"}},
     "validation_error", "id"),
    ("op", {"project_id": "P", "type": "card.update", "client_op_id": "x", "data": {"id": 999999, "title": "t"}},
     "not_found", None),
    ("op", {"project_id": "P", "type": "card.update", "client_op_id": "x", "data": {"id": "C", "stage": "test"}},
     "validation_error", "stage"),
    ("op", {"project_id": "P", "type": "card.move", "client_op_id": "x", "data": {"id": "C", "title": "t"}},
     "validation_error", "title"),
    ("op", {"project_id": "P", "type": "card.update", "client_op_id": "x", "data": {"id": "C", "version": 99,
                                                                                       "title": "t"}},
     "conflict", "version"),
    ("op", {"project_id": "P", "type": "card.restore", "client_op_id": "x", "data": {"id": "C"}}, "forbidden", None),
    ("op", {"project_id": "P", "type": "card.delete", "client_op_id": "x", "data": {"id": "OTHER"}},
     "not_found", None),
    ("op", {"project_id": "P", "type": "card.text", "client_op_id": "x", "data": {"id": "C", "update": "!!"}},
     "validation_error", "update"),
    ("op", {"project_id": "P", "type": "card.text", "client_op_id": "x", "data": {"id": "C", "update": "AQ=="}},
     "validation_error", "update"),
    ("resync", {"project_id": "P", "since": -1}, "validation_error", "since"),
    ("resync", {"project_id": "P"}, "validation_error", "since"),
    ("resync", {"project_id": "UNJOINED", "since": 0}, "validation_error", "project_id"),
    ("text.sync", {"project_id": "P", "card_id": 999999}, "not_found", None),
    ("presence", {"project_id": "P", "card_id": "x"}, "validation_error", "card_id"),
    ("leave", {"project_id": "UNJOINED"}, "validation_error", "project_id"),
])
def test_bad_input_gets_an_error_ack_and_keeps_the_connection(world, sockets, factory, event, payload, code, field):
    pid = world["private"]["project"].id
    other = factory.project(world["users"]["outsider"], title="elsewhere")
    other_card = factory.card(other)
    replace = {"P": pid, "C": world["private"]["card"].id, "OTHER": other_card.id, "UNJOINED": other.id}
    if isinstance(payload, dict):
        payload = {k: replace.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
        if isinstance(payload.get("data"), dict):
            payload["data"] = {k: replace.get(v, v) if isinstance(v, str) and v in replace else v
                               for k, v in payload["data"].items()}
    sock = sockets(world["users"]["member"])
    assert sock.join(pid)["ok"]
    seq = sock.call("resync", {"project_id": pid, "since": 0})["seq"]
    ack = sock.call(event, payload)
    assert ack["ok"] is False and ack["error"]["code"] == code and ack["error"]["message"], ack
    if field:
        assert ack["error"].get("field") == field
    assert sock.connected
    assert sock.call("resync", {"project_id": pid, "since": 0})["seq"] == seq  # nothing stored
    assert sock.join(pid)["ok"]  # and the connection still works


def test_observer_ops_are_forbidden(world, sockets):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["observer"])
    sock.join(pid)
    ack = sock.op(pid, "card.create", {"stage": "ideate", "title": "x"}, "o1")
    assert ack["error"]["code"] == "forbidden"


def test_message_size_limit(world, sockets):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    ack = sock.op(pid, "card.create", {"stage": "ideate", "title": "x", "body": "y" * 70_000}, "big")
    assert ack["error"]["code"] == "too_large"
    assert sock.connected


def test_rate_limit_then_disconnect_on_flood(app, world, sockets):
    app.config.update(SOCKET_RATE=1.0, SOCKET_BURST=5.0, SOCKET_FLOOD_LIMIT=20)
    sock = sockets(world["users"]["member"])
    acks = [sock.call("presence", {"project_id": 1}) for _ in range(8)]
    codes = [a.get("error", {}).get("code") for a in acks]
    assert codes[:5] != ["rate_limited"] * 5 and codes[-1] == "rate_limited"
    assert sock.connected
    for _ in range(30):
        if not sock.connected:
            break
        sock.call("presence", {"project_id": 1})
    assert not sock.connected


def test_default_rate_allows_50_ops_per_second(app):
    from govlab.realtime.connections import TokenBucket

    bucket = TokenBucket(rate=app.config.get("SOCKET_RATE", 100.0), burst=app.config.get("SOCKET_BURST", 200.0))
    assert bucket.rate >= 50


def test_presence_is_shared_and_cleared_on_disconnect(world, sockets):
    pid = world["private"]["project"].id
    alice, bob = sockets(world["users"]["member"]), sockets(world["users"]["facilitator"])
    alice.join(pid)
    bob.join(pid)
    card_id = world["private"]["card"].id
    assert alice.call("presence", {"project_id": pid, "card_id": card_id})["ok"]
    state = bob.wait_for("presence", lambda states: any(s.get("card_id") == card_id for s in states))
    mine = next(s for s in state if s.get("card_id") == card_id)
    assert mine["name"] == "Member" and mine["state"] == "here"
    alice.disconnect()
    bob.wait_for("presence", lambda states: any(s["state"] == "left" for s in states))


def test_text_sync_and_update_merge_and_project_to_plain_text(world, sockets):
    pid = world["private"]["project"].id
    card_id = world["private"]["card"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    doc = synced_doc(sock, pid, card_id)
    assert str(doc.get("title", type=Text)) == "private card"
    update = typed(doc, "title", 0, "My ")
    ack = sock.op(pid, "card.text", {"id": card_id, "update": update}, "t1")
    assert ack["ok"] and ack["card"]["title"] == "My private card"
    event = [e for e in sock.ops() if e["type"] == "card.text"][0]
    assert event["payload"]["update"] == update and event["payload"]["fields"] == ["title"]


def test_rest_title_edit_reaches_the_crdt(client, world, sockets):
    from tests.conftest import token_for

    pid = world["private"]["project"].id
    card_id = world["private"]["card"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    sock.call("text.sync", {"project_id": pid, "card_id": card_id})  # seeds the document
    client.patch(f"/api/v1/cards/{card_id}", json={"title": "Replaced"},
                 headers=token_for(client, world["users"]["member"]))
    event = [e for e in sock.ops() if e["type"] == "card.update"][0]
    assert "text_update" in event["payload"]
    assert str(synced_doc(sock, pid, card_id).get("title", type=Text)) == "Replaced"


def test_text_limits_hold(world, sockets):
    pid = world["private"]["project"].id
    card_id = world["private"]["card"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    doc = synced_doc(sock, pid, card_id)
    ack = sock.op(pid, "card.text", {"id": card_id, "update": typed(doc, "title", 0, "x" * 250)}, "too-long")
    assert ack["error"]["code"] == "validation_error" and ack["error"]["field"] == "title"


def test_losing_membership_takes_the_socket_off_the_board(world, sockets):
    pid = world["private"]["project"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    projects.remove_member(world["users"]["facilitator"], pid, world["users"]["member"].id)
    assert sock.wait_for("revoked") == {"reason": "membership", "project_id": pid}
    cards.create_card(world["users"]["facilitator"], pid, {"stage": "ideate", "title": "after the removal"})
    assert [op["type"] for op in sock.ops(timeout=0.3)] == ["member.remove"]  # the news of its own removal only
    assert sock.call("resync", {"project_id": pid, "since": 0})["error"]["field"] == "project_id"


def test_logging_out_drops_the_users_sockets(client, world, sockets):
    login(client, world["users"]["member"])
    sock = sockets(client=client)
    assert sock.connected
    token = csrf_from(client.get("/projects").get_data(as_text=True))
    client.post("/logout", data={"csrf_token": token})
    assert not sock.connected


def test_disabled_account_is_dropped(world, sockets):
    from govlab.services.accounts import set_disabled

    sock = sockets(world["users"]["member"])
    set_disabled(world["users"]["admin"], world["users"]["member"].id, True)
    assert not sock.connected


def test_a_resent_text_update_changes_nothing(world, sockets):
    pid = world["private"]["project"].id
    card_id = world["private"]["card"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    update = typed(synced_doc(sock, pid, card_id), "body", 0, "once")
    first = sock.op(pid, "card.text", {"id": card_id, "update": update}, "u1")
    second = sock.op(pid, "card.text", {"id": card_id, "update": update}, "u2")
    assert first["card"]["body"] == second["card"]["body"] == "once"
    assert second["seq"] is None and second["card"]["version"] == first["card"]["version"]


def test_an_unexpected_failure_is_a_server_error_ack_and_the_socket_lives(world, sockets, monkeypatch):
    from govlab.services import cards as card_service

    def explode(*args, **kwargs):
        raise RuntimeError("boom")

    pid = world["private"]["project"].id
    sock = sockets(world["users"]["member"])
    seq = sock.join(pid)["seq"]
    monkeypatch.setattr(card_service, "card_to_dict", explode)  # fails inside the service, after its checks
    ack = sock.op(pid, "card.create", {"stage": "ideate", "title": "x"}, "boom-1")
    assert ack["ok"] is False and ack["error"]["code"] == "server_error"
    assert sock.connected
    assert sock.call("resync", {"project_id": pid, "since": 0})["seq"] == seq


def test_an_event_with_several_arguments_is_refused(world, sockets):
    from tests.realtime.conftest import NS, isolated

    pid = world["private"]["project"].id
    sock = sockets(world["users"]["member"])
    sock.join(pid)
    ack = isolated(sock.raw.emit, "resync", {"project_id": pid, "since": 0}, "extra", namespace=NS, callback=True)
    assert ack["ok"] is False and ack["error"]["code"] == "validation_error"
    assert sock.connected


def test_socket_messages_follow_the_language_settled_at_connect(world, sockets, factory):
    pid = world["private"]["project"].id
    thai_profile = factory.user(locale="th")
    expected_th = "กรุณาเข้าร่วมบอร์ดก่อน"  # "Join the board first."
    by_profile = sockets(thai_profile)
    assert by_profile.call("presence", {"project_id": pid})["error"]["message"] == expected_th
    by_browser = sockets(headers={"Accept-Language": "th-TH,th;q=0.9"})
    assert by_browser.call("presence", {"project_id": pid})["error"]["message"] == expected_th
    default = sockets(world["users"]["member"])
    assert default.call("presence", {"project_id": pid})["error"]["message"] == "Join the board first."
    # Stage labels in the join ack follow it too.
    public = world["public"]["project"].id
    assert by_browser.join(public)["board"]["stages"][0]["label"] != default.join(public)["board"]["stages"][0]["label"]


def test_the_fan_out_counts_the_sockets_a_frame_goes_to(app, world, sockets):
    """What decides whether a busy room's frames are thinned: the sockets of this process in the room."""
    from govlab.realtime.fanout import room_of

    fanout = app.extensions["govlab_realtime"].fanout
    public = world["public"]["project"].id
    assert fanout.room_size(room_of(public)) == 0
    watchers = [sockets() for _ in range(3)]
    for watcher in watchers:
        assert watcher.join(public)["ok"]
    assert fanout.room_size(room_of(public)) == 3
    watchers[0].disconnect()
    assert fanout.room_size(room_of(public)) == 2
