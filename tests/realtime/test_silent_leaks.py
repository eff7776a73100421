"""Silent brainstorming, attacked: a hidden card reaches nobody but its author and the facilitators, by any path.

Every socket frame and every REST response a participant, an observer or an anonymous watcher can get
is searched for the hidden text (and its note id) before the reveal; after it, everyone has the card.
"""
import json

import pytest

from tests.conftest import login, token_for

SECRET = "SECRET-ความลับ-42"
AGENDA = [{"stage": "empathize", "instruction": "Silently write pain points.", "duration": 300,
           "kind": "silent_brainstorm"}]


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture
def silent(world, sockets, factory):
    """A public board in a silent brainstorm where the member wrote a hidden card; everyone's sockets open."""
    pid = world["public"]["project"].id
    users = world["users"]
    second = factory.member(world["public"]["project"], "member")
    socks = {"facilitator": sockets(users["facilitator"]), "member": sockets(users["member"]),
             "second": sockets(second), "observer": sockets(users["observer"]), "watcher": sockets()}
    for sock in socks.values():
        assert sock.join(pid)["ok"]
    workshop = socks["facilitator"].op(pid, "workshop.create", {"title": "Silent", "agenda": AGENDA}, "w")["workshop"]
    assert socks["facilitator"].op(pid, "workshop.start", {"id": workshop["id"]}, "s")["ok"]
    ack = socks["member"].op(pid, "note.add", {"stage": "empathize", "title": SECRET, "body": SECRET}, "n1")
    assert ack["ok"] and ack["note"]["title"] == SECRET
    return {"pid": pid, "socks": socks, "note": ack["note"], "workshop": workshop, "second": second, "world": world}


def test_participants_get_only_a_count_in_every_socket_path(silent):
    pid, socks = silent["pid"], silent["socks"]
    for name in ("second", "observer", "watcher"):
        sock = socks[name]
        frames = sock.ops(count=3, timeout=1.0)
        sock.drain()
        everything = dump(frames) + dump(sock.inbox)
        assert SECRET not in everything, name
        counts = [e for e in frames if e["type"] == "note.count"]
        assert counts and counts[-1]["payload"]["counts"][0]["count"] == 1
        joined = sock.join(pid)
        assert SECRET not in dump(joined) and joined["board"]["workshop"]["notes"] == []
        resynced = sock.call("resync", {"project_id": pid, "since": 0})
        assert resynced["ok"] and SECRET not in dump(resynced)
    # the author and the facilitator do see it, live and on join
    private = socks["facilitator"].wait_for("private", lambda data: data["kind"] == "note")
    assert private["note"]["title"] == SECRET
    assert socks["member"].wait_for("private", lambda data: data["kind"] == "note")["note"]["id"] == silent["note"]["id"]
    assert [n["title"] for n in socks["facilitator"].join(pid)["board"]["workshop"]["notes"]] == [SECRET]
    assert [n["title"] for n in socks["member"].join(pid)["board"]["workshop"]["notes"]] == [SECRET]


def test_no_rest_path_or_page_shows_the_hidden_card(silent, client, app):
    pid = silent["pid"]
    world = silent["world"]
    other = app.test_client()
    login(other, silent["second"])
    paths = [f"/api/v1/projects/{pid}/board", f"/api/v1/projects/{pid}/events?since=0&limit=1000",
             f"/api/v1/projects/{pid}/export", f"/api/v1/projects/{pid}/timeline",
             f"/api/v1/projects/{pid}/tracker", f"/projects/{pid}/board", f"/projects/{pid}/timeline",
             f"/projects/{pid}/participation", f"/projects/{pid}/chains", f"/projects/{pid}/tracker",
             f"/projects/{pid}/export.json", f"/api/v1/projects/{pid}/links"]
    for table in ("cards", "prototypes", "tests", "decisions"):
        paths += [f"/api/v1/projects/{pid}/export/{table}.csv", f"/projects/{pid}/export/{table}.csv"]
    observer_headers = token_for(app.test_client(), world["users"]["observer"])
    for path in paths:
        for who, response in (("anonymous", client.get(path)), ("participant", other.get(path)),
                              ("observer", app.test_client().get(path, headers=observer_headers))):
            assert response.status_code < 500, (path, who)
            assert SECRET not in response.get_data(as_text=True), (path, who)
    note_id = silent["note"]["id"]
    # another participant cannot delete (or probe) the note: it does not exist for them
    second = silent["socks"]["second"]
    assert second.op(pid, "note.delete", {"id": note_id}, "probe")["error"]["code"] == "not_found"


def test_card_create_is_refused_to_participants_while_silent_and_reveal_shows_all(silent):
    pid, socks = silent["pid"], silent["socks"]
    refused = socks["second"].op(pid, "card.create", {"stage": "empathize", "title": "visible?"}, "c")
    assert refused["error"]["code"] == "conflict" and refused["error"]["field"] == "silent"
    assert socks["member"].op(pid, "note.add", {"stage": "ideate", "title": "second note"}, "n2")["ok"]
    assert socks["second"].op(pid, "workshop.reveal", {"id": silent["workshop"]["id"]}, "r")["error"]["code"] \
        == "forbidden"
    revealed = socks["facilitator"].op(pid, "workshop.reveal", {"id": silent["workshop"]["id"]}, "r")
    assert revealed["ok"] and revealed["workshop"]["revealed"] == 2
    frames = socks["watcher"].ops(count=6)
    created = [e["payload"]["card"] for e in frames if e["type"] == "card.create"]
    assert {c["title"] for c in created} == {SECRET, "second note"}
    assert all(c["author_id"] == silent["world"]["users"]["member"].id for c in created)
    board = socks["second"].join(pid)["board"]
    assert SECRET in {c["title"] for c in board["cards"]} and board["workshop"]["silent_workshop_id"] is None
    assert socks["second"].op(pid, "card.create", {"stage": "empathize", "title": "now ok"}, "c2")["ok"]


def test_note_add_outside_a_silent_activity_and_by_observers_is_refused(world, sockets):
    pid = world["private"]["project"].id
    member, observer = sockets(world["users"]["member"]), sockets(world["users"]["observer"])
    member.join(pid)
    observer.join(pid)
    assert member.op(pid, "note.add", {"stage": "empathize", "title": "x"}, "a")["error"]["code"] == "conflict"
    assert observer.op(pid, "note.add", {"stage": "empathize", "title": "x"}, "b")["error"]["code"] == "forbidden"
    assert member.op(pid, "note.add", {"stage": "nowhere", "title": "x"}, "c")["error"]["code"] == "validation_error"
