"""Search over a board's cards: the Thai corpus of the issue, the index on every write path, permissions."""
from __future__ import annotations

import base64

import pytest
from pycrdt import Doc, Text
from sqlalchemy import select

from govlab.domain.errors import NotFound
from govlab.extensions import db
from govlab.models import CardIndexQueue, CardWord
from govlab.services import card_index, card_search, cards, registry, text, transfer
from govlab.services.access import SYSTEM
from govlab.services.batch import Job, run_batch

from ..conftest import login, token_for

CORPUS = {
    "hospital": ("รอคิว", "ไปโรงพยาบาลชุมชนแล้วรอนาน"),
    "compound": ("ห้องพยาบาลของโรงเรียนปิดเร็ว", ""),
    "road": ("ถนนหน้าบ้าน", "ถนนหน้าบ้านน้ำท่วมทุกปี"),
    "english": ("Bus stop", "The bus stop has no shade and buses are late"),
    "shelter": ("ที่พักผู้โดยสารไม่มีหลังคา", "bus stop ร้อนมาก"),
}


def ids_of(found: dict) -> list[int]:
    return [hit["card"].id for hit in found["results"]]


@pytest.fixture
def board(world, factory):
    """The private project of `world` with the corpus as cards (written by its member)."""
    project, member = world["private"]["project"], world["users"]["member"]
    made = {key: factory.card(project, member, title=title, body=body).id for key, (title, body) in CORPUS.items()}
    return {"project": project, "member": member, "ids": made, "world": world}


def find(board, query, actor=None) -> list[int]:
    return ids_of(card_search.search_cards(actor or board["member"], board["project"].id, query))


def test_the_thai_corpus_ranks_whole_words_first(board):
    ids = board["ids"]
    assert find(board, "โรงพยาบาล") == [ids["hospital"]]  # a word inside a run of unspaced Thai
    assert find(board, "พยาบาล") == [ids["compound"], ids["hospital"]]  # whole word above inside a longer one
    assert ids["road"] in find(board, "น้ำ")  # two characters (three code points)
    assert find(board, "ถ")  # one character still finds something
    assert set(find(board, "bus")) == {ids["english"], ids["shelter"]}  # English alike, in the same box
    assert ids["english"] in find(board, "BUSES")
    assert set(find(board, "bus stop")[:2]) == {ids["english"], ids["shelter"]}
    assert find(board, "ถนน")[0] == ids["road"]
    for odd in ("", " ", "\x00", "%", "_", "\\", "x" * 10_000, "²", "\u202e", "ก\u0301" * 50):
        find(board, odd)  # never an error
    assert find(board, "%") == [] and find(board, "") == []


def test_results_carry_highlight_pieces(board):
    hit = card_search.search_cards(board["member"], board["project"].id, "โรงพยาบาล")["results"][0]
    assert ("โรงพยาบาล", True) in hit["body"]
    long_body = "ข้อความ " * 200 + "คิวออนไลน์" + " ท้าย" * 200
    card = cards.create_card(board["member"], board["project"].id, {"stage": "ideate", "title": "ยาว",
                                                                      "body": long_body})
    hit = card_search.search_cards(board["member"], board["project"].id, "ออนไลน์")["results"][0]
    assert hit["card"].id == card.id and hit["body"][0] == ("…", False) and hit["body"][-1] == ("…", False)
    assert sum(len(piece) for piece, _marked in hit["body"]) < 200


def test_the_index_follows_every_write_path(board, world, factory):
    member, pid, facilitator = board["member"], board["project"].id, world["users"]["facilitator"]
    card_id = board["ids"]["road"]
    cards.update_card(member, card_id, {"title": "ไฟถนนดับ", "body": "มืดมาก"})  # REST / form edit
    assert card_id in find(board, "มืด") and card_id not in find(board, "น้ำท่วม")
    typist = Doc()
    typist.apply_update(base64.b64decode(text.text_state(member, card_id)["update"]))
    before = typist.get_state()
    typist.get("body", type=Text).insert(0, "สัญญาณไฟจราจร ")
    text.apply_text_update(member, card_id, base64.b64encode(typist.get_update(before)).decode())  # live typing
    assert find(board, "จราจร") == [card_id]
    cards.delete_card(member, card_id)
    assert card_id not in find(board, "จราจร")  # deleted cards never appear
    cards.restore_card(facilitator, card_id)
    assert find(board, "จราจร") == [card_id]
    registry.get("card.update").service(member, pid, {"id": card_id, "body": "ซ่อมเสร็จ"})  # the op, as sockets send it
    assert find(board, "จราจร") == [] and find(board, "ซ่อมเสร็จ") == [card_id]


