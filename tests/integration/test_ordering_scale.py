"""Keys stay short through the real card service: 10,000 appends and 1,000 inserts at one spot, on
SQLite and PostgreSQL (the old keys passed the 64-character column after ~320 appends)."""
from __future__ import annotations

import itertools
import time

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, select

from govlab import create_app
from govlab.domain import ordering
from govlab.extensions import db
from govlab.models import Card, Event
from govlab.services import cards
from govlab.services.access import ActorRef
from govlab.services.batch import Job, run_batch
from tests.conftest import Factory, make_config

APPENDS, SAME_SPOT, CHUNK = 10_000, 1_000, 250
_op_ids = itertools.count()


def _run(actor, project_id: int, calls: list) -> list:
    """Apply the service calls in group commits of CHUNK; every one must succeed."""
    results = []
    for start in range(0, len(calls), CHUNK):
        # Unique op ids: run_batch answers jobs that share one (None included) as repeats of each other.
        jobs = [Job(actor=actor, project_id=project_id, client_op_id=f"op-{next(_op_ids)}", run=call)
                for call in calls[start:start + CHUNK]]
        run_batch(jobs)
        assert [job.error for job in jobs] == [None] * len(jobs)
        results += [job.ack["card"]["id"] for job in jobs]
    return results


def _lane(project_id: int, stage: str) -> list[tuple[int, str]]:
    query = select(Card.id, Card.position).where(Card.project_id == project_id, Card.stage == stage,
                                                 Card.deleted_at.is_(None))
    return sorted(db.session.execute(query).all(), key=lambda row: (row.position, row.id))


def _respaced(project_id: int) -> list[dict]:
    payloads = db.session.scalars(select(Event.payload).where(Event.project_id == project_id,
                                                              Event.type == "lane.respace"))
    return [card for payload in payloads for card in payload["cards"]]


def _append_is_cheap(actor, project_id: int) -> None:
    """With 10,000 cards in the lane an append reads one key, never the lane."""
    statements: list[str] = []

    def spy(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", spy)
    try:
        cards.create_card(actor, project_id, {"stage": "ideate", "title": "one more"})
    finally:
        event.remove(db.engine, "before_cursor_execute", spy)
    lane_reads = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM cards" in s
                  and "cards.stage" in s]
    assert len(lane_reads) == 1 and "LIMIT" in lane_reads[0].upper(), lane_reads


@pytest.fixture(params=["sqlite", "postgres"])
def board(request, tmp_path):
    """A migrated app (SQLite, or PostgreSQL through the `postgres_url` fixture) with one project."""
    config = make_config(tmp_path)
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        config = make_config(tmp_path, SQLALCHEMY_DATABASE_URI=url.replace("postgresql://", "postgresql+psycopg://"))
    app = create_app(config)
    with app.app_context():
        upgrade()
        facilitator = Factory().user()
        project = Factory().project(facilitator)
        db.session.commit()
        yield facilitator, project.id
        db.session.remove()
        db.engine.dispose()


def _report(capsys, text: str) -> None:
    with capsys.disabled():
        print(f"\n[{db.engine.dialect.name}] {text}")


def test_10000_appends_stay_short(board, capsys):
    facilitator, pid = board
    actor = ActorRef.of(facilitator)
    started, cpu = time.monotonic(), time.process_time()
    appended = _run(actor, pid, [
        (lambda n=n: cards.create_card(actor, pid, {"stage": "ideate", "title": f"a{n}"}))
        for n in range(APPENDS)])
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    lane = _lane(pid, "ideate")
    assert [row.id for row in lane] == appended
    longest = max(len(row.position) for row in lane)
    assert longest <= 4 and all(ordering.is_valid_key(row.position) for row in lane)
    assert _respaced(pid) == []
    _append_is_cheap(facilitator, pid)
    _report(capsys, f"{APPENDS} appends in {seconds:.1f}s ({cpu:.1f}s CPU here): longest key {longest}, "
                    f"last {lane[-1].position!r}")


