"""Settings from the environment: safe defaults, never a crash."""
from govlab.config import database_url, load_config


def test_defaults(tmp_path, monkeypatch):
    for name in ("GOVLAB_DATABASE_URL", "GOVLAB_SECRET_KEY", "GOVLAB_REDIS_URL", "GOVLAB_DEFAULT_LOCALE"):
        monkeypatch.delenv(name, raising=False)
    config = load_config({"INSTANCE_PATH": str(tmp_path)})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'govlab.sqlite3'}"
    assert config["BABEL_DEFAULT_LOCALE"] == "th"
    assert config["REDIS_URL"] is None


def test_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVLAB_SECRET_KEY", raising=False)
    first = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    second = load_config({"INSTANCE_PATH": str(tmp_path)})["SECRET_KEY"]
    assert first == second and len(first) >= 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_malformed_values_fall_back(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVLAB_DEFAULT_LOCALE", "fr")
    monkeypatch.setenv("GOVLAB_LIVE_TICK", "soon")
    config = load_config({"INSTANCE_PATH": str(tmp_path)})
    assert config["BABEL_DEFAULT_LOCALE"] == "th" and config["LIVE_TICK"] == 0.025


def test_the_live_tick_stays_within_50_ms(tmp_path, monkeypatch):
    for raw, expected in (("0.01", 0.01), ("0.05", 0.05), ("0.2", 0.025), ("0", 0.025), ("-1", 0.025)):
        monkeypatch.setenv("GOVLAB_LIVE_TICK", raw)
        assert load_config({"INSTANCE_PATH": str(tmp_path)})["LIVE_TICK"] == expected


def test_garbage_collector_thresholds_are_three_positive_whole_numbers(tmp_path, monkeypatch):
    monkeypatch.delenv("GOVLAB_GC_THRESHOLDS", raising=False)
    assert load_config({"INSTANCE_PATH": str(tmp_path)})["GC_THRESHOLDS"] == (20000, 10, 10)
    for raw, expected in (("700,10,10", (700, 10, 10)), (" 5000, 20 ,30", (5000, 20, 30)),
                          ("700,10", (20000, 10, 10)), ("0,10,10", (20000, 10, 10)), ("-1,10,10", (20000, 10, 10)),
                          ("７００,10,10", (20000, 10, 10)), ("2000000,10,10", (20000, 10, 10)),
                          ("a,b,c", (20000, 10, 10)), ("", (20000, 10, 10))):
        monkeypatch.setenv("GOVLAB_GC_THRESHOLDS", raw)
        assert load_config({"INSTANCE_PATH": str(tmp_path)})["GC_THRESHOLDS"] == expected, raw


def test_postgres_driver_follows_the_async_mode():
    assert database_url("postgresql://h/db", "eventlet") == "postgresql+psycopg2://h/db"
    assert database_url("postgres://h/db", "gevent") == "postgresql+psycopg://h/db"
    assert database_url("sqlite:///x", "eventlet") == "sqlite:///x"
