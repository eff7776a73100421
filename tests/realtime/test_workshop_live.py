"""Workshops over the socket: the timer every screen agrees on, late joiners, reconnects, lock."""
import time

AGENDA = [{"stage": "empathize", "instruction": "Write pain points, one per card.", "duration": 300,
           "kind": "silent_brainstorm"},
          {"stage": "empathize", "instruction": "ลงคะแนน 3 จุด", "duration": 120, "kind": "vote"}]


def make_workshop(sock, pid, agenda=AGENDA):
    ack = sock.op(pid, "workshop.create", {"title": "Service design sprint", "starts_at": "2025-06-01T09:00",
                                           "agenda": agenda}, f"create-{time.monotonic_ns()}")
    assert ack["ok"], ack
    return ack["workshop"]


def remaining(workshop, now_ms):
    timer = workshop["timer"]
    if timer["state"] == "running":
        return max(0, timer["remaining_ms"] - (now_ms - timer["started_ms"]))
    return timer["remaining_ms"] if timer["state"] == "paused" else 0


def test_facilitator_runs_the_agenda_and_every_socket_sees_the_same_timer(world, sockets):
    pid = world["private"]["project"].id
    facilitator, member = sockets(world["users"]["facilitator"]), sockets(world["users"]["member"])
    facilitator.join(pid)
    member.join(pid)
    workshop = make_workshop(facilitator, pid)
    assert workshop["starts_at"] == "2025-06-01T02:00:00.000000Z"  # typed without offset: Thailand's time
    started = facilitator.op(pid, "workshop.start", {"id": workshop["id"]}, "start")
    assert started["ok"] and started["workshop"]["timer"]["state"] == "running"
    assert started["workshop"]["current"]["instruction"] == AGENDA[0]["instruction"]
    seen = member.ops(count=2)
    live = [e for e in seen if e["type"] == "workshop.update"][-1]["payload"]["workshop"]
    assert live["timer"] == started["workshop"]["timer"]
    clock = member.call("clock", {"t0": 123})
    assert clock["ok"] and clock["t0"] == 123 and remaining(live, clock["server_ms"]) > 299_000

    paused = facilitator.op(pid, "workshop.pause", {"id": workshop["id"]}, "pause")["workshop"]
    left = paused["timer"]["remaining_ms"]
    assert paused["timer"]["state"] == "paused" and left <= 300_000
    extended = facilitator.op(pid, "workshop.extend", {"id": workshop["id"], "seconds": 300}, "ext")["workshop"]
    assert extended["timer"]["remaining_ms"] == left + 300_000

    late = sockets(world["users"]["observer"])  # joins now: sees the paused time exactly
    board = late.join(pid)["board"]["workshop"]
    current = next(w for w in board["workshops"] if w["id"] == board["current_id"])
    assert current["timer"] == extended["timer"] and board["silent_workshop_id"] == workshop["id"]

    resumed = facilitator.op(pid, "workshop.resume", {"id": workshop["id"]}, "resume")["workshop"]
    skipped = facilitator.op(pid, "workshop.skip", {"id": workshop["id"]}, "skip")["workshop"]
    assert skipped["timer"]["index"] == 1 and skipped["timer"]["remaining_ms"] == 120_000
    assert resumed["timer"]["state"] == "running"
    board = late.join(pid)["board"]["workshop"]
    assert board["silent_workshop_id"] is None  # the silent activity ended with the skip
    done = facilitator.op(pid, "workshop.skip", {"id": workshop["id"]}, "skip2")["workshop"]
    assert done["timer"]["state"] == "done"
    assert [t["index"] for t in done["timings"]] == [0, 1] and all(t["ended_at"] for t in done["timings"])


def test_a_reconnecting_client_gets_the_right_remaining_time(world, sockets):
    pid = world["private"]["project"].id
    facilitator, member = sockets(world["users"]["facilitator"]), sockets(world["users"]["member"])
    facilitator.join(pid)
    workshop = make_workshop(facilitator, pid)
    started = facilitator.op(pid, "workshop.start", {"id": workshop["id"], "index": 1}, "s")["workshop"]
    member.join(pid)
    member.disconnect()
    facilitator.op(pid, "workshop.extend", {"id": workshop["id"], "seconds": 60}, "e")
    again = sockets(world["users"]["member"])
    ack = again.join(pid)
    current = next(w for w in ack["board"]["workshop"]["workshops"] if w["id"] == workshop["id"])
    expected = remaining(started, ack["server_ms"]) + 60_000
    assert abs(remaining(current, ack["server_ms"]) - expected) < 50


