"""Alembic migrations: upgrade → downgrade → upgrade on SQLite and PostgreSQL, and no drift from the models."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from govlab import create_app
from govlab.extensions import db
from tests.conftest import Factory, make_config

TABLES = {"organisations", "users", "api_tokens", "projects", "memberships", "cards", "events", "op_receipts",
          "card_text_updates"}


def _round_trip(app) -> None:
    with app.app_context():
        upgrade()
        assert TABLES <= set(inspect(db.engine).get_table_names())
        facilitator = Factory().user()
        Factory().card(Factory().project(facilitator), title="survives upgrade")
        db.session.remove()
        downgrade(revision="base")
        assert not TABLES & set(inspect(db.engine).get_table_names())
        upgrade()
        assert TABLES <= set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, db.metadata)
        assert diff == [], f"models and migrations differ: {diff}"
        db.session.remove()
        db.engine.dispose()


def test_sqlite_round_trip(tmp_path):
    _round_trip(create_app(make_config(tmp_path)))


def test_postgres_round_trip(postgres_url, tmp_path):
    url = postgres_url.replace("postgresql://", "postgresql+psycopg://")
    _round_trip(create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=url)))


def test_accounts_that_exist_before_mail_confirmation_count_as_confirmed(tmp_path):
    from sqlalchemy import text

    app = create_app(make_config(tmp_path))
    with app.app_context():
        upgrade(revision="0005")
        with db.engine.begin() as connection:
            connection.execute(text("INSERT INTO users (email, name, password_hash, is_admin, is_disabled, created_at)"
                                    " VALUES ('old@example.org', 'Old', 'x', 0, 0, '2024-01-02 03:04:05')"))
        upgrade()
        with db.engine.connect() as connection:
            confirmed = connection.execute(text("SELECT confirmed_at FROM users")).scalar_one()
        assert confirmed is not None and str(confirmed).startswith("2024-01-02")
        db.engine.dispose()
