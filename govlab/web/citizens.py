"""Public pages for citizens: a challenge's page, its QR code, the contribution form, support, flags, status."""
from __future__ import annotations

import secrets

from flask import Blueprint, Response, abort, g, make_response, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_limiter.util import get_remote_address

from ..domain import citizens as rules
from ..domain import provinces
from ..domain.errors import DomainError, NotFound
from ..i18n import current_locale, translate
from ..services import challenges, citizen_privacy, citizen_search, contributions
from ..services.outbox import external_url
from .citizen_limits import contribution_limit, support_limit
from .forms import ActionForm
from .qr import qr_response

bp = Blueprint("citizens", __name__)
BROWSER_COOKIE = "govlab_b"
ERROR_STATUS = {"validation_error": 400, "conflict": 409, "not_found": 404}


def _browser() -> str:
    """This browser's random id (a cookie set on the first visit; it names no one)."""
    value = request.cookies.get(BROWSER_COOKIE, "")
    if len(value) != 32 or not value.isalnum():
        value = g.setdefault("new_browser_id", secrets.token_hex(16))
    return value


@bp.after_app_request
def _remember_browser(response: Response) -> Response:
    if "new_browser_id" in g:
        response.set_cookie(BROWSER_COOKIE, g.new_browser_id, max_age=365 * 86400, httponly=True, samesite="Lax",
                            secure=request.is_secure)
    return response


def _actor():
    return current_user if current_user.is_authenticated else None


def _person_key(purpose: str) -> str:
    """Who supports or flags: the account when signed in, else this browser (at this address, for support)."""
    if current_user.is_authenticated:
        return contributions.keyed(purpose, f"user:{current_user.id}")
    suffix = f"|{get_remote_address()}" if purpose == "support" else ""
    return contributions.keyed(purpose, f"browser:{_browser()}{suffix}")


def labels() -> dict:
    """The msgids of the citizens' choices, for the templates (which translate them)."""
    return {"calls": rules.CALL_LABELS, "statuses": rules.STATUS_LABELS, "ages": rules.AGE_LABELS,
            "who": rules.WHO_LABELS, "reasons": rules.REJECT_LABELS,
            "provinces": provinces.choices(current_locale())}


@bp.app_context_processor
def _citizen_labels() -> dict:
    """`citizen_labels()` for templates: translated names of provinces, "who are you" and age bands."""
    def citizen_labels() -> dict:
        return {"provinces": dict(provinces.choices(current_locale())),
                "who": {key: _(msgid) for key, msgid in rules.WHO_LABELS.items()},
                "ages": {key: _(msgid) for key, msgid in rules.AGE_LABELS.items()}}

    return {"citizen_labels": citizen_labels}


def page_url(data_or_project, slug: str | None = None) -> str:
    """The canonical absolute address of a challenge's page (what the QR code encodes)."""
    return external_url("citizens.page", ref=slug or str(data_or_project.id))


def _page(ref: str, status: int = 200, **extra):
    sort = request.args.get("sort", "support")
    data = challenges.public_page(ref, sort if sort in ("support", "newest") else "support")
    url = page_url(data["project"], data["slug"])
    response = make_response(render_template("citizens/page.html", **data, labels=labels(), page_url=url,
                                             action_form=ActionForm(), ref=ref, **extra), status)
    return response


@bp.get("/c/<ref>")
def page(ref: str):
    """A public challenge's page: the problem, the owner (if verified), stage, learnings, calls and ideas."""
    return _page(ref)


@bp.get("/c/<ref>/qr.<any(png, svg):fmt>")
def qr(ref: str, fmt: str):
    """The page's QR code for posters (PNG or SVG)."""
    data = challenges.public_page(ref)
    return qr_response(page_url(data["project"], data["slug"]), fmt, data["project"].title)


def _form_values() -> dict:
    form = request.form
    return {"text": form.get("text", ""), "name": form.get("name", ""), "contact": form.get("contact", ""),
            "province": form.get("province", ""), "age_band": form.get("age_band", ""), "who": form.get("who", ""),
            "consent": form.get("consent") == "yes", "sensitive_consent": form.get("sensitive_consent") == "yes",
            "stamp": form.get("stamp", ""), "website": form.get("website", ""), "locale": current_locale()}


def _prefilled() -> dict:
    """A signed-in person's name and address, ready in the form (they may clear them: both stay optional)."""
    if not current_user.is_authenticated:
        return {}
    return {"name": current_user.name, "contact": current_user.email}


