"""Project pages: my projects, public challenges, create, settings, members."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..domain import board, evidence, permissions
from ..domain.errors import DomainError
from ..domain.text_rules import parse_int_text
from ..models.base import utcnow
from ..services import invitations, organisations, projects
from .context import org_name
from .forms import ActionForm, MemberForm, ProjectForm, form_id, show_error

bp = Blueprint("projects", __name__)


def _org_choices() -> list[tuple[str, str]]:
    return [("", _("None"))] + [(str(o.id), org_name(o)) for o in organisations.list_organisations()]


def _filters() -> dict:
    """The list filters from the query string (unknown values are ignored, not errors)."""
    stage = request.args.get("stage", "")
    status = request.args.get("status", "")
    return {"stage": stage if stage in board.STAGE_KEYS else "",
            "status": status if status in permissions.STATUSES else ""}


@bp.get("/projects")
@login_required
def my_projects():
    """The projects I belong to, filterable by stage and status."""
    filters = _filters()
    rows = projects.list_projects(current_user, filters["stage"], filters["status"], "mine")
    return render_template("projects/list.html", rows=rows, filters=filters, scope="mine",
                           stages=board.STAGE_KEYS, statuses=permissions.STATUSES)


@bp.get("/explore")
def public_projects():
    """Every public challenge, for anyone."""
    filters = _filters()
    rows = projects.list_projects(current_user if current_user.is_authenticated else None,
                                  filters["stage"], filters["status"], "public")
    return render_template("projects/list.html", rows=rows, filters=filters, scope="public",
                           stages=board.STAGE_KEYS, statuses=permissions.STATUSES)


def _project_data(form: ProjectForm, with_status: bool) -> dict:
    """The service payload from the form; a new project has no status field (it starts active)."""
    data = {"title": form.title.data or "", "hmw": form.hmw.data or "", "visibility": form.visibility.data,
            "stage": form.stage.data, "org_id": form_id(form.org_id.data, "org_id")}
    if with_status:
        data["status"] = form.status.data
        stall_days = (form.stall_days.data or "").strip()
        if stall_days:  # left empty: unchanged
            data["stall_days"] = parse_int_text(stall_days, "stall_days", low=1, high=evidence.STALL_DAYS_MAX)
        data["observers_may_comment"] = bool(form.observers_may_comment.data)
    return data


@bp.route("/projects/new", methods=["GET", "POST"])
@login_required
def new_project():
    """Open a challenge."""
    form = ProjectForm()
    form.org_id.choices = _org_choices()
    if request.method == "GET":
        form.org_id.data = str(current_user.org_id or "")
        form.visibility.data, form.status.data, form.stage.data = "private", "active", "empathize"
    if form.validate_on_submit():
        try:
            project = projects.create_project(current_user, _project_data(form, with_status=False))
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Project created. Start with the Empathize lane."), "success")
            return redirect(url_for("board.show", project_id=project.id))
    return render_template("projects/form.html", form=form, project=None)


@bp.route("/projects/<id:project_id>/settings", methods=["GET", "POST"])
@login_required
def settings(project_id: int):
    """Edit a project's settings; archive or reopen it (facilitators)."""
    project, role = projects.get_project(current_user, project_id)
    permissions.require_manage(role, project.visibility, True)
    form = ProjectForm()
    form.org_id.choices = _org_choices()
    if request.method == "GET":
        form.title.data, form.hmw.data = project.title, project.hmw
        form.visibility.data, form.status.data = project.visibility, project.status
        form.stage.data, form.org_id.data = project.stage, str(project.org_id or "")
        form.stall_days.data = str(project.stall_days)
        form.observers_may_comment.data = project.observers_may_comment
    if form.validate_on_submit():
        try:
            projects.update_project(current_user, project_id, _project_data(form, with_status=True))
        except DomainError as error:
            show_error(form, error)
        else:
            flash(_("Project saved."), "success")
            return redirect(url_for("projects.settings", project_id=project_id))
    return render_template("projects/form.html", form=form, project=project, role=role,
                           action_form=ActionForm())


@bp.post("/projects/<id:project_id>/archive")
@login_required
def archive(project_id: int):
    """Archive (read-only) or reopen a project."""
    form = ActionForm()
    if form.validate_on_submit():
        status = "active" if request.form.get("reopen") else "archived"
        projects.update_project(current_user, project_id, {"status": status})
        flash(_("Project archived.") if status == "archived" else _("Project reopened."), "success")
    return redirect(url_for("projects.settings", project_id=project_id))


@bp.route("/projects/<id:project_id>/members", methods=["GET", "POST"])
def members(project_id: int):
    """Members and roles; facilitators invite people by e-mail, change roles and manage invitations."""
    actor = current_user if current_user.is_authenticated else None
    project, role, rows = projects.list_members(actor, project_id)
    form = MemberForm()
    status = 200
    if request.method == "POST":
        permissions.require_manage(role, project.visibility, actor is not None)
        if form.validate_on_submit():
            try:
                invitations.invite(actor, project_id, {"email": form.email.data or "", "role": form.role.data})
            except DomainError as error:
                show_error(form, error)
                status = 429 if error.code == "rate_limited" else 422
            else:
                # The same words whether or not the address has an account.
                flash(_("Invitation sent to %(email)s.", email=(form.email.data or "").strip()), "success")
                return redirect(url_for("projects.members", project_id=project_id))
    can_manage = permissions.can_manage(role)
    pending = invitations.list_invitations(actor, project_id) if can_manage else []
    return render_template("projects/members.html", project=project, role=role, rows=rows, form=form,
                           action_form=ActionForm(), roles=permissions.ROLES, can_manage=can_manage,
                           invitations=pending, invitation_state=invitations.state_of, now_utc=utcnow()), status


@bp.post("/projects/<id:project_id>/members/<id:user_id>")
@login_required
def change_member(project_id: int, user_id: int):
    """Change a member's role or remove them."""
    form = ActionForm()
    if form.validate_on_submit():
        try:
            if request.form.get("remove"):
                projects.remove_member(current_user, project_id, user_id)
                flash(_("Member removed."), "success")
            else:
                projects.change_role(current_user, project_id, user_id, request.form.get("role"))
                flash(_("Role changed."), "success")
        except DomainError as error:
            if error.code in ("forbidden", "not_found", "unauthorized"):
                raise
            flash(_(error.message, **error.params), "error")
    return redirect(url_for("projects.members", project_id=project_id))
