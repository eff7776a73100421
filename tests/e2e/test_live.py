"""End-to-end: a real server process, real WebSockets, under eventlet and gevent."""
from __future__ import annotations

import signal

import pytest
import socketio

from tests.e2e.conftest import LiveClient, http_json, token


def test_anonymous_watches_public_only_and_cannot_write(server):
    watcher = LiveClient(server)
    try:
        assert watcher.call("join", {"project_id": 1})["ok"]  # the public demo challenge
        private = watcher.call("join", {"project_id": 2})
        assert private["ok"] is False and private["error"]["code"] == "forbidden"
        write = watcher.call("op", {"project_id": 1, "type": "card.create", "client_op_id": "anon",
                                    "data": {"stage": "ideate", "title": "x"}})
        assert write["error"]["code"] == "unauthorized"
    finally:
        watcher.close()


def test_bad_token_and_foreign_origin_are_refused(server):
    with pytest.raises(socketio.exceptions.ConnectionError):
        LiveClient(server, bearer="glb_not-a-token")
    with pytest.raises(socketio.exceptions.ConnectionError):
        LiveClient(server, headers={"Origin": "https://evil.example"})


def test_fan_out_to_many_clients_in_seq_order(server):
    bearer = token(server, "member@govlab.test")
    clients = [LiveClient(server, bearer) for _ in range(6)]
    try:
        start = max(client.call("join", {"project_id": 2})["seq"] for client in clients)
        acks = []
        for index, client in enumerate(clients):
            ack = client.call("op", {"project_id": 2, "type": "card.create", "client_op_id": f"fan-{start}-{index}",
                                     "data": {"stage": "ideate", "title": f"fan {index}"}})
            assert ack["ok"], ack
            acks.append(ack["seq"])
        last = max(acks)
        for client in clients:
            client.wait_seq(last)
            seqs = [op["seq"] for op in client.ops if op["seq"] > start]
            assert seqs == list(range(start + 1, last + 1))
    finally:
        for client in clients:
            client.close()


def test_room_frames_are_written_straight_to_each_websocket_under_eventlet(server):
    """Under eventlet `govlab run` writes a room's frames without Engine.IO's queue (realtime/direct_writes.py,
    whose order and slow-client guarantees tests/unit/test_direct_writes.py checks); gevent keeps the queue.
    The fan-out test above ran through whichever this server uses."""
    expected = "direct writes" if server.env["GOVLAB_ASYNC_MODE"] == "eventlet" else "queued"
    assert f"GovLab room frames: {expected}" in server.log.read_text(errors="replace")


def test_the_server_collects_young_garbage_less_often_than_python_by_default(server):
    """`govlab run` sets the collector's thresholds (GOVLAB_GC_THRESHOLDS; Python's own 700 allocations made a
    busy process pause for a full collection about twice a second)."""
    assert "GovLab garbage collector thresholds: 20000, 10, 10" in server.log.read_text(errors="replace")


def test_idempotent_retry_across_reconnect(server):
    bearer = token(server, "member@govlab.test")
    op = {"project_id": 2, "type": "card.create", "client_op_id": "retry-me",
          "data": {"stage": "test", "title": "exactly once"}}
    first = LiveClient(server, bearer)
    first.call("join", {"project_id": 2})
    ack = first.call("op", op)
    first.close()
    second = LiveClient(server, bearer)
    second.call("join", {"project_id": 2})
    again = second.call("op", op)
    second.close()
    assert again["seq"] == ack["seq"] and again["card"]["id"] == ack["card"]["id"]
    _, board = http_json("GET", server.url + "/api/v1/projects/2/board", token=bearer)
    assert [card["title"] for card in board["cards"]].count("exactly once") == 1


def test_resync_after_missing_ops(server):
    bearer = token(server, "member@govlab.test")
    client = LiveClient(server, bearer)
    seq = client.call("join", {"project_id": 2})["seq"]
    client.close()
    for index in range(5):  # made while the client was away, through REST
        status, _ = http_json("POST", server.url + "/api/v1/projects/2/cards",
                              {"stage": "empathize", "title": f"while away {index}"}, token=bearer)
        assert status == 201
    back = LiveClient(server, bearer)
    try:
        back.call("join", {"project_id": 2})
        ack = back.call("resync", {"project_id": 2, "since": seq})
        assert [op["seq"] for op in ack["ops"]] == list(range(seq + 1, seq + 6))
        assert [op["payload"]["card"]["title"] for op in ack["ops"]] == [f"while away {i}" for i in range(5)]
    finally:
        back.close()


