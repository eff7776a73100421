"""Anonymous mode, attacked: while it is on, no frame, ack or REST response to a participant names an author.

The author here has a unique name and id; every payload a second member, an observer and a watcher
without an account receive is searched for them (by the keys that carry people and, outside the
member list, by the name itself). Facilitators keep seeing authors, the Event log keeps its actors,
and turning the mode off shows them again.
"""
import json

import pytest

from govlab.extensions import db
from govlab.models import Event
from tests.conftest import login, token_for

NAME = "Naree Authorname"
PEOPLE_KEYS = ("author_id", "actor_id", "created_by", "user_id", "opened_by")
NAME_KEYS = ("author_name", "actor_name", "name")


def dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def people_in(value, skip_members: bool = True) -> tuple[set, set]:
    """Every person id and name a payload carries (outside member.* Events, which are about membership)."""
    ids, names = set(), set()

    def walk(item):
        if isinstance(item, list):
            for part in item:
                walk(part)
        elif isinstance(item, dict):
            if skip_members and str(item.get("type", "")).startswith("member."):
                return
            for key, part in item.items():
                if skip_members and key == "members":  # an export's member list: who takes part, not who wrote
                    continue
                if key in PEOPLE_KEYS and part is not None:
                    ids.add(part)
                if key in NAME_KEYS and part is not None:
                    names.add(part)
                walk(part)

    walk(value)
    return ids, names


def assert_anonymous(value, author, where=""):
    ids, names = people_in(value)
    assert author.id not in ids, (where, ids)
    assert NAME not in names, (where, names)


@pytest.fixture
def anon(world, sockets, factory):
    """A public board whose author wrote a card, a comment and a link while anonymous mode was on."""
    project = world["public"]["project"]
    pid = project.id
    users = world["users"]
    author = factory.member(project, "member", factory.user(NAME))
    second = factory.member(project, "member")
    socks = {"facilitator": sockets(users["facilitator"]), "author": sockets(author), "second": sockets(second),
             "observer": sockets(users["observer"]), "watcher": sockets()}
    for sock in socks.values():
        assert sock.join(pid)["ok"]
    for sock in socks.values():  # what came before the mode was on (presence with names) is not under test
        sock.drain()
        sock.inbox.clear()
    turned = socks["facilitator"].op(pid, "board.anonymous", {"anonymous": True}, "anon-on")
    assert turned["ok"] and turned["project"]["anonymous"] is True
    target = world["public"]["card"]  # written by the plain member before the mode was on
    made = socks["author"].op(pid, "card.create", {"stage": "empathize", "title": "Queues at dawn"}, "c1")
    assert made["ok"] and made["card"]["author_id"] == author.id  # one's own ack keeps one's own name
    card_id = made["card"]["id"]
    assert socks["author"].op(pid, "card.update", {"id": card_id, "body": "Since 5 am"}, "c2")["ok"]
    assert socks["author"].op(pid, "comment.create", {"card_id": target.id, "body": "Same at my clinic"}, "m1")["ok"]
    assert socks["author"].op(pid, "link.create", {"from": card_id, "to": target.id, "type": "relates"}, "l1")["ok"]
    assert socks["author"].call("presence", {"project_id": pid, "card_id": card_id})["ok"]
    return {"pid": pid, "socks": socks, "author": author, "second": second, "card_id": card_id, "target": target,
            "world": world}


def test_participants_frames_name_no_author_and_facilitators_frames_do(anon):
    pid, socks, author = anon["pid"], anon["socks"], anon["author"]
    for name in ("second", "observer", "watcher"):
        sock = socks[name]
        frames = sock.ops(count=5, timeout=2.0)
        sock.drain()
        assert {"card.create", "card.update", "comment.create", "link.create"} <= {e["type"] for e in frames}, name
        assert_anonymous(frames, author, name)
        assert NAME not in dump(frames), name
        presence = [state for packet in sock.inbox if packet["name"] == "presence" for state in packet["args"][0]]
        assert presence and all(set(state) <= {"sid", "state", "card_id"} for state in presence), name
        assert NAME not in dump(sock.inbox) and all("_anonymous" not in dump(e) for e in frames)
    frames = socks["facilitator"].ops(count=5, timeout=2.0)
    created = next(e for e in frames if e["type"] == "card.create")
    assert created["actor_id"] == author.id and created["payload"]["card"]["author_name"] == NAME
    editing = socks["facilitator"].wait_for("presence", lambda states: any(s.get("name") == NAME for s in states))
    assert any(s.get("card_id") == anon["card_id"] for s in editing)
    # the log itself keeps every actor
    db.session.rollback()  # the test's own read snapshot predates the ops
    assert db.session.query(Event).filter_by(project_id=pid, type="card.create", actor_id=author.id).count() == 1


