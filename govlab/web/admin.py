"""Site admin pages: organisations, accounts and the mail outbox."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain.errors import DomainError, NotFound
from ..extensions import db
from ..models import Organisation
from ..services import accounts, organisations, outbox
from ..services.access import require_admin
from .forms import ActionForm, OrganisationForm, show_error

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _admins_only():
    require_admin(current_user)


@bp.get("/organisations")
def organisation_list():
    """All organisations."""
    return render_template("admin/organisations.html", orgs=organisations.list_organisations())


def _form_data(form: OrganisationForm) -> dict:
    return {"name_th": form.name_th.data or "", "name_en": form.name_en.data or "",
            "sector": form.sector.data, "level": form.level.data or None}


@bp.route("/organisations/new", methods=["GET", "POST"])
def organisation_new():
    """Add an organisation."""
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            organisations.create_organisation(current_user, _form_data(form))
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Organisation saved."), "success")
            return redirect(url_for("admin.organisation_list"))
    return render_template("admin/organisation_form.html", form=form, org=None)


@bp.route("/organisations/<id:org_id>", methods=["GET", "POST"])
def organisation_edit(org_id: int):
    """Edit an organisation."""
    org = db.session.get(Organisation, org_id)
    if org is None:
        raise NotFound("No such organisation.")
    form = OrganisationForm()
    if request.method == "GET":
        form.name_th.data, form.name_en.data = org.name_th, org.name_en
        form.sector.data, form.level.data = org.sector, org.level or ""
    if form.validate_on_submit():
        try:
            organisations.update_organisation(current_user, org_id, _form_data(form))
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Organisation saved."), "success")
            return redirect(url_for("admin.organisation_list"))
    return render_template("admin/organisation_form.html", form=form, org=org)


@bp.get("/users")
def user_list():
    """Accounts, searchable by name or e-mail; disable or enable them."""
    query = request.args.get("q", "")[:120]
    users = accounts.list_users(current_user, query)
    return render_template("admin/users.html", users=users, query=query, action_form=ActionForm())


@bp.post("/users/<id:user_id>/<any(disable, enable):action>")
def user_toggle(user_id: int, action: str):
    """Disable an account (its sessions, tokens and sockets stop at once) or enable it again."""
    if ActionForm().validate_on_submit():
        try:
            user = accounts.set_disabled(current_user, user_id, action == "disable")
        except DomainError as error:
            flash(_(error.message, **error.params), "error")
        else:
            flash(_("%(name)s can no longer sign in.", name=user.name) if action == "disable"
                  else _("%(name)s can sign in again.", name=user.name), "success")
    return redirect(url_for("admin.user_list", q=request.form.get("q", "")))


@bp.get("/outbox")
def outbox_list():
    """Mail waiting, sent and failed (newest first), and whether an SMTP server is set up."""
    status = request.args.get("status", "")
    mails, counts = outbox.list_outbox(current_user, status)
    return render_template("admin/outbox.html", mails=mails, counts=counts, status=status,
                           smtp_ready=outbox.smtp_settings() is not None,
                           base_url=current_app.config.get("BASE_URL"), action_form=ActionForm())


@bp.post("/outbox/<id:mail_id>/retry")
def outbox_retry(mail_id: int):
    """Give a mail that gave up a fresh set of tries."""
    if ActionForm().validate_on_submit():
        try:
            outbox.retry_mail(current_user, mail_id)
        except DomainError as error:
            flash(_(error.message, **error.params), "error")
        else:
            flash(_("The mail will be sent again."), "success")
    return redirect(url_for("admin.outbox_list"))
