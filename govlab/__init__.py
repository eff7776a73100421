"""GovLab: design thinking boards for public-sector innovation labs."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Flask is imported lazily: `govlab run` must monkey-patch before anything loads.
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> "Flask":
    """Build and wire the application; nothing happens at import time."""
    from flask import Flask

    from . import database, errors, i18n, security
    from .config import load_config
    from .extensions import csrf, db, limiter, login_manager, migrate

    settings = load_config(config)
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"],
                template_folder=str(ROOT / "templates"), static_folder=str(ROOT / "static"))
    app.config.update(settings)
    from .urls import IdConverter

    app.url_map.converters["id"] = IdConverter

    db.init_app(app)
    database.tune_engines(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    login_manager.init_app(app)

    from .web import register_web
    from .api import register_api
    from .realtime import init_realtime

    register_web(app)
    register_api(app)
    init_realtime(app)
    return app
