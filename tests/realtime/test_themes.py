"""Affinity themes over the socket: ops live to every board, permissions, lock, odd input, consistency."""
from __future__ import annotations

import pytest

from govlab.extensions import db
from govlab.models import Card


def setup_lane(world, sockets, factory, titles=("Queue numbers", "Long queue", "Parking fees")):
    project = world["private"]["project"]
    cards = [factory.card(project, stage="ideate", title=title) for title in titles]
    facilitator, member = sockets(world["users"]["facilitator"]), sockets(world["users"]["member"])
    observer = sockets(world["users"]["observer"])
    for sock in (facilitator, member, observer):
        sock.join(project.id)
    return project.id, cards, facilitator, member, observer


def test_a_theme_is_made_renamed_filled_and_deleted_live(world, sockets, factory):
    pid, cards, facilitator, member, observer = setup_lane(world, sockets, factory)
    made = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": " คิว ",
                                                "card_ids": [cards[1].id, cards[0].id, cards[1].id]}, "t1")
    assert made["ok"], made
    theme = made["theme"]
    assert theme["name"] == "คิว" and theme["stage"] == "ideate" and theme["workshop_id"] is None
    seen = [e for e in observer.ops(count=1) if e["type"] == "theme.create"][0]["payload"]
    assert seen["theme"] == theme and [c["id"] for c in seen["cards"]] == [cards[1].id, cards[0].id]
    assert {c["theme_id"] for c in seen["cards"]} == {theme["id"]}
    assert all(c["version"] == 1 for c in seen["cards"])  # grouping is arrangement: no edit conflicts

    put = member.op(pid, "theme.assign", {"card_id": cards[2].id, "theme_id": theme["id"]}, "a1")
    assert put["ok"] and put["card"]["theme_id"] == theme["id"]
    event = [e for e in observer.ops(count=1) if e["type"] == "theme.assign"][0]["payload"]
    assert event["card"]["id"] == cards[2].id and event["theme"]["id"] == theme["id"] and event["from_theme_id"] is None
    again = member.op(pid, "theme.assign", {"card_id": cards[2].id, "theme_id": theme["id"]}, "a2")
    assert again["ok"] and again["seq"] is None  # nothing changed, nothing recorded

    renamed = member.op(pid, "theme.rename", {"id": theme["id"], "name": "Queues"}, "r1")
    assert renamed["theme"]["name"] == "Queues"
    assert [e for e in observer.ops(count=1) if e["type"] == "theme.rename"][0]["payload"]["theme"]["name"] == "Queues"

    out = member.op(pid, "theme.assign", {"card_id": cards[2].id, "theme_id": None}, "a3")
    assert out["ok"] and out["card"]["theme_id"] is None

    board = observer.join(pid)["board"]
    assert [t["name"] for t in board["themes"]] == ["Queues"]
    assert {c["id"]: c["theme_id"] for c in board["cards"] if c["stage"] == "ideate"} == {
        cards[0].id: theme["id"], cards[1].id: theme["id"], cards[2].id: None}

    gone = facilitator.op(pid, "theme.delete", {"id": theme["id"]}, "d1")
    assert gone["ok"]
    event = [e for e in observer.ops(count=3) if e["type"] == "theme.delete"][0]["payload"]
    assert sorted(event["card_ids"]) == sorted([cards[0].id, cards[1].id])
    board = observer.join(pid)["board"]
    assert board["themes"] == [] and all(c["theme_id"] is None for c in board["cards"])
    assert facilitator.op(pid, "theme.delete", {"id": theme["id"]}, "d2")["error"]["code"] == "not_found"


def test_observers_and_outsiders_cannot_group_cards(world, sockets, factory):
    pid, cards, facilitator, _member, observer = setup_lane(world, sockets, factory)
    theme = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "Queues"}, "t")["theme"]
    for op_type, data in (("theme.create", {"stage": "ideate", "name": "x"}),
                          ("theme.rename", {"id": theme["id"], "name": "x"}),
                          ("theme.delete", {"id": theme["id"]}),
                          ("theme.assign", {"card_id": cards[0].id, "theme_id": theme["id"]})):
        assert observer.op(pid, op_type, data, op_type)["error"]["code"] == "forbidden"
    outsider = sockets(world["users"]["outsider"])
    assert not outsider.join(pid)["ok"]
    refused = outsider.op(pid, "theme.create", {"stage": "ideate", "name": "x"}, "o")
    assert refused["error"]["code"] == "validation_error" and refused["error"]["field"] == "project_id"
    anonymous = sockets()
    public = world["public"]["project"].id
    assert anonymous.join(public)["ok"]
    assert anonymous.op(public, "theme.create", {"stage": "ideate", "name": "x"}, "a")["error"]["code"] \
        == "unauthorized"


