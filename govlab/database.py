"""Engine tuning: SQLite pragmas for concurrent use and BEGIN IMMEDIATE for write transactions."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db


def _tune_sqlite(engine: Engine) -> None:
    """WAL, busy_timeout, foreign keys and NORMAL sync on every connection; explicit BEGINs."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's "begin" event emit BEGIN itself (the pysqlite recipe).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Writers take the lock up front: a deferred BEGIN that upgrades later can fail at once
        # with SQLITE_BUSY (stale snapshot) instead of waiting its turn.
        write = connection.get_execution_options().get("govlab_write")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def tune_engines(app: Flask) -> None:
    """Apply per-dialect tuning to the app's engine."""
    with app.app_context():
        engine = db.engine
        if engine.dialect.name == "sqlite":
            _tune_sqlite(engine)
