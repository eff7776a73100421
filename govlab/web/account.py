"""Account security on the profile page: password change, signed-in browsers, personal API tokens, closing the
account."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from ..domain.errors import DomainError
from ..extensions import limiter
from ..models.base import utcnow
from ..services import account_closure, accounts, sessions
from .forms import AccountCloseForm, ActionForm, PasswordChangeForm, ProfileForm, TokenForm, show_error
from .limits import address_login_limit

bp = Blueprint("account", __name__, url_prefix="/profile")


def security_context(password_form: PasswordChangeForm | None = None, token_form: TokenForm | None = None,
                     new_token: str | None = None, notification_form=None, close_form: AccountCloseForm | None = None
                     ) -> dict:
    """What the profile page shows besides the profile form: sessions, tokens, notification e-mail, their forms."""
    from .notifications import settings_form

    return {"notification_form": settings_form(notification_form),"password_form": password_form or PasswordChangeForm(prefix="pw"),
            "token_form": token_form or TokenForm(prefix="tk"), "action_form": ActionForm(),
            "sessions": sessions.list_sessions(current_user),
            "current_session_hash": sessions.digest(current_user.session_key or ""),
            "tokens": sessions.list_tokens(current_user), "new_token": new_token, "now": utcnow(),
            "close_form": close_form or AccountCloseForm(prefix="close"),
            "projects_kept": account_closure.projects_taken_part_in(current_user)}


def _profile_page(**context):
    from .auth import _org_choices

    form = ProfileForm()
    form.org_id.choices = _org_choices()
    form.name.data, form.locale.data = current_user.name, current_user.locale or ""
    form.org_id.data = str(current_user.org_id or "")
    return render_template("auth/profile.html", form=form, **security_context(**context))


@bp.post("/password")
@login_required
def change_password():
    """Change one's password; every other browser and socket of the account is signed out."""
    form = PasswordChangeForm(prefix="pw")
    if form.validate_on_submit():
        try:
            ended = accounts.change_password(current_user, {"current": form.current.data or "",
                                                            "new": form.new.data or ""})
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Your password has been changed. You were signed out everywhere else (%(count)d).",
                    count=ended), "success")
            return redirect(url_for("auth.profile"))
    return _profile_page(password_form=form), 422


@bp.post("/sessions/<id:session_id>/end")
@login_required
def end_session(session_id: int):
    """Sign one of one's browsers out (its open boards close at once)."""
    if ActionForm().validate_on_submit():
        try:
            sessions.end_session_by_id(current_user, session_id)
        except DomainError as error:
            flash(_(error.message, **error.params), "error")
        else:
            flash(_("That browser has been signed out."), "success")
    return redirect(url_for("auth.profile"))  # to the top, where the message shows


@bp.post("/sessions/end-others")
@login_required
def end_other_sessions():
    """Sign out every browser but this one."""
    if ActionForm().validate_on_submit():
        count = sessions.end_other_sessions(current_user.id, current_user.session_key, "signed_out")
        flash(_("You were signed out everywhere else (%(count)d).", count=count), "success")
    return redirect(url_for("auth.profile"))  # to the top, where the message shows


@bp.post("/tokens")
@login_required
@limiter.limit(lambda: current_app.config["TOKEN_RATE_LIMIT"])
def create_token():
    """Create a named personal API token; its secret is shown once, on this page."""
    form = TokenForm(prefix="tk")
    if form.validate_on_submit():
        days = form.expires_in_days.data or ""
        try:
            token, _record = sessions.create_token(current_user, {
                "name": form.name.data or "",
                "expires_in_days": int(days) if days in ("30", "90", "365") else None})
        except DomainError as error:
            show_error(form, error)
        else:
            response = _profile_page(new_token=token)
            return response, 201, {"Cache-Control": "no-store"}
    return _profile_page(token_form=form), 422


@bp.post("/tokens/<id:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of one's tokens; scripts and sockets using it lose access at once."""
    if ActionForm().validate_on_submit():
        try:
            sessions.revoke_token(current_user, token_id)
        except DomainError as error:
            flash(_(error.message, **error.params), "error")
        else:
            flash(_("The token has been revoked."), "success")
    return redirect(url_for("auth.profile"))  # to the top, where the message shows


@bp.post("/close")
@login_required
@address_login_limit  # the password is checked: as limited as signing in
def close_account():
    """Close one's own account for good: contributions erased, every browser and socket signed out."""
    form = AccountCloseForm(prefix="close")
    if form.validate_on_submit():
        try:
            erased = account_closure.close_own_account(current_user._get_current_object(), {
                "password": form.password.data or "", "confirm": bool(form.confirm.data)})
        except DomainError as error:
            show_error(form, error)
        else:
            logout_user()
            session.clear()
            flash(_("Your account is closed, and %(count)d contribution(s) were erased with it.", count=erased),
                  "success")
            return redirect(url_for("main.index"))
    return _profile_page(close_form=form), 422
