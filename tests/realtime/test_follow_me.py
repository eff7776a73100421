"""Follow-me: a facilitator brings everyone to a lane or a card; late joiners and reconnects land there too.

Only facilitators lead; only a live card of the same board can be the focus (a hidden note, a deleted
card, another board's card are "not found"); odd ids are refused with a validation error.
"""
import pytest

from govlab.extensions import db
from govlab.models import Card, Event
from tests.conftest import token_for

AGENDA = [{"stage": "empathize", "instruction": "Write pain points.", "duration": 300, "kind": "silent_brainstorm"}]


@pytest.fixture
def room(world, sockets):
    """The public board with a workshop; the facilitator, a member, an observer and a watcher joined."""
    pid = world["public"]["project"].id
    users = world["users"]
    socks = {"facilitator": sockets(users["facilitator"]), "member": sockets(users["member"]),
             "observer": sockets(users["observer"]), "watcher": sockets()}
    for sock in socks.values():
        assert sock.join(pid)["ok"]
    workshop = socks["facilitator"].op(pid, "workshop.create", {"title": "Follow me", "agenda": AGENDA}, "w")["workshop"]
    assert workshop["focus"] is None
    for sock in socks.values():
        sock.ops(count=1)
    return {"pid": pid, "socks": socks, "workshop": workshop, "world": world}


def focus(sock, pid, workshop_id, op_id, **target):
    return sock.op(pid, "workshop.focus", {"workshop_id": workshop_id, **target}, op_id)


def test_the_facilitator_brings_everyone_to_a_lane_then_a_card(room):
    pid, socks, workshop = room["pid"], room["socks"], room["workshop"]
    lane = focus(socks["facilitator"], pid, workshop["id"], "f1", stage="ideate")
    assert lane["ok"] and lane["workshop"]["focus"] == {"stage": "ideate", "card_id": None}
    card = room["world"]["public"]["card"]
    to_card = focus(socks["facilitator"], pid, workshop["id"], "f2", card_id=card.id)
    assert to_card["workshop"]["focus"] == {"stage": card.stage, "card_id": card.id}
    for name in ("member", "observer", "watcher"):
        frames = [e for e in socks[name].ops(count=2) if e["type"] == "workshop.focus"]
        assert [e["payload"]["focus"] for e in frames] == [{"stage": "ideate", "card_id": None},
                                                           {"stage": card.stage, "card_id": card.id}], name
        assert frames[-1]["payload"]["workshop"]["focus"]["card_id"] == card.id
    stopped = focus(socks["facilitator"], pid, workshop["id"], "f3")
    assert stopped["workshop"]["focus"] is None
    db.session.rollback()
    assert db.session.query(Event).filter_by(project_id=pid, type="workshop.focus").count() == 3


def test_late_joiners_and_reconnects_get_the_current_focus(room, sockets):
    pid, socks, workshop = room["pid"], room["socks"], room["workshop"]
    seq = socks["member"].join(pid)["seq"]
    card = room["world"]["public"]["card"]
    assert focus(socks["facilitator"], pid, workshop["id"], "f", card_id=card.id)["ok"]
    late = sockets(room["world"]["users"]["observer"])
    state = late.join(pid)["board"]["workshop"]
    shown = next(w for w in state["workshops"] if w["id"] == workshop["id"])
    assert state["current_id"] == workshop["id"] and shown["focus"] == {"stage": card.stage, "card_id": card.id}
    replay = socks["member"].call("resync", {"project_id": pid, "since": seq})
    assert [e["payload"]["focus"]["card_id"] for e in replay["ops"] if e["type"] == "workshop.focus"] == [card.id]
    assert sockets().join(pid)["board"]["workshop"]["workshops"][0]["focus"]["card_id"] == card.id


def test_only_facilitators_lead(room):
    pid, socks, workshop = room["pid"], room["socks"], room["workshop"]
    assert focus(socks["member"], pid, workshop["id"], "m", stage="ideate")["error"]["code"] == "forbidden"
    assert focus(socks["observer"], pid, workshop["id"], "o", stage="ideate")["error"]["code"] == "forbidden"
    assert focus(socks["watcher"], pid, workshop["id"], "w", stage="ideate")["error"]["code"] == "unauthorized"


