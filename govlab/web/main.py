"""Home page, language switch and health check."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for
from flask_login import current_user
from sqlalchemy import text

from ..extensions import db
from ..security import is_safe_next
from ..services import accounts, projects

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    """Signed-in people go to their projects; others see the public challenges."""
    if current_user.is_authenticated:
        return redirect(url_for("projects.my_projects"))
    return render_template("index.html", public=projects.list_projects(None, scope="public"))


@bp.post("/language")
def set_language():
    """Switch the UI language (saved on the profile when signed in)."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
        if current_user.is_authenticated:
            accounts.update_profile(current_user, {"locale": locale})
    target = request.form.get("next")
    return redirect(target if is_safe_next(target) else url_for("main.index"))


@bp.get("/healthz")
def healthz():
    """Liveness with a database round trip."""
    db.session.execute(text("SELECT 1"))
    return jsonify({"status": "ok"})