def _render_form(project_data: dict, kind: str, values: dict, status: int = 200, error=None, similar=None):
    message = translate(error.message, error.params) if error is not None else None
    response = make_response(render_template(
        "citizens/form.html", **project_data, ref=project_data["slug"] or str(project_data["project"].id),
        kind=kind, values=values, labels=labels(), error=message,
        error_field=getattr(error, "field", None), stamp=contributions.form_stamp(), similar=similar or [],
        action_form=ActionForm(), limits={"text": rules.TEXT_MAX, "name": rules.NAME_MAX,
                                          "contact": rules.CONTACT_MAX, "text_min": rules.TEXT_MIN},
        consent={"version": rules.CONSENT_VERSION, "purpose": rules.CONSENT_PURPOSE, "agree": rules.CONSENT_S19,
                 "sensitive": rules.CONSENT_S26}), status)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/c/<ref>/<any(experience, idea):kind>", methods=["GET", "POST"])
@contribution_limit
def contribute(ref: str, kind: str):
    """The form of an open call, and sending it (no account needed)."""
    data = challenges.public_page(ref)
    if not data["calls"][kind]["open"]:
        return _render_form(data, kind, {}, 400 if request.method == "POST" else 200,
                            error=DomainError(rules.N_("This call is closed: it does not take contributions now.")))
    if request.method == "GET":
        return _render_form(data, kind, _prefilled())
    values = _form_values()
    if not ActionForm().validate_on_submit():
        return _render_form(data, kind, values, 400,
                            error=DomainError(rules.N_("This form has expired. Please reload the page and try again.")))
    if kind == "idea" and request.form.get("confirm_new") != "yes":
        similar = contributions.similar(data["project"].id, values["text"])
        if similar:
            return _render_form(data, kind, values, similar=similar)
    try:
        contribution, token = contributions.submit(_actor(), data["project"].id, kind, values, get_remote_address())
    except DomainError as error:
        if error.code == "not_found":
            raise
        return _render_form(data, kind, values, ERROR_STATUS.get(error.code, 400), error=error)
    response = make_response(render_template(
        "citizens/thanks.html", **data, contribution=contribution, labels=labels(), signed_in=_actor() is not None,
        status_url=None if contribution.email else url_for("citizens.status", token=token, _external=True)))
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.post("/c/<ref>/ideas/<id:contribution_id>/<any(support, flag):act>")
@support_limit
def react(ref: str, contribution_id: int, act: str):
    """Support a published idea, or report a contribution (once each)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    challenges.public_project(ref)
    try:
        if act == "support":
            contributions.support(_actor(), contribution_id, _person_key("support"))
            message, status = _("Thank you for your support."), 200
        else:
            contributions.flag(_actor(), contribution_id, _person_key("flag"),
                               contributions.keyed("flag-address", f"user:{current_user.id}" if
                                                   current_user.is_authenticated else get_remote_address()))
            message, status = _("Thank you: the facilitators will look at it."), 200
    except DomainError as error:
        if error.code == "not_found":
            raise
        message, status = translate(error.message, error.params), ERROR_STATUS.get(error.code, 400)
    return _page(ref, status, notice=message)


@bp.get("/c/<ref>/search")
def search(ref: str):
    """Search the challenge's published ideas and experiences (Thai and English in one box)."""
    data = challenges.public_page(ref)
    query = request.args.get("q", "")
    results = citizen_search.search_public(data["project"].id, query)
    return render_template("citizens/search.html", **data, q=query, results=results, labels=labels())


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/contribution/<token>")
def status(token: str):
    """The contributor's private page: status, what we did, their data, download and erase."""
    copy = citizen_privacy.private_view(token)
    return _private(make_response(render_template("citizens/status.html", **copy, token=token, labels=labels(),
                                                  action_form=ActionForm())))


@bp.get("/contribution/<token>/data.json")
def download(token: str):
    """Everything stored about the contributor, as JSON."""
    response = Response(citizen_privacy.export_json(token), mimetype="application/json")
    response.headers["Content-Disposition"] = 'attachment; filename="govlab-contribution.json"'
    return _private(response)


@bp.post("/contribution/<token>/erase")
def erase(token: str):
    """Erase the contributor's personal data (and the text unless they chose to keep it and consented)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        citizen_privacy.erase(token, keep_text=request.form.get("keep_text") == "yes")
    except NotFound:
        raise
    except DomainError as error:
        copy = citizen_privacy.private_view(token)
        return _private(make_response(render_template(
            "citizens/status.html", **copy, token=token, labels=labels(), action_form=ActionForm(),
            error=translate(error.message, error.params)), 400))
    return _private(make_response(render_template("citizens/erased.html")))


@bp.get("/privacy")
def privacy():
    """The privacy notice (controller, purposes, retention, rights, contact)."""
    from flask import current_app

    return render_template("citizens/privacy.html", retention_days=current_app.config["CONTRIBUTION_RETENTION_DAYS"],
                           consent={"version": rules.CONSENT_VERSION, "purpose": rules.CONSENT_PURPOSE})
