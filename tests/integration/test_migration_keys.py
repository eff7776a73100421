"""Migration 0004 re-keys old base-36 positions into the fractional-indexing format, order kept."""
from __future__ import annotations

import importlib.util
import pathlib
import random

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, update

from govlab import create_app
from govlab.domain import ordering
from govlab.extensions import db
from govlab.models import Card
from tests.conftest import Factory, make_config

MIGRATION = pathlib.Path(__file__).parents[2] / "migrations" / "versions" / "0004_fractional_indexing_keys.py"


def _migration():
    spec = importlib.util.spec_from_file_location("migration_0004", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _old_append_keys(count: int) -> list[str]:
    """What the old code stored for `count` appends (it grew a character about every five)."""
    old, keys, last = _migration(), [], ""
    for _ in range(count):
        last = old._old_midpoint(last, None)
        keys.append(last)
    return keys


def _lanes() -> dict[tuple, list[int]]:
    rows = db.session.execute(select(Card.project_id, Card.stage, Card.position, Card.id)).all()
    lanes: dict[tuple, list] = {}
    for row in sorted(rows, key=lambda r: (r.position, r.id)):
        lanes.setdefault((row.project_id, row.stage), []).append(row.id)
    return lanes


def _round_trip(app) -> None:
    with app.app_context():
        upgrade()
        facilitator = Factory().user()
        first, second = Factory().project(facilitator), Factory().project(facilitator)
        ids = [Factory().card(first, stage="ideate", title=f"c{n}").id for n in range(120)]
        ids += [Factory().card(second, stage=stage, title=stage).id for stage in ("empathize", "test")]
        db.session.commit()
        downgrade(revision="0003")
        # Old-format keys in a shuffled order, a deleted card among them and two cards sharing a key.
        old = _old_append_keys(len(ids))
        rng = random.Random(4)
        rng.shuffle(old)
        old[5] = old[6]
        for card_id, key in zip(ids, old, strict=True):
            db.session.execute(update(Card).where(Card.id == card_id).values(position=key))
        db.session.execute(update(Card).where(Card.id == ids[7]).values(deleted_at=db.func.now()))
        db.session.commit()
        assert max(map(len, old)) > 20  # long old keys are the ones the issue is about
        before = _lanes()
        db.session.remove()
        upgrade()
        assert _lanes() == before
        positions = db.session.scalars(select(Card.position)).all()
        assert all(ordering.is_valid_key(key) for key in positions)
        assert max(map(len, positions)) <= 3
        assert len(set(positions)) < len(positions)  # one set of keys per lane: lanes may reuse "a0"
        db.session.remove()
        downgrade(revision="0003")
        assert _lanes() == before
        old_positions = db.session.scalars(select(Card.position)).all()
        assert all(key.isalnum() and key == key.lower() and not key.endswith("0") for key in old_positions)
        assert max(map(len, old_positions)) <= 8  # the downgrade bisects, so old keys stay short too
        db.session.remove()
        upgrade()
        assert _lanes() == before
        db.session.remove()
        db.engine.dispose()


def test_sqlite_rekeys_old_positions(tmp_path):
    _round_trip(create_app(make_config(tmp_path)))


def test_postgres_rekeys_old_positions(postgres_url, tmp_path):
    url = postgres_url.replace("postgresql://", "postgresql+psycopg://")
    _round_trip(create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=url)))


@pytest.mark.parametrize("count", [0, 1, 2, 7, 100, 1_000])
def test_old_keys_for_the_downgrade_are_increasing(count):
    keys = _migration()._old_keys("", None, count)
    assert keys == sorted(keys) and len(set(keys)) == count
