"""Pages reached from mail: "check your inbox", confirm an address, forgot password, reset password.

Opening a link (GET) only shows a page; the link is used by the button or form on it (POST), so
mail scanners that fetch links do not spend them. Pages that carry a link's token in their URL
send no Referer and are not cached.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..domain.errors import DomainError
from ..domain.mail import LinkRefused
from ..i18n import current_locale
from ..services import account_links
from .forms import ActionForm, ForgotForm, ResetForm, show_error
from .limits import address_login_limit, mail_address_limit, mail_link_limit

bp = Blueprint("links", __name__)
PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def _refused(error: LinkRefused, purpose: str):
    """The page for a link that cannot be used, with the way to get a new one."""
    status = 400 if error.reason == "invalid" else 410
    return render_template("auth/link_refused.html", error=error, purpose=purpose), status, PRIVATE_HEADERS


@bp.get("/register/sent")
def register_sent():
    """After registering: the same page whether the address was new or already had an account."""
    return render_template("auth/check_inbox.html", what="register", email=session.get("mail_sent_to", ""))


@bp.route("/confirm/<token>", methods=["GET", "POST"])
@address_login_limit
def confirm(token: str):
    """Show the confirm button (GET); use the link (POST), then go to sign-in."""
    form = ActionForm()
    try:
        if request.method == "POST" and form.validate_on_submit():
            account_links.confirm(token)
            session.pop("unconfirmed_user", None)
            flash(_("Your e-mail address is confirmed. You can sign in now."), "success")
            return redirect(url_for("auth.login"))
        account_links.check(token, "confirm")
    except LinkRefused as error:
        return _refused(error, "confirm")
    return render_template("auth/confirm.html", form=form), 200, PRIVATE_HEADERS


@bp.post("/confirm/resend")
@mail_address_limit
@mail_link_limit
def resend():
    """Mail a new confirmation link to the unconfirmed account that just gave its right password here."""
    if ActionForm().validate_on_submit():
        account_links.resend_confirmation(session.get("unconfirmed_user"))
        flash(_("If your account still needs confirming, a new link is on its way to your inbox."), "success")
    return redirect(url_for("auth.login"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@mail_address_limit
@mail_link_limit
def forgot():
    """Ask for a reset link; the answer is the same whether or not an account uses the address."""
    form = ForgotForm()
    if form.validate_on_submit():
        try:
            account_links.request_reset(form.email.data or "", locale=current_locale())
        except DomainError as error:
            show_error(form, error)
        else:
            session["mail_sent_to"] = (form.email.data or "").strip()[:254]
            return redirect(url_for("links.forgot_sent"))
    return render_template("auth/forgot.html", form=form)


@bp.get("/password/forgot/sent")
def forgot_sent():
    """After asking for a reset link."""
    return render_template("auth/check_inbox.html", what="reset", email=session.get("mail_sent_to", ""))


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@address_login_limit
def reset(token: str):
    """Choose a new password through a reset link; every other browser and app is signed out."""
    form = ResetForm()
    try:
        if form.validate_on_submit():
            keep = current_user.session_key if current_user.is_authenticated else None
            try:
                account_links.reset_password(token, form.new.data or "", keep_session_key=keep)
            except LinkRefused:
                raise
            except DomainError as error:
                show_error(form, error)
            else:
                flash(_("Your password has been changed, and every other browser and app was signed out."),
                      "success")
                return redirect(url_for("projects.my_projects" if keep else "auth.login"))
        else:
            account_links.check(token, "reset")
    except LinkRefused as error:
        return _refused(error, "reset")
    status = 422 if form.new.errors else 200
    return render_template("auth/reset.html", form=form), status, PRIVATE_HEADERS