def test_hidden_silent_notes_never_appear_until_revealed(board, world):
    facilitator, member, pid = world["users"]["facilitator"], board["member"], board["project"].id
    agenda = [{"stage": "empathize", "instruction": "Write.", "duration": 300, "kind": "silent_brainstorm"}]
    workshop = registry.get("workshop.create").service(facilitator, pid, {"title": "Silent", "agenda": agenda})
    registry.get("workshop.start").service(facilitator, pid, {"id": workshop.id})
    registry.get("note.add").service(member, pid, {"stage": "empathize", "title": "ความลับสุดยอด", "body": "ลับ"})
    for actor in (member, facilitator):
        assert find(board, "ความลับ", actor) == [] and find(board, "ลับ", actor) == []
    registry.get("workshop.reveal").service(facilitator, pid, {"id": workshop.id})
    assert len(find(board, "ความลับ")) == 1


def test_an_imported_board_is_searchable(board, world):
    facilitator = world["users"]["facilitator"]
    import orjson

    document = transfer.export_project(facilitator, board["project"].id)
    project, _warnings = transfer.import_project(SYSTEM, orjson.dumps(document))
    assert len(ids_of(card_search.search_cards(SYSTEM, project.id, "พยาบาล"))) == 2


def test_a_change_while_segmenting_is_not_lost(board, monkeypatch):
    card_id = board["ids"]["hospital"]
    cards.update_card(board["member"], card_id, {"body": "ข้อความเก่า"})
    real = card_index.card_words
    state = {"first": True}

    def racing(title, body):
        if state["first"]:  # another writer commits a new text while this one is being segmented
            state["first"] = False
            cards.update_card(board["member"], card_id, {"body": "ข้อความใหม่ล่าสุด"})
        return real(title, body)

    monkeypatch.setattr(card_index, "card_words", racing)
    card_index.index_all_queued(board["project"].id)
    db.session.rollback()
    queued = db.session.get(CardIndexQueue, card_id)
    assert queued is not None  # its newer version is still queued: the old words did not take its place
    monkeypatch.setattr(card_index, "card_words", real)
    assert find(board, "ล่าสุด") == [card_id] and find(board, "เก่า") == []


def test_queued_cards_beyond_the_catch_up_are_matched_on_their_text(board, monkeypatch):
    card_id = board["ids"]["english"]
    card_index.index_all_queued()
    cards.update_card(board["member"], card_id, {"title": "Ferry pier", "body": ""})
    monkeypatch.setattr(card_search, "CATCH_UP_MAX", 0)  # nothing is indexed by the search itself
    assert find(board, "ferry") == [card_id]  # its new text, though its words are not stored yet
    assert card_id not in find(board, "shade")  # and not its stale words
    monkeypatch.setattr(card_search, "CATCH_UP_MAX", 200)
    assert find(board, "ferry") == [card_id]


def test_a_group_commit_queues_each_card_once(board):
    member, pid = board["member"], board["project"].id
    card_id = board["ids"]["english"]
    card_index.index_all_queued()
    typist = Doc()
    typist.apply_update(base64.b64decode(text.text_state(member, card_id)["update"]))
    jobs = []
    for n, letter in enumerate("tram"):
        before = typist.get_state()
        typist.get("title", type=Text).insert(n, letter)
        update = base64.b64encode(typist.get_update(before)).decode()
        jobs.append(Job(actor=member, project_id=pid, client_op_id=f"t{n}", card_id=card_id,
                        run=lambda update=update: text.apply_text_update(member, card_id, update, in_project=pid)))
    run_batch(jobs)
    assert all(job.error is None for job in jobs)
    db.session.rollback()
    assert db.session.scalars(select(CardIndexQueue.card_id)).all() == [card_id]
    assert find(board, "trambus") == [card_id]


def test_members_observers_and_public_readers_may_search_others_get_404(client, world, board):
    users = world["users"]
    private_id, public_id = board["project"].id, world["public"]["project"].id
    for name in ("member", "observer", "facilitator", "admin"):
        assert find(board, "พยาบาล", users[name])
    for actor in (users["outsider"], None):
        with pytest.raises(NotFound):
            card_search.search_cards(actor, private_id, "พยาบาล")
    assert client.get(f"/projects/{private_id}/search?q=x").status_code == 404
    assert client.get(f"/api/v1/projects/{private_id}/search?q=x").status_code == 404
    outsider = token_for(client, users["outsider"])
    assert client.get(f"/api/v1/projects/{private_id}/search?q=x", headers=outsider).status_code == 404
    assert client.get(f"/api/v1/projects/{public_id}/search?q=card").status_code == 200  # a public board
    for bad in ("²", "0", "99999999999", str(2**64), "-1", "abc"):
        assert client.get(f"/api/v1/projects/{bad}/search?q=x").status_code in (404, 422)


