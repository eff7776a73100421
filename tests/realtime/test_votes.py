"""Dot voting over the socket: budget, one dot per card, hidden or live results, close, promote, by sector."""
import json


def setup_vote(world, sockets, factory, **options):
    project = world["private"]["project"]
    pid = project.id
    cards = [factory.card(project, stage="ideate", title=f"Idea {n}") for n in range(3)]
    facilitator, member = sockets(world["users"]["facilitator"]), sockets(world["users"]["member"])
    observer = sockets(world["users"]["observer"])
    for sock in (facilitator, member, observer):
        sock.join(pid)
    ack = facilitator.op(pid, "vote.open", {"stage": "ideate", "budget": 3, **options}, "open")
    assert ack["ok"], ack
    return pid, cards, facilitator, member, observer, ack["vote"]


def test_budget_one_per_card_and_hidden_results(world, sockets, factory):
    pid, cards, facilitator, member, observer, vote = setup_vote(world, sockets, factory)
    assert vote["card_ids"] == [c.id for c in cards] and vote["results"] is None
    dot = member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[0].id}, "d1")
    assert dot["ok"] and dot["vote"]["mine"] == {str(cards[0].id): 1} and dot["vote"]["left"] == 2
    again = member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[0].id}, "d2")
    assert again["error"]["code"] == "validation_error"
    member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[1].id}, "d3")
    member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[2].id}, "d4")
    over = facilitator.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[2].id}, "f1")
    assert over["ok"]
    assert member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[1].id}, "d5")["error"]["code"] \
        == "validation_error"
    assert observer.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[1].id}, "o")["error"]["code"] \
        == "forbidden"
    outside = factory.card(world["private"]["project"], stage="test", title="not on the ballot")
    assert member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": outside.id}, "x")["error"]["code"] \
        == "validation_error"
    frames = observer.ops(count=5)
    dots = [e for e in frames if e["type"] == "vote.dots"]
    assert dots[-1]["payload"] == {"vote_id": vote["id"], "dots_cast": 4}  # no tally, no voter
    assert "results" not in json.dumps(dots)
    removed = member.op(pid, "vote.remove", {"vote_id": vote["id"], "card_id": cards[0].id}, "r1")
    assert removed["vote"]["left"] == 1
    assert member.op(pid, "vote.remove", {"vote_id": vote["id"], "card_id": cards[0].id}, "r2")["error"]["code"] \
        == "conflict"
    closed = facilitator.op(pid, "vote.close", {"vote_id": vote["id"]}, "close")
    results = closed["vote"]["results"]
    assert [(r["card_id"], r["dots"]) for r in results] == [(cards[2].id, 2), (cards[1].id, 1), (cards[0].id, 0)]
    assert results[0]["by_sector"] == {"none": 2}
    assert member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[0].id}, "late")["error"]["code"] \
        == "conflict"
    assert facilitator.op(pid, "vote.close", {"vote_id": vote["id"]}, "close2")["error"]["code"] == "conflict"
    moved = facilitator.op(pid, "vote.promote", {"vote_id": vote["id"], "count": 2}, "promote")
    assert moved["vote"]["moved"] == [cards[2].id, cards[1].id]
    board = observer.join(pid)["board"]
    stages = {c["id"]: (c["stage"], c["kind"]) for c in board["cards"]}
    assert stages[cards[2].id] == ("prototype", "prototype") and stages[cards[0].id][0] == "ideate"
    assert board["workshop"]["votes"][0]["status"] == "closed"  # the history


def test_live_results_and_several_dots_per_card(world, sockets, factory):
    pid, cards, facilitator, member, observer, vote = setup_vote(world, sockets, factory,
                                                                 live_results=True, several_per_card=True)
    for n in range(3):
        assert member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[1].id}, f"d{n}")["ok"]
    frames = [e for e in observer.ops(count=4) if e["type"] == "vote.dots"]
    # Only the dotted card's new total (not the whole ranking again); the snapshot has the ranking.
    assert [f["payload"]["card"] for f in frames] == [{"card_id": cards[1].id, "dots": n} for n in (1, 2, 3)]
    assert frames[-1]["payload"] == {"vote_id": vote["id"], "dots_cast": 3, "card": {"card_id": cards[1].id, "dots": 3}}
    assert observer.join(pid)["board"]["workshop"]["votes"][0]["results"] == [{"card_id": cards[1].id, "dots": 3}]
    assert member.op(pid, "vote.remove", {"vote_id": vote["id"], "card_id": cards[1].id}, "r")["ok"]
    removed = next(e for e in observer.ops(count=1) if e["type"] == "vote.dots")
    assert removed["payload"]["card"] == {"card_id": cards[1].id, "dots": 2}
    assert facilitator.op(pid, "vote.open", {"stage": "ideate"}, "second")["error"]["code"] == "conflict"
    assert member.op(pid, "vote.open", {"stage": "ideate"}, "m")["error"]["code"] == "forbidden"
    private = member.wait_for("private", lambda data: data["kind"] == "dots")
    assert private["vote_id"] == vote["id"]


def test_voting_goes_on_while_the_board_is_locked(world, sockets, factory):
    pid, cards, facilitator, member, _observer, vote = setup_vote(world, sockets, factory)
    facilitator.op(pid, "board.lock", {"board": True}, "lock")
    assert member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[0].id}, "d")["ok"]
    assert facilitator.op(pid, "vote.open", {"card_ids": [999999]}, "bad")["error"]["code"] in ("conflict",
                                                                                            "validation_error")


def test_a_vote_on_chosen_cards_and_what_a_choice_may_not_be(world, sockets, factory):
    project = world["private"]["project"]
    pid = project.id
    cards = [factory.card(project, stage=stage, title=f"Chosen {n}") for n, stage in
             enumerate(("empathize", "ideate", "test", "ideate"))]
    facilitator, member = sockets(world["users"]["facilitator"]), sockets(world["users"]["member"])
    for sock in (facilitator, member):
        sock.join(pid)
    other = world["public"]["card"]  # another board's card
    bad = {
        "another board's card": [cards[0].id, other.id],
        "a deleted card": [cards[0].id, world["private"]["deleted"].id],
        "no such card": [2**63 - 1],
        "past 63 bits": [2**64 - 1],
        "a Unicode digit": ["²"],
        "too many": list(range(1, 202)),
        "not a list": "1,2",
        "NUL": ["\x00"],
    }
    for why, card_ids in bad.items():
        ack = facilitator.op(pid, "vote.open", {"card_ids": card_ids}, f"bad-{why}")
        assert ack["error"]["code"] == "validation_error", (why, ack)
    assert member.op(pid, "vote.open", {"card_ids": [cards[0].id]}, "member")["error"]["code"] == "forbidden"
    # Across lanes, in the order chosen, a card chosen twice counted once.
    chosen = [cards[2].id, cards[0].id, cards[1].id, cards[0].id]
    ack = facilitator.op(pid, "vote.open", {"card_ids": chosen, "budget": 2}, "open")
    assert ack["ok"], ack
    vote = ack["vote"]
    assert vote["card_ids"] == [cards[2].id, cards[0].id, cards[1].id] and vote["stage"] is None
    assert member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[3].id}, "off")["error"]["code"] \
        == "validation_error"  # a card of the lane that was not chosen
    assert member.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[2].id}, "on")["ok"]
    closed = facilitator.op(pid, "vote.close", {"vote_id": vote["id"]}, "close")["vote"]
    assert [row["card_id"] for row in closed["results"]][0] == cards[2].id
    assert {row["card_id"] for row in closed["results"]} == {cards[0].id, cards[1].id, cards[2].id}
