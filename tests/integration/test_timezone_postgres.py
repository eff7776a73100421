"""On a PostgreSQL server whose time zone is not UTC (a Thai lab's server set to Asia/Bangkok): timestamps read
back are UTC, so what clients are sent says the right moment (it was local time with a Z: seven hours off)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import psycopg
import pytest

from govlab import create_app
from govlab.extensions import db
from govlab.models import Card
from govlab.services.serialize import card_to_dict
from tests.conftest import Factory, make_config


@pytest.fixture
def app(postgres_url, tmp_path):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f'ALTER DATABASE "{postgres_url.rsplit("/", 1)[-1]}" SET timezone TO \'Asia/Bangkok\'')
    application = create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=postgres_url.replace(
        "postgresql://", "postgresql+psycopg://")))
    with application.app_context():
        db.create_all()
        yield application
        db.session.remove()
        db.engine.dispose()


def test_timestamps_read_from_a_bangkok_server_are_sent_as_utc(app):
    factory = Factory()
    project = factory.project(visibility="public")
    card_id = factory.card(project, title="เวลา").id
    db.session.expunge_all()
    assert db.session.execute(db.text("SHOW timezone")).scalar_one() == "Asia/Bangkok"
    card = db.session.get(Card, card_id)
    assert card.created_at.utcoffset() == timedelta(0)
    sent = card_to_dict(card)["created_at"]
    moment = datetime.strptime(sent, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert abs(datetime.now(timezone.utc) - moment) < timedelta(minutes=5), sent