def test_1000_inserts_at_one_spot_stay_short(board, capsys):
    facilitator, pid = board
    actor = ActorRef.of(facilitator)
    seed = _run(actor, pid, [(lambda n=n: cards.create_card(actor, pid, {"stage": "empathize", "title": f"s{n}"}))
                             for n in range(10)])
    movers = _run(actor, pid, [(lambda n=n: cards.create_card(actor, pid, {"stage": "test", "title": f"m{n}"}))
                               for n in range(SAME_SPOT // 2)])
    # Always right after card `anchor`, so each lands before the card inserted the time before. Half
    # are new cards, half are moves of cards from another lane.
    anchor = seed[3]
    calls = []
    for n in range(SAME_SPOT):
        if n % 2:
            calls.append(lambda card_id=movers[n // 2]: cards.update_card(
                actor, card_id, {"stage": "empathize", "after": anchor}, in_project=pid))
        else:
            calls.append(lambda n=n: cards.create_card(actor, pid, {"stage": "empathize", "title": f"i{n}",
                                                                    "after": anchor}))
    started, cpu = time.monotonic(), time.process_time()
    inserted = _run(actor, pid, calls)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    lane = _lane(pid, "empathize")
    assert [row.id for row in lane] == seed[:4] + inserted[::-1] + seed[4:]
    assert all(ordering.is_valid_key(row.position) for row in lane)
    longest = max(len(row.position) for row in lane)
    assert longest <= ordering.SOFT_LIMIT
    rekeyed = _respaced(pid)
    assert rekeyed, "inserts at one spot must have re-keyed some neighbours"
    # Each re-keyed card's snapshot carries its bumped version and new key.
    assert all(snapshot["version"] > 1 and ordering.is_valid_key(snapshot["position"]) for snapshot in rekeyed)
    events = db.session.scalar(select(db.func.count()).where(Event.type == "lane.respace"))
    _report(capsys, f"{SAME_SPOT} inserts at one spot in {seconds:.1f}s ({cpu:.1f}s CPU here): longest key {longest}, "
                    f"{len(rekeyed)} rows re-keyed in {events} lane.respace events")


@pytest.mark.parametrize("op", ["create", "move"])
@pytest.mark.parametrize("field", ["after", "before"])
def test_a_shared_key_is_repaired_locally(app, field, op):
    facilitator = Factory().user()
    project = Factory().project(facilitator)
    made = [Factory().card(project, stage="ideate", title=f"c{n}").id for n in range(6)]
    mover = Factory().card(project, stage="test", title="mover").id
    # Two writers once left cards 2 and 3 with one key (the row lock prevents it; the net stays).
    twin = db.session.get(Card, made[2]).position
    db.session.get(Card, made[3]).position = twin
    db.session.commit()
    versions = {card_id: db.session.get(Card, card_id).version for card_id in made}
    anchor = made[2] if field == "after" else made[3]
    if op == "create":
        card_id = cards.create_card(facilitator, project.id, {"stage": "ideate", "title": "new", field: anchor}).id
    else:
        card_id = cards.update_card(facilitator, mover, {"stage": "ideate", field: anchor}).id
    lane = _lane(project.id, "ideate")
    assert [row.id for row in lane] == made[:3] + [card_id] + made[3:]
    assert len({row.position for row in lane}) == len(lane)
    events = db.session.execute(select(Event.type, Event.payload).where(Event.project_id == project.id)
                                .order_by(Event.seq.desc()).limit(2)).all()
    assert [event.type for event in events] == [f"card.{op}", "lane.respace"]
    respace = events[1].payload
    assert respace["stage"] == "ideate" and respace["cards"]
    for snapshot in respace["cards"]:
        assert snapshot["version"] == versions[snapshot["id"]] + 1
        assert snapshot["position"] == db.session.get(Card, snapshot["id"]).position
