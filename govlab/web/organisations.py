"""Pages for the people who vouch for an organisation: its admins and site admins."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain.errors import DomainError
from ..i18n import translate
from ..services import affiliations
from .forms import ActionForm, DomainForm, OrgAdminForm, RefuseClaimForm

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


@bp.before_request
@login_required
def _signed_in_only():
    """Every page here needs an account; the services decide who manages what."""


def _flash_error(error: DomainError) -> None:
    flash(translate(error.message, **error.params), "error")


@bp.get("/claims")
def claims():
    """The claims waiting for the viewer: every organisation's for site admins, their own for organisation admins."""
    return render_template("organisations/claims.html", pending=affiliations.pending_claims(current_user),
                           managed=affiliations.managed_organisations(current_user), action_form=ActionForm(),
                           refuse_form=RefuseClaimForm())


@bp.get("/<id:org_id>/people")
def people(org_id: int):
    """An organisation's verified members and pending claims; its domains and admins for site admins."""
    found = affiliations.organisation_people(current_user, org_id)
    return render_template("organisations/people.html", **found, action_form=ActionForm(),
                           refuse_form=RefuseClaimForm(), domain_form=DomainForm(), admin_form=OrgAdminForm())


def _back(org_id: int, to: str | None):
    return redirect(url_for("organisations.claims") if to == "claims" else
                    url_for("organisations.people", org_id=org_id))


@bp.post("/<id:org_id>/people/<id:user_id>/<any(approve, refuse, remove):action>")
def decide(org_id: int, user_id: int, action: str):
    """Approve or refuse a claim, or remove a verified member."""
    form = RefuseClaimForm() if action == "refuse" else ActionForm()
    if form.validate_on_submit():
        try:
            if action == "approve":
                user = affiliations.approve(current_user, user_id)
                flash(_("%(name)s is now a verified member.", name=user.name), "success")
            elif action == "refuse":
                user = affiliations.refuse(current_user, user_id, form.reason.data, form.note.data or "")
                flash(_("The claim of %(name)s was refused.", name=user.name), "success")
            else:
                user = affiliations.remove_member(current_user, user_id)
                flash(_("%(name)s no longer belongs to the organisation.", name=user.name), "success")
        except DomainError as error:
            _flash_error(error)
    return _back(org_id, request.form.get("back"))


def _run(form, change, success) -> None:
    """Run a service change when the form (CSRF) is valid; flash its success message or its error."""
    if not form.validate_on_submit():
        return
    try:
        result = change()
    except DomainError as error:
        _flash_error(error)
    else:
        flash(success(result), "success")


@bp.post("/<id:org_id>/domains")
def add_domain(org_id: int):
    """Site admins: register an e-mail domain."""
    form = DomainForm()
    _run(form, lambda: affiliations.add_domain(current_user, org_id, form.domain.data or ""),
         lambda row: _("Confirmed addresses at %(domain)s are now verified members.", domain=row.domain))
    return _back(org_id, None)


@bp.post("/<id:org_id>/domains/<id:domain_id>/delete")
def remove_domain(org_id: int, domain_id: int):
    """Site admins: stop verifying by this domain."""
    _run(ActionForm(), lambda: affiliations.remove_domain(current_user, domain_id),
         lambda _none: _("The domain was removed."))
    return _back(org_id, None)


@bp.post("/<id:org_id>/admins")
def appoint_admin(org_id: int):
    """Site admins: make someone an admin of the organisation."""
    form = OrgAdminForm()
    _run(form, lambda: affiliations.appoint_admin(current_user, org_id, form.email.data or ""),
         lambda user: _("%(name)s now manages the organisation's members.", name=user.name))
    return _back(org_id, None)


@bp.post("/<id:org_id>/admins/<id:user_id>/delete")
def dismiss_admin(org_id: int, user_id: int):
    """Site admins: end someone's admin role."""
    _run(ActionForm(), lambda: affiliations.dismiss_admin(current_user, org_id, user_id),
         lambda _none: _("The admin role ended."))
    return _back(org_id, None)