def test_join_and_resync_name_no_author_but_ones_own(anon):
    pid, socks, author = anon["pid"], anon["socks"], anon["author"]
    for name in ("second", "observer", "watcher"):
        joined = socks[name].join(pid)
        assert joined["ok"] and joined["board"]["project"]["anonymous"] is True
        assert_anonymous(joined, author, name)
        assert NAME not in dump(joined["board"]["cards"]) + dump(joined["board"]["links"])
        if name != "watcher":
            assert joined["presence_alias"].startswith("a")
        resynced = socks[name].call("resync", {"project_id": pid, "since": 0})
        assert resynced["ok"] and resynced["ops"]
        assert_anonymous(resynced, author, name)
    mine = socks["author"].join(pid)["board"]
    own = next(card for card in mine["cards"] if card["id"] == anon["card_id"])
    assert own["author_id"] == author.id and own["author_name"] == NAME
    others = [card for card in mine["cards"] if card["id"] != anon["card_id"]]
    assert others and all(card["author_id"] is None for card in others)
    full = socks["facilitator"].join(pid)["board"]
    assert next(card for card in full["cards"] if card["id"] == anon["card_id"])["author_name"] == NAME


def test_the_presence_in_a_join_ack_is_named_as_the_frames_are(anon):
    """Who is on the board already: named for facilitators, aliases only for participants."""
    pid, socks = anon["pid"], anon["socks"]
    socks["second"].wait_for("presence", lambda states: any(s.get("card_id") == anon["card_id"] for s in states))
    named = socks["facilitator"].join(pid)["presence"]
    assert any(state.get("name") == NAME and state.get("card_id") == anon["card_id"] for state in named)
    for name in ("second", "observer", "watcher"):
        present = socks[name].join(pid)["presence"]
        assert any(state.get("card_id") == anon["card_id"] for state in present), name
        assert all(set(state) <= {"sid", "state", "card_id"} for state in present), (name, present)
        assert NAME not in dump(present)


def test_an_ack_for_someone_elses_card_names_nobody(anon):
    pid, socks = anon["pid"], anon["socks"]
    ack = socks["second"].op(pid, "card.update", {"id": anon["card_id"], "title": "Queues before dawn"}, "s1")
    assert ack["ok"] and ack["card"]["author_id"] is None and ack["card"]["author_name"] is None
    same = socks["second"].op(pid, "card.update", {"id": anon["card_id"], "title": "Queues before dawn"}, "s2")
    assert same["ok"] and same["card"]["author_id"] is None  # no change, no Event: still scrubbed
    again = socks["second"].op(pid, "card.update", {"id": anon["card_id"], "title": "Another title"}, "s1")
    assert again.get("duplicate") and again["card"]["author_id"] is None  # a retry answered from its receipt
    facilitator = socks["facilitator"].op(pid, "card.update", {"id": anon["card_id"], "color": "blue"}, "f1")
    assert facilitator["card"]["author_name"] == NAME


