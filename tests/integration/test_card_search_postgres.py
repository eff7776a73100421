"""On PostgreSQL: the queue upsert, concurrent indexers taking each queued card once, search, and the
history of a citizen's contribution read from Event payloads (JSON paths)."""
from __future__ import annotations

import threading

from sqlalchemy import select

from govlab import create_app
from govlab.extensions import db
from govlab.models import CardIndexQueue, CardWord, Contribution
from govlab.services import card_index, card_search, cards, challenges, citizen_account, contributions, moderation
from tests.conftest import Factory, make_config


def _app(postgres_url, tmp_path):
    return create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=postgres_url.replace(
        "postgresql://", "postgresql+psycopg://"), CONTRIBUTION_MIN_SECONDS=0))


def test_queue_indexers_and_search_on_postgres(postgres_url, tmp_path):
    app = _app(postgres_url, tmp_path)
    with app.app_context():
        db.create_all()
        factory = Factory()
        facilitator = factory.user()
        project = factory.project(facilitator)
        made = [factory.card(project, title=f"โรงพยาบาลชุมชน {n}", body="ห้องพยาบาล bus stop").id for n in range(120)]
        cards.update_card(facilitator, made[0], {"title": "ไฟถนนดับ"})  # re-queued: one row per card
        assert card_index.queued_count() == 120
        start = threading.Barrier(3)
        read = []

        def indexer():
            with app.app_context():
                start.wait()
                read.append(card_index.index_all_queued())
                db.session.remove()

        threads = [threading.Thread(target=indexer) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        db.session.rollback()
        assert card_index.queued_count() == 0 and sum(read) >= 120
        assert db.session.scalar(select(db.func.count()).select_from(CardWord).where(CardWord.card_id == made[1])) >= 4
        found = card_search.search_cards(facilitator, project.id, "พยาบาล")["results"]
        assert len(found) == card_search.RESULTS_MAX and found[0]["score"] == 3.0
        assert [hit["card"].id for hit in card_search.search_cards(facilitator, project.id, "ไฟถนน")["results"]] \
            == [made[0]]
        assert card_search.search_cards(facilitator, project.id, "BUS")["results"]
        db.session.remove()
        db.engine.dispose()


def test_contribution_history_on_postgres(postgres_url, tmp_path):
    app = _app(postgres_url, tmp_path)
    with app.app_context(), app.test_request_context("/"):
        db.create_all()
        factory = Factory()
        facilitator, citizen = factory.user(), factory.user()
        project = factory.project(facilitator, visibility="public")
        challenges.update_page(facilitator, project.id, {"idea_opens_on": "2020-01-01"})
        contribution, _token = contributions.submit(citizen, project.id, "idea", {
            "text": "อยากให้มีคิวออนไลน์ที่โรงพยาบาล", "consent": True, "stamp": contributions.form_stamp()}, "10.0.0.1")
        moderation.approve(facilitator, project.id, {"id": contribution.id})
        rows = citizen_account.my_contributions(citizen)
        assert [status for _at, status in rows[0]["history"]] == ["received", "published"]
        assert db.session.get(Contribution, contribution.id).user_id == citizen.id
        assert db.session.query(CardIndexQueue).count() == 0
        db.session.remove()
        db.engine.dispose()
