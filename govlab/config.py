"""Settings read from GOVLAB_* environment variables, with safe defaults.

Nothing here raises at import time; `load_config` is called by `create_app`.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from . import jsoncodec

SUPPORTED_LOCALES = ("th", "en")
ASYNC_MODES = ("eventlet", "gevent", "threading")


def instance_dir(root: Path | None = None) -> Path:
    """Return the instance folder (GOVLAB_INSTANCE_PATH or ./instance), creating it if needed."""
    path = Path(os.environ.get("GOVLAB_INSTANCE_PATH") or (root or Path.cwd()) / "instance")
    path.mkdir(parents=True, exist_ok=True)
    return path


def persistent_secret_key(folder: Path) -> str:
    """Return the secret key kept in the instance folder, generating it on first use."""
    key_file = folder / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(48)
    # O_EXCL so that two workers starting at once agree on one key.
    try:
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def async_mode() -> str:
    """Return the configured Socket.IO async mode (eventlet by default)."""
    mode = os.environ.get("GOVLAB_ASYNC_MODE", "eventlet").strip().lower()
    return mode if mode in ASYNC_MODES else "eventlet"


def database_url(raw: str, mode: str) -> str:
    """Pick the PostgreSQL driver that cooperates with the async hub.

    psycopg2 (patched by psycogreen) under eventlet, psycopg 3 under gevent and threads.
    """
    if raw.startswith("postgres://"):
        raw = "postgresql://" + raw[len("postgres://"):]
    if raw.startswith("postgresql://"):
        driver = "psycopg2" if mode == "eventlet" else "psycopg"
        return f"postgresql+{driver}://" + raw[len("postgresql://"):]
    return raw


def _seconds(raw: str | None, default: float, low: float, high: float) -> float:
    """Seconds from the environment within (low, high]; the default when unset, malformed or out of range."""
    try:
        value = float(raw) if raw is not None else default
    except ValueError:
        return default
    return value if low < value <= high else default


def _count(raw: str | None, default: int) -> int:
    """A positive whole number from the environment (ASCII digits); the default when unset or malformed."""
    if raw is None or not raw.strip().isascii() or not raw.strip().isdigit() or int(raw) < 1:
        return default
    return int(raw)


GC_THRESHOLDS = (20000, 10, 10)


def _gc_thresholds(raw: str | None) -> tuple[int, int, int]:
    """The collector's three thresholds from "young,middle,old" (positive ASCII whole numbers, the first at most
    1,000,000); the default when unset or malformed."""
    parts = (raw or "").split(",")
    if len(parts) != 3 or not all(part.strip().isascii() and part.strip().isdigit() for part in parts):
        return GC_THRESHOLDS
    values = tuple(int(part) for part in parts)
    return values if all(value >= 1 for value in values) and values[0] <= 1_000_000 else GC_THRESHOLDS


def load_config(overrides: dict | None = None) -> dict:
    """Build the Flask config dict from the environment and the given overrides."""
    overrides = dict(overrides or {})
    env = os.environ
    folder = Path(overrides.get("INSTANCE_PATH") or instance_dir())
    folder.mkdir(parents=True, exist_ok=True)
    mode = overrides.get("ASYNC_MODE") or async_mode()
    raw_db = env.get("GOVLAB_DATABASE_URL") or f"sqlite:///{folder / 'govlab.sqlite3'}"
    locale = env.get("GOVLAB_DEFAULT_LOCALE", "th")
    secure = env.get("GOVLAB_SECURE_COOKIES", "").lower() in ("1", "true", "yes")
    origins = [o.strip() for o in env.get("GOVLAB_ALLOWED_ORIGINS", "").split(",") if o.strip()]
    config = {
        "INSTANCE_PATH": str(folder),
        "SECRET_KEY": env.get("GOVLAB_SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": database_url(raw_db, mode),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "json_serializer": jsoncodec.dumps,
                                      "json_deserializer": jsoncodec.loads},
        "REDIS_URL": env.get("GOVLAB_REDIS_URL") or None,
        "REDIS_CHANNEL": env.get("GOVLAB_REDIS_CHANNEL", "govlab"),
        "BABEL_DEFAULT_LOCALE": locale if locale in SUPPORTED_LOCALES else "th",
        "BABEL_DEFAULT_TIMEZONE": env.get("GOVLAB_TIMEZONE", "Asia/Bangkok"),
        "LANGUAGES": SUPPORTED_LOCALES,
        "ASYNC_MODE": mode,
        "ALLOWED_ORIGINS": origins,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
        # POST /api/v1/import only: a project file (10,000 cards and their Event log) is far bigger.
        "IMPORT_MAX_BYTES": _count(env.get("GOVLAB_IMPORT_MAX_MB"), 32) * 1024 * 1024,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": secure,
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": secure,
        "PREFERRED_URL_SCHEME": "https" if secure else "http",
        "WTF_CSRF_TIME_LIMIT": None,
        "RATELIMIT_ENABLED": env.get("GOVLAB_RATELIMIT", "on").lower() not in ("0", "off", "false"),
        "RATELIMIT_STORAGE_URI": env.get("GOVLAB_REDIS_URL") or "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,  # Redis down: limits per process, never a 500
        "LOGIN_RATE_LIMIT": env.get("GOVLAB_LOGIN_RATE_LIMIT", "10 per minute"),
        "LOGIN_ADDRESS_RATE_LIMIT": env.get("GOVLAB_LOGIN_ADDRESS_RATE_LIMIT", "120 per minute"),
        "REGISTER_RATE_LIMIT": env.get("GOVLAB_REGISTER_RATE_LIMIT", "60 per 10 minutes"),
        "TOKEN_RATE_LIMIT": env.get("GOVLAB_TOKEN_RATE_LIMIT", "30 per hour"),
        "MAIL_LINK_RATE_LIMIT": env.get("GOVLAB_MAIL_LINK_RATE_LIMIT", "5 per hour"),
        # Citizens (docs/deployment.md): contributions and supports per address; the form's minimum fill time.
        "CONTRIBUTION_RATE_LIMIT": env.get("GOVLAB_CONTRIBUTION_RATE_LIMIT", "10 per 10 minutes;60 per day"),
        "SUPPORT_RATE_LIMIT": env.get("GOVLAB_SUPPORT_RATE_LIMIT", "60 per 10 minutes"),
        "SEARCH_RATE_LIMIT": env.get("GOVLAB_SEARCH_RATE_LIMIT", "120 per minute"),  # board card searches
        "CONTRIBUTION_MIN_SECONDS": _seconds(env.get("GOVLAB_CONTRIBUTION_MIN_SECONDS"), 4.0, -1.0, 600.0),
        "CONTRIBUTION_RETENTION_DAYS": _count(env.get("GOVLAB_CONTRIBUTION_RETENTION_DAYS"), 730),
        # Workshop guests: wrong join codes tried per address (a room of 200 mistyping gets through; a guesser,
        # against 2**40 codes, does not), joins per address (one office address for a whole room), and the
        # time a code lasts past the workshop's planned end by default.
        "GUEST_CODE_RATE_LIMIT": env.get("GOVLAB_GUEST_CODE_RATE_LIMIT", "60 per 10 minutes;300 per day"),
        "GUEST_JOIN_RATE_LIMIT": env.get("GOVLAB_GUEST_JOIN_RATE_LIMIT", "300 per 10 minutes"),
        "GUEST_GRACE_MINUTES": _count(env.get("GOVLAB_GUEST_GRACE_MINUTES"), 60),
        # E-mail (docs/deployment.md). Without GOVLAB_SMTP_URL mails wait in the outbox (/admin/outbox).
        "SMTP_URL": env.get("GOVLAB_SMTP_URL") or None,
        "MAIL_FROM": env.get("GOVLAB_MAIL_FROM") or "GovLab <noreply@localhost>",
        "BASE_URL": (env.get("GOVLAB_BASE_URL") or "").rstrip("/") or None,
        "SMTP_TIMEOUT": _seconds(env.get("GOVLAB_SMTP_TIMEOUT"), 20.0, 0.0, 300.0),
        "MAIL_RETRY_BASE": _seconds(env.get("GOVLAB_MAIL_RETRY_BASE"), 30.0, 0.0, 86400.0),
        "MAIL_MAX_ATTEMPTS": _count(env.get("GOVLAB_MAIL_MAX_ATTEMPTS"), 12),
        "MAIL_POLL": _seconds(env.get("GOVLAB_MAIL_POLL"), 10.0, 0.0, 3600.0),
        "MAIL_LEASE": _seconds(env.get("GOVLAB_MAIL_LEASE"), 300.0, 0.0, 86400.0),
        # The daily digest of notifications leaves at this hour of each person's morning (their time zone).
        "DIGEST_HOUR": min(_count(env.get("GOVLAB_DIGEST_HOUR"), 7), 23),
        "WATCHERS_PER_ADDRESS": _count(env.get("GOVLAB_WATCHERS_PER_ADDRESS"), 500),
        "SEQ_HEARTBEAT": _seconds(env.get("GOVLAB_SEQ_HEARTBEAT"), 5.0, 0.0, 60.0),
        # One tick commits the queued socket ops as a group and emits one frame per board: <= 50 ms.
        "LIVE_TICK": _seconds(env.get("GOVLAB_LIVE_TICK"), 0.025, 0.0, 0.05),
        # Presence (who is here, who edits which card) goes out at most this often per board.
        "PRESENCE_TICK": _seconds(env.get("GOVLAB_PRESENCE_TICK"), 0.25, 0.0, 5.0),
        # `govlab run`: how many allocations start a collection of the youngest generation, and how many collections
        # of each generation start one of the next (docs/architecture.md, "Garbage collector").
        "GC_THRESHOLDS": _gc_thresholds(env.get("GOVLAB_GC_THRESHOLDS")),
        "TESTING": False,
    }
    config.update(overrides)
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = persistent_secret_key(folder)
    return config
