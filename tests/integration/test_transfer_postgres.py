"""Export → import into an empty PostgreSQL database → export: equal apart from ids and times."""
from __future__ import annotations

from flask_migrate import upgrade

from govlab import create_app
from govlab.extensions import db
from govlab.models import Membership, Organisation
from govlab.services import transfer
from govlab.services.access import SYSTEM
from tests.conftest import make_config
from tests.transfer_support import chain_by_titles, normalise, rich_project


def test_round_trip_into_an_empty_postgres_database(app, postgres_url, tmp_path):
    _facilitator, pid, _titles = rich_project()  # the source: the default SQLite test database
    first = transfer.export_project(SYSTEM, pid)
    raw = transfer.export_json(first)
    url = postgres_url.replace("postgresql://", "postgresql+psycopg://")
    target = create_app(make_config(tmp_path / "pg", SQLALCHEMY_DATABASE_URI=url))
    with target.app_context():
        upgrade()  # the migrations, not create_all: the production schema (0008 included)
        project, warnings = transfer.import_project(SYSTEM, raw)
        second = transfer.export_project(SYSTEM, project.id)
        assert warnings == [] and Membership.query.count() == 0
        assert Organisation.query.count() == 3  # created by the CLI/system import: none existed
        again = transfer.export_project(SYSTEM, transfer.import_project(SYSTEM, transfer.export_json(second))[0].id)
        assert Organisation.query.count() == 3  # the second import matched them by name
        db.session.remove()
        db.engine.dispose()
    assert normalise(second) == normalise(first)
    assert normalise(again) == normalise(first)
    assert chain_by_titles(second)["links"] == chain_by_titles(first)["links"]
    assert chain_by_titles(second)["event_cards"] == chain_by_titles(first)["event_cards"]
    assert [e["created_at"] for e in second["events"]] == [e["created_at"] for e in first["events"]]
