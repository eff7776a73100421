"""Joining a workshop by code or QR (/join, /join/<code>), and the facilitators' join-code page with its QR.

The join pages work without JavaScript: typing the code is a GET form (it changes nothing), joining is a
POST with CSRF. Wrong codes count against the address (GUEST_CODE_RATE_LIMIT: the guessing limit),
joins too, more loosely (GUEST_JOIN_RATE_LIMIT: a whole room behind one office address gets in).
"""
from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField

from ..domain import guests as rules
from ..domain import accounts as account_rules
from ..domain import permissions
from ..domain.errors import Conflict, DomainError, ValidationError
from ..extensions import limiter
from ..i18n import current_locale, format_date, translate
from ..services import accounts, guests, join_codes, workshops
from ..services.access import load_project, parse_id
from ..services.outbox import external_url
from .auth import sign_in
from .forms import ActionForm, show_error
from .qr import qr_response

bp = Blueprint("guests", __name__)
PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
REFUSED_STATUS = {"invalid": 404, "expired": 410, "revoked": 410, "full": 409, "archived": 410}
EXPIRY_CHOICES = (("", _l("When the workshop ends, plus the grace period")), ("60", _l("In 1 hour")),
                  ("180", _l("In 3 hours")), ("1440", _l("In a day")), ("10080", _l("In a week")))
# The choices must be rules.EXTEND_MINUTES_CHOICES (a test checks): the labels are whole phrases to translate.
EXTEND_CHOICES = (("15", _l("15 minutes more")), ("30", _l("30 minutes more")), ("60", _l("1 hour more")),
                  ("120", _l("2 hours more")))


def _code_failed(_response) -> bool:
    """Deduct from the guessing limit only when a code was wrong (set by the views)."""
    return bool(g.get("join_code_failed"))


code_limit = limiter.shared_limit(lambda: current_app.config["GUEST_CODE_RATE_LIMIT"], scope="join-code",
                                  deduct_when=_code_failed)
join_limit = limiter.shared_limit(lambda: current_app.config["GUEST_JOIN_RATE_LIMIT"], scope="join",
                                  methods=["POST"])


class GuestForm(FlaskForm):
    """Who joins: a name, an organisation (an existing one or any text), a sector."""

    name = StringField(_l("Your name"))
    organisation = StringField(_l("Organisation (optional)"))
    sector = SelectField(_l("Sector"), validate_choice=False, choices=[
        ("", _l("Choose…")), *((key, _l(label)) for key, label in account_rules.SECTOR_LABELS.items()),
        ("none", _l("Citizen or no organisation"))])


class JoinCodeForm(FlaskForm):
    """A new join code: the workshop, the guests' role, when it expires."""

    workshop_id = SelectField(_l("Workshop"), validate_choice=False, choices=[])
    role = SelectField(_l("Guests join as"), validate_choice=False, default="member",
                       choices=[(role, _l(permissions.ROLE_LABELS[role])) for role in rules.GUEST_ROLES])
    expires_in_minutes = SelectField(_l("The code expires"), validate_choice=False, choices=EXPIRY_CHOICES)


def _refused(error: DomainError, typed: str = ""):
    """The code page again, saying why the code does not work (counted as a wrong code)."""
    g.join_code_failed = True
    status = REFUSED_STATUS.get(getattr(error, "reason", ""), 422)
    return render_template("guests/join.html", error=translate(error.message, error.params), typed=typed,
                           code_max=rules.CODE_INPUT_MAX), status, PRIVATE_HEADERS


def _own_board():
    """Where a signed-in guest belongs."""
    return redirect(url_for("board.show", project_id=current_user.guest_project_id))


@bp.get("/join")
@code_limit
def join():
    """Type the code shown on the screen (a GET form: `?code=` goes on to that code's page)."""
    typed = request.args.get("code")
    if typed is None:
        if current_user.is_authenticated and current_user.guest_project_id is not None:
            return _own_board()  # a returning guest on the same browser
        return render_template("guests/join.html", typed="", code_max=rules.CODE_INPUT_MAX), 200, PRIVATE_HEADERS
    try:
        row, _workshop, _project = guests.join_page(typed)
    except DomainError as error:
        return _refused(error, typed[:rules.CODE_INPUT_MAX])
    return redirect(url_for("guests.join_code", code=row.code))


def _member_of(project_id: int) -> bool:
    """Is the signed-in person (not a guest) already in this project?"""
    try:
        return load_project(_actor(), project_id, "view")[1] is not None
    except DomainError:
        return False


def _join_page(code: str, form: GuestForm, status: int = 200):
    """The page of a live code: the workshop, and the form (or why a signed-in person cannot use it)."""
    row, workshop, project = guests.join_page(code)
    mode = "form"
    if current_user.is_authenticated:
        # A guest of another workshop may join here (a new guest account); anyone else has an account already.
        mode = "form" if current_user.guest_project_id is not None else "signed_in"
    choices = guests.organisation_choices()
    names = sorted({name for _id, th, en in choices for name in (th, en) if name})
    return render_template("guests/join_form.html", form=form, code=row, shown=rules.shown(row.code),
                           workshop=workshop, project=project, mode=mode, organisations=names,
                           role_label=permissions.ROLE_LABELS[row.role], action_form=ActionForm(),
                           limits={"name": account_rules.NAME_MAX, "organisation": rules.ORGANISATION_MAX}
                           ), status, PRIVATE_HEADERS


