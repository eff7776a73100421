"""Sign in, sign out, register and profile."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..domain.errors import DomainError
from ..extensions import limiter
from ..security import is_safe_next
from ..services import accounts, organisations
from .context import org_name
from .forms import LoginForm, ProfileForm, RegisterForm, show_error

bp = Blueprint("auth", __name__)


def _org_choices() -> list[tuple[str, str]]:
    return [("", _("No organisation (citizen)"))] + [
        (str(org.id), org_name(org)) for org in organisations.list_organisations()]


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    """The sign-in form; on success, back to where the person was going."""
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            show_error(form, error)
        else:
            session.clear()  # a fresh session on sign-in: no fixation
            login_user(user)
            target = form.next.data
            return redirect(target if is_safe_next(target) else url_for("projects.my_projects"))
    status = 401 if request.method == "POST" and (form.email.errors or form.form_errors) else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
def logout():
    """Sign out of this browser (its live board connections are dropped too)."""
    if current_user.is_authenticated:
        accounts.signed_out(current_user.id)
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Create an account and sign in."""
    form = RegisterForm()
    form.org_id.choices = _org_choices()
    if form.validate_on_submit():
        data = {"name": form.name.data or "", "email": form.email.data or "",
                "password": form.password.data or "", "org_id": form.org_id.data or None,
                "locale": session.get("locale")}
        try:
            user = accounts.register(data)
        except DomainError as error:
            show_error(form, error)
        else:
            session.clear()
            login_user(user)
            flash(_("Welcome to GovLab, %(name)s!", name=user.name), "success")
            return redirect(url_for("projects.my_projects"))
    return render_template("auth/register.html", form=form)


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """One's own name, language and organisation."""
    form = ProfileForm(obj=None)
    form.org_id.choices = _org_choices()
    if request.method == "GET":
        form.name.data = current_user.name
        form.locale.data = current_user.locale or ""
        form.org_id.data = str(current_user.org_id or "")
    if form.validate_on_submit():
        try:
            accounts.update_profile(current_user, {"name": form.name.data or "",
                                                   "locale": form.locale.data or None,
                                                   "org_id": form.org_id.data or None})
        except DomainError as error:
            show_error(form, error)
        else:
            session.pop("locale", None)
            flash(_("Your profile has been saved."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form)