def test_losing_membership_takes_the_socket_off_the_board(server):
    facilitator = token(server, "facilitator@govlab.test")
    # ngo@govlab.test is a member of the demo's private project already.
    member = LiveClient(server, token(server, "ngo@govlab.test"))
    member.call("join", {"project_id": 2})
    status, body = http_json("GET", server.url + "/api/v1/projects/2/members", token=facilitator)
    ngo = next(m["user"]["id"] for m in body["members"] if m["user"]["email"] == "ngo@govlab.test")
    status, _ = http_json("DELETE", server.url + f"/api/v1/projects/2/members/{ngo}", token=facilitator)
    assert status == 204
    assert member.revoked.wait(5)
    assert member.revocations == [{"reason": "membership", "project_id": 2}]
    refused = member.call("resync", {"project_id": 2, "since": 0})
    assert refused["error"]["field"] == "project_id"  # off the board: it must join again, and may not
    assert member.call("join", {"project_id": 2})["error"]["code"] == "forbidden"
    member.close()


def test_acked_means_durable_across_sigkill(server):
    bearer = token(server, "member@govlab.test")
    client = LiveClient(server, bearer)
    client.call("join", {"project_id": 2})
    acked = []
    for index in range(40):
        ack = client.call("op", {"project_id": 2, "type": "card.create", "client_op_id": f"durable-{index}",
                                 "data": {"stage": "prototype", "title": f"durable {index}"}})
        assert ack["ok"]
        acked.append(ack["card"]["id"])
    server.kill(signal.SIGKILL)
    client.close()
    server.start()
    _, board = http_json("GET", server.url + "/api/v1/projects/2/board", token=bearer)
    ids = {card["id"] for card in board["cards"]}
    assert set(acked) <= ids
    _, page = http_json("GET", server.url + "/api/v1/projects/2/events?since=0&limit=1000", token=bearer)
    seqs = [event["seq"] for event in page["events"]]
    assert seqs == list(range(1, len(seqs) + 1))


def test_websocket_compression_offers_are_declined(server):
    """Board frames are small: the server must not agree to permessage-deflate (see architecture.md)."""
    import base64
    import os
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        key = base64.b64encode(os.urandom(16)).decode()
        sock.sendall((f"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
                      f"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                      "Sec-WebSocket-Version: 13\r\n"
                      "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += sock.recv(4096)
    status, _, headers = head.decode("latin-1").partition("\r\n")
    assert " 101 " in status
    assert "permessage-deflate" not in headers.lower()


def test_malformed_frames_are_dropped_and_the_socket_lives(server):
    """Frames that are not Socket.IO JSON (cut short, a 100-digit number, NaN) change nothing and close nothing."""
    import websocket

    ws = websocket.create_connection(f"ws://127.0.0.1:{server.port}/socket.io/?EIO=4&transport=websocket",
                                     timeout=10)
    try:
        assert ws.recv().startswith("0{")  # engine.io open
        ws.send("40/board,")
        assert ws.recv().startswith("40/board,")
        for bad in ('42/board,1["join",{"project_id":1', '42/board,2["join",{"project_id":' + "9" * 100 + "}]",
                    '42/board,3["join",{"project_id":NaN}]', "42/board,4", '42/board,5"join"'):
            ws.send(bad)
        ws.send('42/board,6["join",{"project_id":1}]')
        while True:
            frame = ws.recv()
            if frame == "2":  # engine.io ping
                ws.send("3")
            elif frame.startswith("43/board,6"):
                break
            else:  # a bad frame that still parsed gets an error ack (or an empty one: no such event), never a success
                assert frame.startswith("43/board,") and '"ok":true' not in frame, frame[:200]
        assert frame.startswith('43/board,6[{"ok":true'), frame[:200]
    finally:
        ws.close()


def test_the_server_logged_no_traceback_while_these_sockets_came_and_went(server):
    """Runs last: every test above opened sockets and closed them (client close frames, revocations, server
    disconnects), through direct writes under eventlet — none of it may have raised in the server. The only
    tracebacks allowed are Engine.IO's for the malformed frames a test above sends on purpose."""
    log = server.log.read_text(errors="replace")
    for block in log.split("Traceback (most recent call last):")[1:]:
        error = next(line for line in block.splitlines()[1:] if line and not line.startswith(" "))
        assert error.startswith("orjson.JSONDecodeError"), block
