"""Who is here: a joining socket gets the room's presence in its join ack, so nobody announces again."""
from __future__ import annotations

from govlab.realtime import presence_book
from govlab.realtime.presence_book import PresenceBook


def test_the_join_ack_lists_who_is_on_the_board(world, sockets):
    pid = world["private"]["project"].id
    card_id = world["private"]["card"].id
    alice, bob = sockets(world["users"]["member"]), sockets(world["users"]["facilitator"])
    assert alice.join(pid)["presence"] == []
    assert alice.call("presence", {"project_id": pid, "card_id": card_id})["ok"]
    ack = bob.join(pid)
    assert [(s["name"], s["card_id"], s["state"]) for s in ack["presence"]] == [("Member", card_id, "here")]
    carol = sockets(world["users"]["observer"])
    names = sorted(s["name"] for s in carol.join(pid)["presence"])
    assert names == sorted(["Member", "Facilitator"])  # not carol herself
    alice.disconnect()
    dave = sockets(world["users"]["admin"])
    assert "Member" not in [s["name"] for s in dave.join(pid)["presence"]]  # "left" forgets


def test_the_book_of_another_board_stays_apart(world, sockets):
    pid = world["private"]["project"].id
    alice = sockets(world["users"]["member"])
    alice.join(pid)
    watcher = sockets()
    assert watcher.join(world["public"]["project"].id)["presence"] == []


def test_stale_states_left_states_and_odd_batches(monkeypatch):
    book = PresenceBook()
    book.record("project:1", [{"sid": "a", "state": "here", "card_id": None}, {"sid": "b", "state": "here"}])
    book.record("project:1", "not a list")
    book.record("project:1", [None, {"sid": 5}, {"state": "here"}, "x"])
    book.record("project:2", [{"sid": "c", "state": "here"}])
    assert sorted(s["sid"] for s in book.states("project:1")) == ["a", "b"]
    assert [s["sid"] for s in book.states("project:1", skip_sid="a")] == ["b"]
    book.record("project:1", [{"sid": "a", "state": "left"}])
    assert [s["sid"] for s in book.states("project:1")] == ["b"]
    later = presence_book.time.monotonic() + presence_book.STALE_SECONDS + 1
    monkeypatch.setattr(presence_book.time, "monotonic", lambda: later)
    assert book.states("project:1") == []  # a dead process's sockets never say "left"
    assert book.states("project:9") == []
