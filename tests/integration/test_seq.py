"""Seq stays gap-free and increasing with concurrent writers: threads on SQLite, processes on PostgreSQL."""
from __future__ import annotations

import multiprocessing
import threading

from sqlalchemy import select

from govlab import create_app
from govlab.extensions import db
from govlab.models import Card, Event
from govlab.services import cards
from govlab.services.access import SYSTEM
from tests.conftest import Factory, make_config

WRITERS, PER_WRITER = 6, 15


def _write_cards(app, project_id: int, user_id: int, writer: int, errors: list) -> None:
    with app.app_context():
        from govlab.models import User

        user = db.session.get(User, user_id)
        try:
            for index in range(PER_WRITER):
                card = cards.create_card(user, project_id, {"stage": "ideate", "title": f"w{writer}-{index}"})
                cards.update_card(user, card.id, {"stage": "prototype", "after": None})
        except Exception as error:  # pragma: no cover - reported below
            errors.append(repr(error))
        finally:
            db.session.remove()


def _assert_gap_free(project_id: int) -> None:
    seqs = db.session.scalars(select(Event.seq).where(Event.project_id == project_id).order_by(Event.seq)).all()
    assert seqs == list(range(1, len(seqs) + 1))
    count = db.session.scalar(select(db.func.count()).select_from(Card).where(Card.project_id == project_id))
    assert count == WRITERS * PER_WRITER
    assert len(seqs) == 1 + 2 * WRITERS * PER_WRITER  # project.create + create and move per card
    positions = db.session.scalars(select(Card.position).where(Card.project_id == project_id)).all()
    assert len(set(positions)) == len(positions), "two cards got the same place"


def test_threads_on_sqlite(app):
    facilitator = Factory().user()
    project = Factory().project(facilitator)
    errors: list = []
    threads = [threading.Thread(target=_write_cards, args=(app, project.id, facilitator.id, n, errors))
               for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    db.session.rollback()  # end the test's read snapshot to see the writers' commits
    _assert_gap_free(project.id)


def _process_writer(url: str, instance: str, project_id: int, user_id: int, writer: int, queue) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "INSTANCE_PATH": instance, "SECRET_KEY": "x",
                      "ASYNC_MODE": "threading", "RATELIMIT_ENABLED": False})
    errors: list = []
    _write_cards(app, project_id, user_id, writer, errors)
    queue.put(errors)


def test_processes_on_postgres(postgres_url, tmp_path):
    from flask_migrate import upgrade

    url = postgres_url.replace("postgresql://", "postgresql+psycopg://")
    app = create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=url))
    with app.app_context():
        upgrade()
        facilitator = Factory().user()
        project = Factory().project(facilitator)
        project_id, user_id = project.id, facilitator.id
        db.session.remove()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    processes = [context.Process(target=_process_writer, args=(url, str(tmp_path), project_id, user_id, n, queue))
                 for n in range(WRITERS)]
    for process in processes:
        process.start()
    results = [queue.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    assert results == [[]] * WRITERS
    with app.app_context():
        _assert_gap_free(project_id)
        assert SYSTEM.is_admin
        db.session.remove()
        db.engine.dispose()
