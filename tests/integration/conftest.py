"""Fixtures for the production path: a throw-away PostgreSQL database per test."""
from __future__ import annotations

import os
import uuid

import pytest


def _require(env: str) -> str:
    url = os.environ.get(env)
    if not url:
        pytest.skip(f"{env} is not set: PostgreSQL/Redis integration tests skipped")
    return url


@pytest.fixture
def postgres_url():
    """A fresh PostgreSQL database (created and dropped around the test); its plain URL."""
    import psycopg

    base = _require("GOVLAB_TEST_POSTGRES_URL")
    name = f"govlab_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = base.rpartition("/")
    yield f"{head}/{name}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_url():
    """The Redis service URL (tests must use their own channel names)."""
    return _require("GOVLAB_TEST_REDIS_URL")