def test_bad_targets_are_refused(room, factory):
    pid, socks, workshop, world = room["pid"], room["socks"], room["workshop"], room["world"]
    lead = socks["facilitator"]
    deleted = world["public"]["deleted"]
    assert focus(lead, pid, workshop["id"], "d", card_id=deleted.id)["error"]["code"] == "not_found"
    elsewhere = world["private"]["card"]
    assert focus(lead, pid, workshop["id"], "e", card_id=elsewhere.id)["error"]["code"] == "not_found"
    assert focus(lead, pid, workshop["id"], "n", card_id=99999)["error"]["code"] == "not_found"
    both = focus(lead, pid, workshop["id"], "b", stage="ideate", card_id=world["public"]["card"].id)
    assert both["error"]["code"] == "validation_error" and both["error"]["field"] == "card_id"
    assert focus(lead, pid, workshop["id"], "s", stage="nowhere")["error"]["code"] == "validation_error"
    other = factory.project(world["users"]["facilitator"])
    foreign = lead.op(other.id, "workshop.create", {"title": "Other"}, "x")
    assert foreign["error"]["code"] == "validation_error"  # the socket has not joined that board
    assert lead.join(other.id)["ok"]
    foreign = lead.op(other.id, "workshop.create", {"title": "Other"}, "x2")["workshop"]
    assert focus(lead, pid, foreign["id"], "fw", stage="ideate")["error"]["code"] == "not_found"


def test_a_hidden_note_cannot_be_the_focus(room):
    pid, socks, workshop = room["pid"], room["socks"], room["workshop"]
    assert socks["facilitator"].op(pid, "workshop.start", {"id": workshop["id"]}, "start")["ok"]
    notes = [socks["member"].op(pid, "note.add", {"stage": "empathize", "title": f"secret {n}"}, f"n{n}")["note"]
             for n in range(6)]
    db.session.rollback()
    hidden = next(note for note in notes if db.session.get(Card, note["id"]) is None)  # an id no card has
    refused = focus(socks["facilitator"], pid, workshop["id"], "h", card_id=hidden["id"])
    assert refused["error"]["code"] == "not_found" and "secret" not in str(refused)


@pytest.mark.parametrize("bad", ["²", "1\x00", "\x00", 2**64 - 1, 2**63, 2**31, -1, 0, 1.0, True, "1", None, [1], {"id": 1}])
def test_odd_ids_are_validation_errors(room, bad):
    pid, lead, workshop = room["pid"], room["socks"]["facilitator"], room["workshop"]
    for data in ({"workshop_id": bad, "stage": "ideate"}, {"workshop_id": workshop["id"], "card_id": bad}):
        if data.get("card_id", 1) is None:
            continue  # card_id null is "no card": allowed
        ack = lead.op(pid, "workshop.focus", data, "odd")
        assert ack["error"]["code"] == "validation_error", (data, ack)
    for stage in ("ide\x00ate", "ｉｄｅａｔｅ", "x" * 10000):
        ack = lead.op(pid, "workshop.focus", {"workshop_id": workshop["id"], "stage": stage}, "odd-stage")
        assert ack["error"]["code"] == "validation_error"


def test_rest_ops_endpoint_leads_and_refuses_alike(room, app):
    pid, workshop, world = room["pid"], room["workshop"], room["world"]
    client = app.test_client()
    headers = token_for(client, world["users"]["facilitator"])
    url = f"/api/v1/projects/{pid}/ops"
    ok = client.post(url, json={"type": "workshop.focus", "data": {"workshop_id": workshop["id"], "stage": "test"}},
                     headers=headers)
    assert ok.status_code == 200 and ok.get_json()["workshop"]["focus"] == {"stage": "test", "card_id": None}
    for bad in ("²", 2**64, "1\x00"):  # 2**64 itself: a JSON number the socket test client cannot encode
        refused = client.post(url, json={"type": "workshop.focus", "data": {"workshop_id": bad}}, headers=headers)
        assert refused.status_code == 422 and refused.get_json()["error"]["code"] == "validation_error"
    member = token_for(client, world["users"]["member"])
    denied = client.post(url, json={"type": "workshop.focus", "data": {"workshop_id": workshop["id"]}}, headers=member)
    assert denied.status_code == 403
    frames = [e for e in room["socks"]["watcher"].ops(count=1) if e["type"] == "workshop.focus"]
    assert frames and frames[-1]["payload"]["focus"]["stage"] == "test"
