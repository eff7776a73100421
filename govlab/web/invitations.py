"""Invitation pages: following a mailed invitation link, "Invitations for you" (accept or decline the
invitations sent to your confirmed address), and the facilitators' resend and withdraw buttons.

Opening the link (GET) only shows the page; accepting is a button or a form (POST), so mail scanners
that fetch links spend nothing. The page carries the link's token in its URL: no Referer, no cache.
"""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain import permissions
from ..domain.errors import N_, DomainError
from ..domain.invitations import InvitationRefused
from ..i18n import current_locale
from ..services import invitations, my_invitations
from .auth import sign_in
from .forms import ActionForm, InvitationAccountForm, show_error
from .limits import address_login_limit

bp = Blueprint("invitations", __name__)
PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def _refused(error: InvitationRefused):
    """The page for an invitation that cannot be accepted, saying why."""
    status = 400 if error.reason == "invalid" else 410
    return render_template("invitations/refused.html", error=error), status, PRIVATE_HEADERS


def _page(token: str, form: InvitationAccountForm, status: int = 200):
    """The invitation: the project, who invites, the role, and what the visitor can do about it."""
    invitation, project, shown = invitations.invitation_page(token)
    signed_in = current_user.is_authenticated
    if signed_in:
        mode = "accept" if current_user.email.lower() == invitation.email else "other_account"
    else:
        mode = "sign_in" if invitations.account_exists(invitation) else "create"
    return render_template("invitations/show.html", invitation=invitation, project=project, mode=mode,
                           form=form, action_form=ActionForm(), token=token, **shown), status, PRIVATE_HEADERS


@bp.route("/invitations/<token>", methods=["GET", "POST"])
@address_login_limit
def show(token: str):
    """Show an invitation (GET); accept it as the signed-in person, or with a new account (POST)."""
    form = InvitationAccountForm()
    try:
        if request.method == "POST" and current_user.is_authenticated:
            if ActionForm().validate_on_submit():
                membership = invitations.accept(current_user._get_current_object(), token)
                flash(_("Welcome to the project. You joined as %(role)s.", role=_(permissions.ROLE_LABELS[membership.role])),
                      "success")
                return redirect(url_for("board.show", project_id=membership.project_id))
        elif request.method == "POST" and form.validate_on_submit():
            try:
                user, membership = invitations.accept_with_new_account(
                    token, {"name": form.name.data or "", "password": form.password.data or "",
                            "locale": current_locale()})
            except InvitationRefused:
                raise
            except DomainError as error:
                show_error(form, error)
                return _page(token, form, 422)
            sign_in(user)
            flash(_("Your account is ready and you joined the project."), "success")
            return redirect(url_for("board.show", project_id=membership.project_id))
        return _page(token, form)
    except InvitationRefused as error:
        return _refused(error)


NOT_YOURS = N_("This invitation is not for your e-mail address, or it no longer exists.")


@bp.get("/invitations")
@login_required
def mine():
    """Invitations for you: the open invitations to your address, each with Accept and Decline. From a
    notification (`?invitation=<id>`), says what became of that invitation if it is no longer open."""
    asked = request.args.get("invitation")
    state = my_invitations.state_of_mine(current_user, asked) if asked is not None else None
    notice = None
    if asked is not None and state != "pending":
        notice = InvitationRefused.MESSAGES[state] if state else NOT_YOURS
    rows = my_invitations.open_invitations(current_user)
    return render_template("invitations/mine.html", rows=rows, notice=notice, asked=asked,
                           action_form=ActionForm()), 200, {"Cache-Control": "no-store"}


@bp.post("/invitations/<id:invitation_id>/accept")
@login_required
def accept_mine(invitation_id: int):
    """Accept one of your invitations (the same write as the mailed link) and open the project's board."""
    ActionForm().validate_on_submit() or abort(400)
    try:
        membership = my_invitations.accept(current_user._get_current_object(), invitation_id)
    except InvitationRefused as error:
        flash(_(error.message), "error")
        return redirect(url_for("invitations.mine"))
    flash(_("Welcome to the project. You joined as %(role)s.", role=_(permissions.ROLE_LABELS[membership.role])),
          "success")
    return redirect(url_for("board.show", project_id=membership.project_id))


@bp.post("/invitations/<id:invitation_id>/decline")
@login_required
def decline_mine(invitation_id: int):
    """Decline one of your invitations; its facilitators see it as declined."""
    ActionForm().validate_on_submit() or abort(400)
    try:
        invitation = my_invitations.decline(current_user._get_current_object(), invitation_id)
    except InvitationRefused as error:
        flash(_(error.message), "error")
    else:
        flash(_("You declined the invitation to %(title)s.", title=invitation.project.title), "success")
    return redirect(url_for("invitations.mine"))


@bp.post("/projects/<id:project_id>/invitations/<id:invitation_id>")
@login_required
def change(project_id: int, invitation_id: int):
    """Facilitators: send an invitation again, or withdraw it."""
    if ActionForm().validate_on_submit():
        try:
            if request.form.get("revoke"):
                invitation = invitations.revoke(current_user, project_id, {"id": invitation_id})
                flash(_("The declined invitation is off the list.") if invitation.declined_at is not None
                      else _("Invitation withdrawn."), "success")
            else:
                invitations.resend(current_user, project_id, {"id": invitation_id})
                flash(_("Invitation sent again."), "success")
        except DomainError as error:
            if error.code in ("forbidden", "not_found", "unauthorized"):
                raise
            flash(_(error.message, **error.params), "error")
    return redirect(url_for("projects.members", project_id=project_id))