def test_the_api_and_the_page(client, board):
    headers = token_for(client, board["member"])
    pid = board["project"].id
    answer = client.get(f"/api/v1/projects/{pid}/search", query_string={"q": "พยาบาล"}, headers=headers).get_json()
    assert [hit["card"]["id"] for hit in answer["results"]] == [board["ids"]["compound"], board["ids"]["hospital"]]
    assert answer["terms"] == ["พยาบาล"] and {"text": "พยาบาล", "match": True} in answer["results"][0]["title"]
    assert answer["results"][0]["score"] > answer["results"][1]["score"]
    assert client.get(f"/api/v1/projects/{pid}/search", headers=headers).get_json()["results"] == []
    login(client, board["member"])
    html = client.get(f"/projects/{pid}/search?q=โรงพยาบาล").get_data(as_text=True)
    assert "<mark>โรงพยาบาล</mark>" in html and f"card={board['ids']['hospital']}" in html
    assert "<script>alert" not in client.get(f"/projects/{pid}/search?q=<script>alert(1)</script>").get_data(
        as_text=True)
    assert "Search cards" in client.get(f"/projects/{pid}/board").get_data(as_text=True)


def test_the_cli_backfills_and_the_migration_queues_every_card(app, board, monkeypatch):
    from click.testing import CliRunner

    from govlab import cli

    monkeypatch.setattr(cli, "_app", lambda: app)
    db.session.execute(CardWord.__table__.delete())
    db.session.commit()
    result = CliRunner().invoke(cli.cli, ["search", "index", "--all"])
    assert result.exit_code == 0, result.output
    assert "Indexed" in result.output
    assert card_index.queued_count() == 0 and db.session.scalar(select(db.func.count()).select_from(CardWord)) > 10


def test_the_server_indexer_is_woken_by_a_commit_and_debounces(app, board, monkeypatch):
    import time

    from govlab import indexer

    monkeypatch.setattr(indexer, "DEBOUNCE", 0.05)
    card_index.index_all_queued()
    running = indexer.start_indexer(app)
    try:
        deadline = time.monotonic() + 10
        while running.passes < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        passes = running.passes
        cards.update_card(board["member"], board["ids"]["road"], {"body": "ไฟดับทั้งซอย"})
        while running.passes == passes and time.monotonic() < deadline:
            time.sleep(0.02)
        db.session.rollback()
        assert card_index.queued_count() == 0  # indexed by the woken loop, not by a search
        assert db.session.get(CardWord, (board["ids"]["road"], "ซอย")) is not None
    finally:
        running.stop()
        app.extensions.pop("govlab_card_indexer", None)


def test_a_pass_leaves_the_cards_queued_after_it_began_to_the_next_pass(app, board, monkeypatch):
    """People typing requeue their card with every op: a pass that took those too would segment the same card
    again and again for as long as they type."""
    from govlab import indexer

    card_index.index_all_queued()
    member, ids = board["member"], board["ids"]
    cards.update_card(member, ids["road"], {"body": "ไฟดับทั้งซอย"})  # queued before the pass
    real, keystrokes = card_index.card_words, []

    def someone_types_meanwhile(title, body):
        keystrokes.append(title)
        cards.update_card(member, ids["english"], {"body": f"Typing, keystroke {len(keystrokes)}"})
        return real(title, body)

    monkeypatch.setattr(card_index, "card_words", someone_types_meanwhile)
    monkeypatch.setattr(indexer, "CHUNK", 1)  # one card a chunk: every chunk may read the typed card again
    monkeypatch.setattr(indexer, "CHUNKS_PER_PASS", 50)
    assert indexer.CardIndexer(app).run_once() == 1
    assert keystrokes == ["ถนนหน้าบ้าน"]
    db.session.rollback()
    assert db.session.scalars(select(CardIndexQueue.card_id)).all() == [ids["english"]]  # for the next pass
    assert db.session.get(CardWord, (ids["road"], "ซอย")) is not None


def test_a_query_of_many_words_looks_up_a_few(board):
    from govlab.domain import thai_search

    many = " ".join(f"word{n}" for n in range(100))
    assert len(thai_search.query_terms(many)) == thai_search.TERMS_MAX
    assert find(board, many + " bus") == []  # "bus" is past the words looked up; nothing breaks
