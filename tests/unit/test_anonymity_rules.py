"""The anonymous-mode rule on plain dicts: who did what is gone, except the viewer's own, and nothing is changed."""
import copy

from govlab.domain.anonymity import scrub, scrub_presence

CARD = {"id": 5, "title": "Queue", "author_id": 7, "author_name": "Naree", "version": 2}
EVENT = {"seq": 9, "type": "card.create", "actor_id": 7, "payload": {"card": CARD}}


def test_authors_actors_and_link_creators_are_hidden_at_any_depth():
    respace = {"seq": 3, "type": "lane.respace", "actor_id": 7, "payload": {"cards": [CARD, {**CARD, "author_id": 8}]}}
    link = {"type": "link.create", "actor_id": 7, "payload": {"link": {"id": 1, "from": 5, "to": 6, "created_by": 7}}}
    shown = scrub([EVENT, respace, link])
    assert shown[0]["actor_id"] is None and shown[0]["payload"]["card"]["author_id"] is None
    assert shown[0]["payload"]["card"]["author_name"] is None and shown[0]["payload"]["card"]["title"] == "Queue"
    assert all(card["author_id"] is None and card["author_name"] is None for card in shown[1]["payload"]["cards"])
    assert shown[2]["payload"]["link"]["created_by"] is None and shown[2]["payload"]["link"]["from"] == 5


def test_the_input_is_never_changed():
    before = copy.deepcopy(EVENT)
    scrub(EVENT)
    assert EVENT == before


def test_a_viewer_keeps_their_own_name_and_nobody_elses():
    other = {**CARD, "id": 6, "author_id": 8, "author_name": "Somchai"}
    shown = scrub({"cards": [CARD, other]}, viewer_id=7)
    assert shown["cards"][0]["author_name"] == "Naree" and shown["cards"][1]["author_name"] is None
    assert scrub(EVENT, viewer_id=8)["actor_id"] is None


def test_silent_brainstorm_counts_lose_their_names_but_keep_counts():
    counts = {"counts": [{"user_id": 7, "name": "Naree", "count": 3}, {"user_id": 8, "name": "Somchai", "count": 1}]}
    assert scrub(counts)["counts"] == [{"user_id": None, "name": None, "count": 3},
                                       {"user_id": None, "name": None, "count": 1}]
    assert scrub({"note_counts": counts["counts"]}, viewer_id=8)["note_counts"][1]["name"] == "Somchai"


def test_a_timeline_entry_loses_the_organisation_with_the_actor():
    entry = {"actor_id": 7, "actor_name": "Naree", "actor_organisation": {"name_en": "Clinic"}}
    assert scrub(entry) == {"actor_id": None, "actor_name": None, "actor_organisation": None}
    assert scrub(entry, viewer_id=7) == entry


def test_mentions_and_decisions_stay():
    comment = {"author_id": 7, "author_name": "Naree", "mentions": [{"user_id": 9, "name": "Dao", "text": "@Dao"}]}
    assert scrub(comment)["mentions"] == comment["mentions"]
    decision = {"decided_by": 1, "decided_by_name": "Facilitator"}
    assert scrub(decision) == decision


def test_presence_keeps_only_the_alias_the_state_and_the_card():
    state = {"sid": "real", "state": "here", "card_id": 4, "user_id": 7, "name": "Naree",
             "organisation": {"name_en": "Clinic"}, "sector": "government"}
    assert scrub_presence(state, "a1") == {"sid": "a1", "state": "here", "card_id": 4}
    assert scrub_presence({"sid": "real", "state": "left"}, "a1") == {"sid": "a1", "state": "left"}