def test_rest_reads_exports_and_the_timeline_name_no_author(anon, app, client):
    pid, author, world = anon["pid"], anon["author"], anon["world"]
    card_id, target = anon["card_id"], anon["target"]
    second = app.test_client()
    login(second, anon["second"])
    observer = {"headers": token_for(app.test_client(), world["users"]["observer"])}
    paths = [f"/api/v1/projects/{pid}/board", f"/api/v1/projects/{pid}/events?since=0&limit=1000",
             f"/api/v1/cards/{card_id}", f"/api/v1/cards/{target.id}/comments", f"/api/v1/projects/{pid}/links",
             f"/api/v1/projects/{pid}/export", f"/api/v1/projects/{pid}/timeline", f"/projects/{pid}/export.json"]
    for path in paths:
        for who, response in (("watcher", client.get(path)), ("member", second.get(path)),
                              ("observer", app.test_client().get(path, **observer))):
            assert response.status_code == 200, (path, who, response.status_code)
            assert_anonymous(response.get_json(), author, (path, who))
    for path in (f"/projects/{pid}/board", f"/api/v1/projects/{pid}/export/cards.csv",
                 f"/projects/{pid}/export/cards.csv"):
        for who, response in (("watcher", client.get(path)), ("member", second.get(path))):
            assert response.status_code == 200 and NAME not in response.get_data(as_text=True), (path, who)
    page = second.get(f"/projects/{pid}/timeline?person={author.id}").get_data(as_text=True)
    assert "Anonymous mode is on" in page and 'id="f-person"' not in page
    filtered = second.get(f"/api/v1/projects/{pid}/timeline?person={author.id}").get_json()
    assert any(entry["type"] == "member.add" for entry in filtered["entries"])  # the person filter is ignored
    facilitator = app.test_client()
    login(facilitator, world["users"]["facilitator"])
    assert NAME in facilitator.get(f"/projects/{pid}/board").get_data(as_text=True)
    assert facilitator.get(f"/api/v1/cards/{card_id}").get_json()["author_name"] == NAME
    events = facilitator.get(f"/api/v1/projects/{pid}/export").get_json()["events"]
    assert any(event["actor_name"] == NAME for event in events)


def test_notifications_say_someone(anon, app):
    pid, socks, second = anon["pid"], anon["socks"], anon["second"]
    made = socks["second"].op(pid, "card.create", {"stage": "ideate", "title": "Text reminders"}, "s-card")
    assert socks["author"].op(pid, "comment.create", {"card_id": made["card"]["id"], "body": "Yes!"}, "a-c")["ok"]
    told = app.test_client().get("/api/v1/notifications", headers=token_for(app.test_client(), second)).get_json()
    assert told["notifications"] and NAME not in dump(told)
    assert_anonymous(told, anon["author"])


def test_turning_it_off_shows_authors_again(anon):
    pid, socks = anon["pid"], anon["socks"]
    socks["second"].ops(count=5, timeout=2.0)
    off = socks["facilitator"].op(pid, "board.anonymous", {"anonymous": False}, "anon-off")
    assert off["ok"] and off["project"]["anonymous"] is False
    joined = socks["second"].join(pid)
    assert next(c for c in joined["board"]["cards"] if c["id"] == anon["card_id"])["author_name"] == NAME
    assert "presence_alias" not in joined
    assert socks["author"].op(pid, "card.update", {"id": anon["card_id"], "body": "Back"}, "c9")["ok"]
    frames = socks["second"].ops(count=1, timeout=2.0)
    assert frames[-1]["payload"]["card"]["author_name"] == NAME and frames[-1]["actor_id"] == anon["author"].id
    # the same value again records nothing
    assert socks["facilitator"].op(pid, "board.anonymous", {"anonymous": False}, "anon-off2")["seq"] is None


def test_only_facilitators_switch_it(world, sockets):
    pid = world["public"]["project"].id
    member, observer, watcher = sockets(world["users"]["member"]), sockets(world["users"]["observer"]), sockets()
    for sock in (member, observer, watcher):
        sock.join(pid)
    assert member.op(pid, "board.anonymous", {"anonymous": True}, "a")["error"]["code"] == "forbidden"
    assert observer.op(pid, "board.anonymous", {"anonymous": True}, "b")["error"]["code"] == "forbidden"
    assert watcher.op(pid, "board.anonymous", {"anonymous": True}, "c")["error"]["code"] == "unauthorized"
    facilitator = sockets(world["users"]["facilitator"])
    facilitator.join(pid)
    for bad in ({"anonymous": 1}, {"anonymous": "true"}, {}, {"anonymous": True, "x": 1}):
        assert facilitator.op(pid, "board.anonymous", bad, "d")["error"]["code"] == "validation_error", bad


def test_a_demoted_facilitator_loses_authors_and_a_promoted_member_gains_them(world, sockets, factory):
    project = world["private"]["project"]
    pid = project.id
    users = world["users"]
    helper = factory.member(project, "facilitator")
    lead, co, member = sockets(users["facilitator"]), sockets(helper), sockets(users["member"])
    for sock in (lead, co, member):
        sock.join(pid)
    assert lead.op(pid, "board.anonymous", {"anonymous": True}, "on")["ok"]
    assert lead.op(pid, "member.update", {"user_id": helper.id, "role": "member"}, "demote")["ok"]
    assert lead.op(pid, "member.update", {"user_id": users["member"].id, "role": "facilitator"}, "promote")["ok"]
    co.ops(count=3, timeout=1.0)
    member.ops(count=3, timeout=1.0)
    made = lead.op(pid, "card.create", {"stage": "ideate", "title": "Who sees me?"}, "c")
    assert made["ok"], made
    seen_by_co = co.ops(count=1)
    assert seen_by_co and seen_by_co[-1]["type"] == "card.create" and seen_by_co[-1]["actor_id"] is None
    seen_by_member = member.ops(count=1)
    assert seen_by_member[-1]["actor_id"] == users["facilitator"].id