def test_timer_ops_are_for_facilitators_and_refuse_bad_input(world, sockets):
    pid = world["private"]["project"].id
    facilitator, member = sockets(world["users"]["facilitator"]), sockets(world["users"]["member"])
    facilitator.join(pid)
    member.join(pid)
    workshop = make_workshop(facilitator, pid)
    assert member.op(pid, "workshop.start", {"id": workshop["id"]}, "m")["error"]["code"] == "forbidden"
    assert member.op(pid, "workshop.create", {"title": "x"}, "m2")["error"]["code"] == "forbidden"
    cases = [
        ("workshop.extend", {"id": workshop["id"], "seconds": 61}, "validation_error"),
        ("workshop.pause", {"id": workshop["id"]}, "conflict"),
        ("workshop.start", {"id": workshop["id"], "index": 7}, "validation_error"),
        ("workshop.start", {"id": 999999}, "not_found"),
        ("workshop.create", {"title": "x", "agenda": [{"stage": "empathize", "instruction": "\x00",
                                                       "duration": 60, "kind": "discuss"}]}, "validation_error"),
        ("workshop.create", {"title": "x", "agenda": [{"stage": "empathize", "instruction": "Go",
                                                       "duration": 2**62, "kind": "discuss"}]}, "validation_error"),
        ("workshop.create", {"title": "x", "starts_at": "๒๐๒๕-01-01T09:00"}, "validation_error"),
        ("workshop.create", {"title": "x", "agenda": [{"stage": "empathize", "instruction": "Go",
                                                       "duration": 60, "kind": "dance"}]}, "validation_error"),
        ("workshop.create", {"title": "x", "agenda": [AGENDA[0]] * 41}, "validation_error"),
    ]
    for index, (op_type, data, code) in enumerate(cases):
        ack = facilitator.op(pid, op_type, data, f"bad-{index}")
        assert not ack["ok"] and ack["error"]["code"] == code, (op_type, ack)
    other = world["public"]["project"].id  # a workshop id of another board is not found there
    facilitator.join(other)
    assert facilitator.op(other, "workshop.start", {"id": workshop["id"]}, "x")["error"]["code"] == "not_found"


def test_lock_refuses_participants_with_locked_and_lets_facilitators_act(world, sockets, client):
    pid = world["private"]["project"].id
    card = world["private"]["card"]
    facilitator, member = sockets(world["users"]["facilitator"]), sockets(world["users"]["member"])
    facilitator.join(pid)
    member.join(pid)
    assert facilitator.op(pid, "board.lock", {"board": True}, "lock")["ok"]
    refused = member.op(pid, "card.create", {"stage": "ideate", "title": "sneaky"}, "c1")
    assert refused["error"]["code"] == "locked" and refused["error"]["message"]
    assert member.op(pid, "card.update", {"id": card.id, "title": "x"}, "c2")["error"]["code"] == "locked"
    assert member.op(pid, "board.lock", {"board": False}, "c3")["error"]["code"] == "forbidden"
    assert facilitator.op(pid, "card.create", {"stage": "ideate", "title": "still fine"}, "f1")["ok"]
    assert facilitator.op(pid, "board.lock", {"stages": ["empathize"]}, "lane")["ok"]
    assert member.op(pid, "card.create", {"stage": "ideate", "title": "ok now"}, "c4")["ok"]
    assert member.op(pid, "card.create", {"stage": "empathize", "title": "no"}, "c5")["error"]["code"] == "locked"
    assert member.op(pid, "card.move", {"id": card.id, "stage": "ideate"}, "c6")["error"]["code"] == "locked"
    ideate = member.op(pid, "card.create", {"stage": "ideate", "title": "mover"}, "c7")["card"]
    assert member.op(pid, "card.move", {"id": ideate["id"], "stage": "empathize"}, "c8")["error"]["code"] == "locked"
    from tests.conftest import token_for
    response = client.post(f"/api/v1/projects/{pid}/cards", json={"stage": "empathize", "title": "rest"},
                           headers=token_for(client, world["users"]["member"]))
    assert response.status_code == 423 and response.get_json()["error"]["code"] == "locked"
    board = member.join(pid)["board"]["workshop"]
    assert board["lock"] == {"board": False, "stages": ["empathize"]}
