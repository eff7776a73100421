"""Sign in, sign out, register and profile."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..domain.errors import DomainError, NotConfirmed
from ..security import is_safe_next
from ..services import accounts, citizen_account, organisations, sessions
from .context import org_name
from ..i18n import current_locale
from .forms import ActionForm, LoginForm, ProfileForm, RegisterForm, form_id, show_error
from .limits import login_guard, register_limit

bp = Blueprint("auth", __name__)


def _org_choices() -> list[tuple[str, str]]:
    return [("", _("No organisation (citizen)"))] + [
        (str(org.id), org_name(org)) for org in organisations.list_organisations()]


def sign_in(user) -> None:
    """Start a fresh server-side session for the user in this browser (no session fixation)."""
    session.clear()
    sessions.start_session(user, request.remote_addr or "", request.user_agent.string)
    login_user(user)


@bp.route("/login", methods=["GET", "POST"])
@login_guard
def login():
    """The sign-in form; on success, back to where the person was going."""
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = accounts.authenticate(form.email.data, form.password.data)
        except NotConfirmed as error:
            # Only someone who knows the password gets here: offer to send the link again.
            session["unconfirmed_user"] = getattr(error, "user_id", None)
            show_error(form, error)
            return render_template("auth/login.html", form=form, unconfirmed=True, action_form=ActionForm()), 403
        except DomainError as error:
            show_error(form, error)
        else:
            session.pop("unconfirmed_user", None)
            sign_in(user)
            target = form.next.data
            return redirect(target if is_safe_next(target) else url_for(citizen_account.landing(user)))
    status = 401 if request.method == "POST" and (form.email.errors or form.form_errors) else 200
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
def logout():
    """Sign out of this browser: the session ends on the server, its live board connections close."""
    if current_user.is_authenticated:
        accounts.signed_out(current_user._get_current_object())
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("main.index"))


@bp.route("/register", methods=["GET", "POST"])
@register_limit
def register():
    """Create an account, confirmed by mail; the answer is the same whether or not the e-mail already had one."""
    form = RegisterForm()
    form.org_id.choices = _org_choices()
    if form.validate_on_submit():
        try:
            data = {"name": form.name.data or "", "email": form.email.data or "",
                    "password": form.password.data or "", "org_id": form_id(form.org_id.data, "org_id"),
                    "locale": session.get("locale")}
            accounts.register(data, mail_locale=current_locale())
        except DomainError as error:
            show_error(form, error)
        else:
            # The same page for a new and a taken address: registration does not reveal who has an account.
            session["mail_sent_to"] = (form.email.data or "").strip()[:254]
            return redirect(url_for("links.register_sent"))
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
                                                   "org_id": form_id(form.org_id.data, "org_id")})
        except DomainError as error:
            show_error(form, error)
        else:
            session.pop("locale", None)
            flash(_("Your profile has been saved."), "success")
            return redirect(url_for("auth.profile"))
    from .account import security_context

    return render_template("auth/profile.html", form=form, **security_context())