def test_a_locked_board_or_lane_refuses_everyone_but_facilitators(world, sockets, factory):
    pid, cards, facilitator, member, _observer = setup_lane(world, sockets, factory)
    other = factory.card(world["private"]["project"], stage="empathize", title="Pain")
    theme = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "Queues"}, "t")["theme"]
    side = facilitator.op(pid, "theme.create", {"stage": "empathize", "name": "Pains"}, "t2")["theme"]
    facilitator.op(pid, "board.lock", {"board": True}, "lock")
    for op_type, data in (("theme.create", {"stage": "ideate", "name": "x"}),
                          ("theme.rename", {"id": theme["id"], "name": "x"}),
                          ("theme.delete", {"id": theme["id"]}),
                          ("theme.assign", {"card_id": cards[0].id, "theme_id": theme["id"]})):
        refused = member.op(pid, op_type, data, f"locked-{op_type}")
        assert refused["error"]["code"] == "locked", refused
    assert facilitator.op(pid, "theme.assign", {"card_id": cards[0].id, "theme_id": theme["id"]}, "f")["ok"]
    facilitator.op(pid, "board.lock", {"board": False, "stages": ["ideate"]}, "lane")
    assert member.op(pid, "theme.assign", {"card_id": cards[1].id, "theme_id": theme["id"]}, "m1")["error"]["code"] \
        == "locked"
    assert member.op(pid, "theme.rename", {"id": theme["id"], "name": "y"}, "m2")["error"]["code"] == "locked"
    assert member.op(pid, "theme.assign", {"card_id": other.id, "theme_id": side["id"]}, "m3")["ok"]  # other lane


@pytest.mark.parametrize("op_type, data, code, field", [
    ("theme.create", {"stage": "ideate", "name": "a\x00b"}, "validation_error", "name"),
    ("theme.create", {"stage": "ideate", "name": "x" * 10_000}, "validation_error", "name"),
    ("theme.create", {"stage": "ideate", "name": "\u200b "}, "validation_error", "name"),
    ("theme.create", {"stage": "kanban", "name": "x"}, "validation_error", "stage"),
    ("theme.create", {"stage": "ideate", "name": "x", "card_ids": [2**63 - 1]}, "validation_error", "card_ids"),
    ("theme.create", {"stage": "ideate", "name": "x", "card_ids": [1] * 501}, "validation_error", "card_ids"),
    ("theme.create", {"stage": "ideate", "name": "x", "colour": "red"}, "validation_error", "colour"),
    ("theme.rename", {"id": 2**31, "name": "x"}, "validation_error", "id"),
    ("theme.rename", {"id": "1", "name": "x"}, "validation_error", "id"),
    ("theme.assign", {"card_id": 1}, "validation_error", "theme_id"),
    ("theme.assign", {"card_id": True, "theme_id": None}, "validation_error", "card_id"),
    ("theme.assign", {"card_id": 999_999, "theme_id": None}, "not_found", None),
    ("theme.delete", {"id": 999_999}, "not_found", None),
])
def test_odd_input_gets_a_clear_error(world, sockets, factory, op_type, data, code, field):
    pid, _cards, facilitator, _member, _observer = setup_lane(world, sockets, factory)
    refused = facilitator.op(pid, op_type, data, "odd")
    assert refused["ok"] is False and refused["error"]["code"] == code, refused
    if field:
        assert refused["error"].get("field") == field