@bp.route("/join/<code>", methods=["GET", "POST"])
@code_limit
@join_limit
def join_code(code: str):
    """The page a code (or its QR) opens: name, organisation and sector, then the board (POST, CSRF)."""
    form = GuestForm()
    try:
        normal = rules.normalise_code(code)
    except ValidationError as error:
        return _refused(error, code[:rules.CODE_INPUT_MAX])
    if normal != code:
        return redirect(url_for("guests.join_code", code=normal))
    try:
        row, _workshop, project = guests.join_page(normal)
        if current_user.is_authenticated and current_user.guest_project_id == project.id:
            return _own_board()  # a returning guest keeps their identity
        if current_user.is_authenticated and current_user.guest_project_id is None and _member_of(project.id):
            return redirect(url_for("board.show", project_id=project.id))  # a member scanning the QR
        if request.method == "POST" and current_user.is_authenticated and current_user.guest_project_id is None:
            return _join_page(normal, form, 409)
        if request.method == "POST" and form.validate_on_submit():
            try:
                user = guests.join(normal, {"name": form.name.data or "", "organisation": form.organisation.data or "",
                                            "sector": form.sector.data or "", "locale": current_locale()})
            except rules.JoinRefused:
                raise
            except DomainError as error:
                show_error(form, error)
                return _join_page(normal, form, 422)
            if current_user.is_authenticated:  # the guest account of another workshop ends here
                accounts.signed_out(current_user._get_current_object())
            sign_in(user)
            session.permanent = True  # the same phone keeps this identity after the browser closes
            flash(_("Welcome, %(name)s. You joined as a guest.", name=user.name), "success")
            return redirect(url_for("board.show", project_id=row.project_id))
        return _join_page(normal, form, 400 if request.method == "POST" else 200)
    except rules.JoinRefused as error:
        return _refused(error, rules.shown(normal))


# -- facilitators --------------------------------------------------------------------------------------

def _actor():
    return current_user._get_current_object() if current_user.is_authenticated else None


def _codes_page(project_id: int, form: JoinCodeForm, status: int = 200, shown_id: int | None = None):
    project, role = load_project(_actor(), project_id, "manage")
    rows, counts, titles = join_codes.list_codes(_actor(), project_id)
    listed = workshops.list_workshops(_actor(), project_id)
    form.workshop_id.choices = [(str(w.id), w.title) for w in listed]
    big = next((row for row in rows if row.id == shown_id), None) or join_codes.newest_live(rows)
    return render_template("guests/codes.html", project=project, role=role, form=form, rows=rows, counts=counts,
                           titles=titles, big=big, shown=rules.shown, state_of=join_codes.state_of,
                           action_form=ActionForm(), workshops=listed, extend_choices=EXTEND_CHOICES,
                           join_url=external_url("guests.join").split("://", 1)[-1],
                           grace=current_app.config.get("GUEST_GRACE_MINUTES", rules.DEFAULT_GRACE_MINUTES)), status


@bp.route("/projects/<id:project_id>/workshop/guests", methods=["GET", "POST"])
def codes(project_id: int):
    """Facilitators: make a join code, see it big with its QR, list codes with how many joined."""
    form = JoinCodeForm()
    if request.method == "POST":
        load_project(_actor(), project_id, "manage")  # who may, before the form is even read
        if form.validate_on_submit():
            try:
                minutes = form.expires_in_minutes.data or None
                data = {"workshop_id": parse_id(form.workshop_id.data or "", "workshop_id"),
                        "role": form.role.data or "member",
                        **({"expires_in_minutes": parse_id(minutes, "expires_in_minutes")} if minutes else {})}
                row = join_codes.create_code(_actor(), project_id, data)
            except DomainError as error:
                show_error(form, error)
                return _codes_page(project_id, form, 422)
            flash(_("The code %(code)s is ready.", code=rules.shown(row.code)), "success")
            return redirect(url_for("guests.codes", project_id=project_id, shown=row.id))
        return _codes_page(project_id, form, 400)
    shown_id = request.args.get("shown")
    return _codes_page(project_id, form, shown_id=parse_id(shown_id, "shown") if shown_id else None)


@bp.post("/projects/<id:project_id>/workshop/guests/<id:code_id>/revoke")
def revoke(project_id: int, code_id: int):
    """Facilitators: withdraw a code; its guests' time ends now."""
    if ActionForm().validate_on_submit():
        row = join_codes.revoke_code(_actor(), project_id, {"id": code_id})
        flash(_("The code %(code)s was withdrawn; its guests can no longer take part.", code=rules.shown(row.code)),
              "success")
    return redirect(url_for("guests.codes", project_id=project_id))


@bp.post("/projects/<id:project_id>/workshop/guests/<id:code_id>/extend")
def extend(project_id: int, code_id: int):
    """Facilitators: a live code (and its guests' time) lasts longer, when the workshop runs over."""
    if ActionForm().validate_on_submit():
        try:
            row = join_codes.extend_code(_actor(), project_id, {
                "id": code_id, "minutes": parse_id(request.form.get("minutes", ""), "minutes")})
        except (Conflict, ValidationError) as error:
            flash(translate(error.message, error.params), "error")
        else:
            flash(_("The code %(code)s now works until %(until)s; its guests keep taking part.",
                    code=rules.shown(row.code), until=format_date(row.expires_at, with_time=True)), "success")
    return redirect(url_for("guests.codes", project_id=project_id))


@bp.get("/projects/<id:project_id>/workshop/guests/<id:code_id>/qr.<any(png, svg):fmt>")
def qr(project_id: int, code_id: int, fmt: str):
    """Facilitators: the QR code of a join code's page (for the projector or a printed sheet)."""
    row = join_codes.get_code(_actor(), project_id, code_id)
    return qr_response(external_url("guests.join_code", code=row.code), fmt, rules.shown(row.code),
                       cache="private, max-age=300")