def test_silent_brainstorm_counts_and_votes_name_no_one(world, sockets, factory):
    project = world["public"]["project"]
    pid = project.id
    author = factory.member(project, "member", factory.user(NAME))
    lead, writer, other = sockets(world["users"]["facilitator"]), sockets(author), sockets(world["users"]["observer"])
    for sock in (lead, writer, other):
        sock.join(pid)
    assert lead.op(pid, "board.anonymous", {"anonymous": True}, "on")["ok"]
    agenda = [{"stage": "empathize", "instruction": "Write alone.", "duration": 300, "kind": "silent_brainstorm"}]
    workshop = lead.op(pid, "workshop.create", {"title": "Silent", "agenda": agenda}, "w")["workshop"]
    assert lead.op(pid, "workshop.start", {"id": workshop["id"]}, "s")["ok"]
    assert writer.op(pid, "note.add", {"stage": "empathize", "title": "Hidden pain"}, "n")["ok"]
    counts = [e for e in other.ops(count=4) if e["type"] == "note.count"]
    assert counts and counts[-1]["payload"]["counts"] == [{"user_id": None, "name": None, "count": 1}]
    assert_anonymous(other.join(pid), author)
    assert lead.join(pid)["board"]["workshop"]["note_counts"][0]["name"] == NAME
    own = writer.join(pid)["board"]["workshop"]["note_counts"]
    assert own[0]["name"] == NAME  # one's own row keeps one's name
    assert lead.op(pid, "workshop.reveal", {"id": workshop["id"]}, "r")["ok"]
    vote = lead.op(pid, "vote.open", {"stage": "empathize", "budget": 2, "live_results": True}, "v")["vote"]
    revealed = [c for c in other.join(pid)["board"]["cards"] if c["title"] == "Hidden pain"][0]
    assert revealed["author_id"] is None
    assert writer.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": revealed["id"]}, "d")["ok"]
    assert lead.op(pid, "vote.close", {"vote_id": vote["id"]}, "vc")["ok"]
    frames = other.ops(count=8, timeout=2.0)
    assert {"vote.open", "vote.dots", "vote.close"} <= {e["type"] for e in frames}
    assert_anonymous(frames, author)


def test_presence_aliases_match_the_join_ack_and_change_with_each_anonymous_period(anon):
    pid, socks = anon["pid"], anon["socks"]
    alias = socks["author"].join(pid)["presence_alias"]
    seen = socks["second"].wait_for("presence", lambda states: any(s["sid"] == alias for s in states))
    assert all(set(state) <= {"sid", "state", "card_id"} for state in seen)
    assert socks["facilitator"].op(pid, "board.anonymous", {"anonymous": False}, "off")["ok"]
    assert socks["facilitator"].op(pid, "board.anonymous", {"anonymous": True}, "on-again")["ok"]
    assert socks["author"].join(pid)["presence_alias"] != alias  # a new period: nobody can link the two


def test_every_process_learns_the_mode_by_control_message_and_by_the_sweep(anon, app):
    pid, socks = anon["pid"], anon["socks"]
    live = app.extensions["govlab_realtime"]
    since = live.fanout.audience.anonymous_since(pid)
    assert since is not None
    live.fanout.audience.set_anonymous(pid, None)  # a process that has not heard of it yet
    live.guard.on_control({"type": "anonymous", "project_id": pid, "since": since})
    assert live.fanout.audience.anonymous_since(pid) == since
    live.fanout.audience.set_anonymous(pid, None)  # a lost control message: the sweep reads the database
    live.guard.sweep()
    assert live.fanout.audience.anonymous_since(pid) == since
    socks["second"].drain()
    socks["second"].inbox.clear()
    assert socks["author"].call("presence", {"project_id": pid, "card_id": None})["ok"]
    states = socks["second"].wait_for("presence")
    assert NAME not in dump(states) and all("user_id" not in state for state in states)