def test_themes_and_cards_of_another_project_or_lane_are_refused(world, sockets, factory):
    pid, cards, facilitator, _member, _observer = setup_lane(world, sockets, factory)
    public = world["public"]["project"]
    foreign_card = factory.card(public, stage="ideate", title="elsewhere")
    facilitator.join(public.id)
    foreign = facilitator.op(public.id, "theme.create", {"stage": "ideate", "name": "Theirs"}, "f")["theme"]
    mine = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "Mine"}, "m")["theme"]
    empathy = facilitator.op(pid, "theme.create", {"stage": "empathize", "name": "Pains"}, "e")["theme"]
    wrong = facilitator.op(pid, "theme.assign", {"card_id": cards[0].id, "theme_id": foreign["id"]}, "1")
    assert wrong["error"]["code"] == "not_found" and wrong["error"]["field"] == "theme_id"
    assert facilitator.op(pid, "theme.rename", {"id": foreign["id"], "name": "x"}, "2")["error"]["code"] == "not_found"
    assert facilitator.op(pid, "theme.delete", {"id": foreign["id"]}, "3")["error"]["code"] == "not_found"
    assert facilitator.op(pid, "theme.assign", {"card_id": foreign_card.id, "theme_id": mine["id"]}, "4")["error"][
        "code"] == "not_found"
    lane = facilitator.op(pid, "theme.assign", {"card_id": cards[0].id, "theme_id": empathy["id"]}, "5")
    assert lane["error"]["code"] == "validation_error" and lane["error"]["field"] == "theme_id"
    mixed = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "x",
                                                 "card_ids": [cards[0].id, foreign_card.id]}, "6")
    assert mixed["error"]["code"] == "validation_error" and mixed["error"]["field"] == "card_ids"
    empathy_card = factory.card(world["private"]["project"], stage="empathize", title="pain")
    other_lane = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "x", "card_ids": [empathy_card.id]},
                                "7")
    assert other_lane["error"]["code"] == "validation_error"
    board = facilitator.join(pid)["board"]
    assert {t["name"] for t in board["themes"]} == {"Mine", "Pains"}  # the refused ops left nothing


def test_moving_deleting_and_restoring_cards_keep_themes_consistent(world, sockets, factory):
    pid, cards, facilitator, member, observer = setup_lane(world, sockets, factory)
    theme = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "Queues",
                                                 "card_ids": [c.id for c in cards]}, "t")["theme"]
    moved = member.op(pid, "card.move", {"id": cards[0].id, "stage": "prototype"}, "mv")
    assert moved["card"]["theme_id"] is None and moved["card"]["stage"] == "prototype"
    reordered = member.op(pid, "card.move", {"id": cards[1].id, "after": None}, "top")
    assert reordered["card"]["theme_id"] == theme["id"]  # within the lane it stays in its theme
    member.op(pid, "card.delete", {"id": cards[1].id}, "del")
    restored = facilitator.op(pid, "card.restore", {"id": cards[1].id}, "res")
    assert restored["card"]["theme_id"] == theme["id"]
    member.op(pid, "card.delete", {"id": cards[2].id}, "del2")
    assert member.op(pid, "theme.assign", {"card_id": cards[2].id, "theme_id": None}, "x")["error"]["code"] \
        == "not_found"
    facilitator.op(pid, "theme.delete", {"id": theme["id"]}, "gone")
    back = facilitator.op(pid, "card.restore", {"id": cards[2].id}, "res2")
    assert back["card"]["theme_id"] is None  # the theme went while the card was deleted
    db.session.rollback()
    assert db.session.query(Card).filter(Card.theme_id.isnot(None)).count() == 0


def test_vote_winners_moved_on_leave_their_theme(world, sockets, factory):
    pid, cards, facilitator, _member, _observer = setup_lane(world, sockets, factory)
    facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "All", "card_ids": [c.id for c in cards]}, "t")
    vote = facilitator.op(pid, "vote.open", {"stage": "ideate"}, "v")["vote"]
    facilitator.op(pid, "vote.add", {"vote_id": vote["id"], "card_id": cards[0].id}, "d")
    facilitator.op(pid, "vote.close", {"vote_id": vote["id"]}, "c")
    facilitator.op(pid, "vote.promote", {"vote_id": vote["id"], "count": 1}, "p")
    board = facilitator.join(pid)["board"]
    promoted = next(c for c in board["cards"] if c["id"] == cards[0].id)
    assert promoted["stage"] == "prototype" and promoted["theme_id"] is None


