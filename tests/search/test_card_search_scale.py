"""10,000 cards on one board: everything is indexed and found, and a search's work does not grow with the board.

Its speed is measured by bench/search.py, not here: a wall-clock bound in a shared test run fails on
whatever else the machine does (a 0.09 s search once took 4.7 s next to the browser tests).
"""
from __future__ import annotations

import random

from sqlalchemy import event, func, insert, select

from govlab.extensions import db
from govlab.models import Card, CardWord
from govlab.models.base import utcnow
from govlab.services import card_index, card_search

WORDS = ["โรงพยาบาล", "ชุมชน", "รอ", "นาน", "ถนน", "น้ำท่วม", "ไฟฟ้า", "ขยะ", "รถเมล์", "ป้าย", "คิว", "ออนไลน์",
         "bus", "stop", "queue", "clinic", "ห้องพยาบาล", "โรงเรียน", "ตลาด", "สวน", "ทางเท้า", "จักรยาน"]
QUERIES = ("โรงพยาบาล", "พยาบาล", "bus stop", "น้ำ", "ก", "เครื่องฉาย", "ไม่มีคำนี้เลย")
CARDS = 10_000


def card_rows(project_id: int, count: int, seed: int = 7) -> list[dict]:
    """`count` cards of random Thai and English words for a bulk insert (as an import would make them)."""
    rng = random.Random(seed)
    now = utcnow()
    return [{"project_id": project_id, "stage": "empathize", "kind": "insight", "color": "yellow",
             "title": "".join(rng.choice(WORDS) for _ in range(3)),
             "body": " ".join("".join(rng.choice(WORDS) for _ in range(4)) for _ in range(3)),
             "position": f"a{n:06d}", "version": 1, "created_at": now, "updated_at": now} for n in range(count)]


def _search_work(member, project_id: int, query: str) -> tuple[dict, int, int]:
    """(the answer, SQL statements it ran, cards it loaded as objects)."""
    statements, loaded = [], []

    def count_statement(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip()[:6].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE"):  # not BEGIN
            statements.append(statement)

    def count_card(target, context):
        loaded.append(target.id)

    event.listen(db.engine, "before_cursor_execute", count_statement)
    event.listen(Card, "load", count_card)
    try:
        for card in [item for item in db.session if isinstance(item, Card)]:
            db.session.expunge(card)  # a card already in the session would not be loaded again
        found = card_search.search_cards(member, project_id, query)
    finally:
        event.remove(db.engine, "before_cursor_execute", count_statement)
        event.remove(Card, "load", count_card)
    return found, len(statements), len(loaded)


def test_ten_thousand_cards(world):
    project_id = world["private"]["project"].id
    member = world["users"]["member"]
    card_index.index_all_queued()  # the board's own cards, so the counts below compare like with like
    small = {query: _search_work(member, project_id, query)[1] for query in QUERIES}

    rows = card_rows(project_id, CARDS)
    rows[1234]["title"] = "เครื่องฉายภาพดิจิทัลเสีย"
    db.session.execute(insert(Card), rows)
    db.session.commit()
    queued = card_index.queue_everything()
    assert queued > CARDS
    first, _statements, loaded = _search_work(member, project_id, "เครื่องฉาย")
    # It indexes a few queued cards and matches the rest on their raw text: right at once.
    assert [hit["card"].title for hit in first["results"]] == ["เครื่องฉายภาพดิจิทัลเสีย"]
    assert card_index.queued_count() == queued - card_search.CATCH_UP_MAX
    card_index.index_all_queued()
    assert card_index.queued_count() == 0
    assert db.session.scalar(select(func.count()).select_from(CardWord)) > CARDS * 5

    for query in QUERIES:
        found, statements, loaded = _search_work(member, project_id, query)
        assert len(found["results"]) <= card_search.RESULTS_MAX
        # As many statements as on a board of one card, and no more cards read than it answers with.
        assert statements == small[query], (query, statements, small[query])
        assert loaded == len(found["results"]), (query, loaded)
    assert len(_search_work(member, project_id, "พยาบาล")[0]["results"]) == card_search.RESULTS_MAX
    assert _search_work(member, project_id, "ไม่มีคำนี้เลย")[0]["results"] == []
    ranked = card_search.search_cards(member, project_id, "พยาบาล")["results"]
    assert ranked and ranked[0]["score"] >= ranked[-1]["score"]
