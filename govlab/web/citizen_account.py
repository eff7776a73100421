"""A citizen's light account: sign up from a public page, "My contributions", copy, erasure and claiming.

Every page works without JavaScript (forms and <details>), phone first. Pages with personal data are
not cached and send no Referer.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, make_response, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField

from ..domain.errors import DomainError
from ..domain.mail import LinkRefused
from ..extensions import limiter
from ..i18n import current_locale, translate
from ..services import accounts, challenges, citizen_account
from .citizens import labels
from .forms import ActionForm, show_error
from .limits import address_login_limit, register_limit

bp = Blueprint("citizen_account", __name__)
PRIVATE_HEADERS = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}
# A claim link is mailed to the account's own address: a few per account and hour, so nobody floods it.
claim_mail_limit = limiter.shared_limit("5 per hour", scope="claim-mail", methods=["POST"],
                                        key_func=lambda: f"user:{getattr(current_user, 'id', '')}")


class CitizenRegisterForm(FlaskForm):
    """A citizen's account: no organisation asked."""

    name = StringField(_l("Your name"))
    email = EmailField(_l("E-mail"))
    password = PasswordField(_l("Password (at least 8 characters)"))


def _private(body, status: int = 200) -> Response:
    response = make_response(body, status)
    response.headers.update(PRIVATE_HEADERS)
    return response


@bp.route("/citizen/register", methods=["GET", "POST"])
@register_limit
def register():
    """Create a citizen account (e-mail and password, confirmed by mail); the same answer for a taken address."""
    if current_user.is_authenticated:
        return redirect(url_for("citizen_account.mine"))
    form = CitizenRegisterForm()
    challenge = None
    ref = request.args.get("from", "")
    if ref and len(ref) <= 60:
        try:
            challenge = challenges.public_page(ref)["project"]
        except DomainError:
            challenge = None
    if form.validate_on_submit():
        try:
            accounts.register({"name": form.name.data or "", "email": form.email.data or "",
                               "password": form.password.data or "", "org_id": None,
                               "locale": session.get("locale")}, mail_locale=current_locale())
        except DomainError as error:
            show_error(form, error)
        else:
            session["mail_sent_to"] = (form.email.data or "").strip()[:254]
            return redirect(url_for("links.register_sent"))
    status = 422 if request.method == "POST" else 200
    return render_template("citizens/register.html", form=form, challenge=challenge), status


@bp.get("/me/contributions")
@login_required
def mine():
    """Every contribution of the signed-in person across challenges, with its status and history."""
    rows = citizen_account.my_contributions(current_user)
    return _private(render_template("citizens/mine.html", rows=rows, labels=labels(), action_form=ActionForm()))


@bp.get("/me/contributions/data.json")
@login_required
def download_all():
    """Everything stored about the person as a citizen (account and contributions), as JSON."""
    response = _private(citizen_account.export_account(current_user))
    response.mimetype = "application/json"
    response.headers["Content-Disposition"] = 'attachment; filename="govlab-my-contributions.json"'
    return response


@bp.get("/me/contributions/<id:contribution_id>/data.json")
@login_required
def download(contribution_id: int):
    """Everything stored about one of the person's contributions, as JSON (404 for anyone else's)."""
    response = _private(citizen_account.export_one(current_user, contribution_id))
    response.mimetype = "application/json"
    response.headers["Content-Disposition"] = f'attachment; filename="govlab-contribution-{contribution_id}.json"'
    return response


def _back(message: str, category: str = "success"):
    flash(message, category)
    return redirect(url_for("citizen_account.mine"))


@bp.post("/me/contributions/<id:contribution_id>/erase")
@login_required
def erase(contribution_id: int):
    """Erase one of the person's contributions (and its text unless they keep it with the s.26 consent)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        citizen_account.erase_own(current_user, contribution_id, keep_text=request.form.get("keep_text") == "yes")
    except DomainError as error:
        if error.code == "not_found":
            raise
        return _back(translate(error.message, error.params), "error")
    return _back(_("Your data in this contribution is erased."))


@bp.post("/me/contributions/erase")
@login_required
def erase_all():
    """Erase every contribution of the person (asks for a ticked box: there is no undo)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    if request.form.get("confirm") != "yes":
        return _back(_("Tick the box to confirm that you want to erase all your contributions."), "error")
    count = citizen_account.erase_all(current_user)
    return _back(_("Erased: %(count)d contribution(s).", count=count))


@bp.post("/me/contributions/claim")
@login_required
@claim_mail_limit
def request_claim():
    """Mail the account a link to add the contributions sent earlier with its address (the same answer always)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    citizen_account.request_claim(current_user, current_locale())
    return _back(_("We have sent a mail to %(email)s. If contributions were sent with this address before, "
                   "the link in it adds them here.", email=current_user.email))


@bp.route("/me/contributions/claim/<token>", methods=["GET", "POST"])
@address_login_limit
def claim(token: str):
    """The mailed link: a button (GET) that adds the earlier contributions to the account (POST)."""
    form = ActionForm()
    user = current_user if current_user.is_authenticated else None
    try:
        if request.method == "POST" and form.validate_on_submit():
            count = citizen_account.claim(token, user)
            flash(_("Added to your account: %(count)d contribution(s).", count=count), "success")
            return redirect(url_for("citizen_account.mine") if user else url_for(
                "auth.login", next=url_for("citizen_account.mine")))
        owner = citizen_account.check_claim(token, user)
    except LinkRefused as error:
        return _private(render_template("auth/link_refused.html", error=error, purpose="claim"),
                        400 if error.reason == "invalid" else 410)
    except DomainError as error:
        return _private(render_template("citizens/claim.html", form=form, email=None,
                                        error=translate(error.message, error.params)), 403)
    return _private(render_template("citizens/claim.html", form=form, email=owner.email, error=None))