def test_suggestions_reach_the_facilitator_only_and_one_is_accepted_live(world, sockets, factory):
    titles = ("Queue numbers are confusing", "The queue display is too small", "Long queue at the pharmacy",
              "Parking fees are too high", "Not enough parking near the entrance", "Staff were kind")
    pid, cards, facilitator, member, observer = setup_lane(world, sockets, factory, titles)
    asked = facilitator.call("themes.suggest", {"project_id": pid, "stage": "ideate"})
    assert asked["ok"] and asked["considered"] == len(titles) and asked["capped"] is False
    groups = {frozenset(s["card_ids"]): s for s in asked["suggestions"]}
    queue = groups[frozenset(c.id for c in cards[:3])]
    assert queue["name"] == "queue" and "queue" in queue["words"]
    assert frozenset(c.id for c in cards[3:5]) in groups
    assert member.call("themes.suggest", {"project_id": pid, "stage": "ideate"})["error"]["code"] == "forbidden"
    assert observer.call("themes.suggest", {"project_id": pid, "stage": "ideate"})["error"]["code"] == "forbidden"
    bad = facilitator.call("themes.suggest", {"project_id": pid, "stage": "nowhere"})
    assert bad["error"]["code"] == "validation_error" and bad["error"]["field"] == "stage"
    assert facilitator.call("themes.suggest", {"project_id": pid})["error"]["code"] == "validation_error"
    assert facilitator.call("themes.suggest", [1])["error"]["code"] == "validation_error"
    outsider = sockets(world["users"]["outsider"])
    assert outsider.call("themes.suggest", {"project_id": pid, "stage": "ideate"})["error"]["field"] == "project_id"

    accepted = facilitator.op(pid, "theme.create", {"stage": "ideate", "name": "Waiting in line",
                                                    "card_ids": queue["card_ids"]}, "accept")
    assert accepted["ok"]
    live = [e for e in member.ops(count=1) if e["type"] == "theme.create"][0]["payload"]
    assert live["theme"]["name"] == "Waiting in line" and len(live["cards"]) == 3
    again = facilitator.call("themes.suggest", {"project_id": pid, "stage": "ideate"})
    assert all(not set(s["card_ids"]) & set(queue["card_ids"]) for s in again["suggestions"])  # grouped: left out


def test_suggestions_are_rate_limited_per_person(world, sockets, factory):
    pid, _cards, facilitator, _member, _observer = setup_lane(world, sockets, factory)
    assert facilitator.call("themes.suggest", {"project_id": pid, "stage": "ideate"})["ok"]
    assert facilitator.call("themes.suggest", {"project_id": pid, "stage": "ideate"})["ok"]  # cached: free
    answers = []
    for n in range(12):  # each new card changes the board, so each ask computes afresh
        facilitator.op(pid, "card.create", {"stage": "ideate", "title": f"Queue {n}"}, f"c{n}")
        answers.append(facilitator.call("themes.suggest", {"project_id": pid, "stage": "ideate"}))
    assert [a["ok"] for a in answers].count(True) == 9  # 10 a minute, the first ask included
    assert answers[-1]["error"]["code"] == "rate_limited"


def test_ten_thousand_cards_in_a_lane(world, sockets, factory):
    project = world["private"]["project"]
    pid = project.id
    author = world["users"]["member"].id
    words = ("queue", "parking", "signs", "booking", "คิว", "ที่จอดรถ")
    db.session.execute(Card.__table__.insert(), [
        {"project_id": pid, "stage": "test", "kind": "test", "title": f"{words[n % 6]} problem {words[n * 7 % 6]} {n}",
         "body": "", "color": "yellow", "position": f"a{n:06d}", "author_id": author, "version": 1}
        for n in range(10_000)])
    db.session.commit()
    facilitator = sockets(world["users"]["facilitator"])
    facilitator.join(pid)
    asked = facilitator.call("themes.suggest", {"project_id": pid, "stage": "test"})
    assert asked["ok"] and asked["capped"] is True and asked["considered"] == 500
    ids = [card_id for card_id, in db.session.execute(
        Card.__table__.select().with_only_columns(Card.id).where(Card.project_id == pid, Card.stage == "test")
        .order_by(Card.position).limit(501))]
    made = facilitator.op(pid, "theme.create", {"stage": "test", "name": "Big", "card_ids": ids[:500]}, "big")
    assert made["ok"] and made["theme"]["name"] == "Big"
    db.session.rollback()
    assert db.session.query(Card).filter(Card.theme_id == made["theme"]["id"]).count() == 500
    full = facilitator.op(pid, "theme.assign", {"card_id": ids[500], "theme_id": made["theme"]["id"]}, "full")
    assert full["error"]["code"] == "validation_error"
    assert facilitator.op(pid, "theme.delete", {"id": made["theme"]["id"]}, "del")["ok"]
