"""Values every template can use: labels, the language switch, navigation."""
from __future__ import annotations

from flask import has_request_context, request

import re

from flask_babel import gettext

from ..domain import accounts, board, permissions, schemas
from ..domain.comments import COMMENT_MAX
from ..domain.errors import N_
from ..i18n import current_locale, label

LIMITS = {"title": board.TITLE_MAX, "body": board.BODY_MAX, "hmw": schemas.HMW_MAX, "name": accounts.NAME_MAX,
          "password": accounts.PASSWORD_MAX, "email": accounts.EMAIL_MAX}
MAIL_STATUS_LABELS = {"pending": N_("Waiting"), "sent": N_("Sent"), "failed": N_("Failed")}
_BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chromium/", "Chromium"),
             ("Chrome/", "Chrome"), ("Safari/", "Safari"), ("python-", "Python script"), ("curl/", "curl"))
_SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
            ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def device_name(user_agent: str | None) -> str:
    """A short "Browser on System" name from a User-Agent header, for the signed-in browsers list."""
    agent = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in agent), None)
    system = next((name for marker, name in _SYSTEMS if re.search(re.escape(marker), agent)), None)
    if browser and system:
        return gettext("%(browser)s on %(system)s", browser=browser, system=system)
    return browser or system or gettext("Unknown browser")


def org_name(org) -> str:
    """An organisation's name in the UI language."""
    return org.name_for(current_locale()) if org is not None else ""


def field_attrs(field, autocomplete: str | None = None, maxlength: int | None = None) -> dict:
    """HTML attributes for a form field: error linkage for screen readers, autocomplete, limits."""
    attrs = {}
    if field.errors:
        attrs.update({"aria-describedby": f"{field.id}-error", "aria-invalid": "true"})
    if autocomplete:
        attrs["autocomplete"] = autocomplete
    if maxlength:
        attrs["maxlength"] = maxlength
    return attrs


def template_helpers() -> dict:
    """Label helpers for templates (macros included), so templates hold no logic of their own."""
    return {
        "stage_label": lambda key: label({s.key: s.label for s in board.STAGES}, key),
        "kind_label": lambda key: label(board.KIND_LABELS, key),
        "role_label": lambda key: label(permissions.ROLE_LABELS, key),
        "status_label": lambda key: label(permissions.STATUS_LABELS, key),
        "visibility_label": lambda key: label(permissions.VISIBILITY_LABELS, key),
        "sector_label": lambda key: label(accounts.SECTOR_LABELS, key),
        "level_label": lambda key: label(accounts.LEVEL_LABELS, key),
        "color_label": lambda key: label(board.COLOR_LABELS, key),
        "mail_status_label": lambda key: label(MAIL_STATUS_LABELS, key),
        "org_name": org_name,
        "field_attrs": field_attrs,
        "languages": [("th", "ไทย"), ("en", "English")],
        "limits": LIMITS,
        "comment_max": COMMENT_MAX,
    }


def inject_request_values() -> dict:
    """Per-request values: the path to come back to after switching language, and what the viewer may do."""
    from flask_login import current_user

    from ..services.access import is_site_admin

    from ..services.affiliations import managed_organisations

    from ..services.notifications import unread_count

    from ..services.my_invitations import open_count

    if not has_request_context():
        return {}  # a mail rendered by the sender, a socket op or the CLI (the daily digest): no viewer, no page
    signed_in = current_user.is_authenticated
    return {"current_path": request.full_path.rstrip("?"),
            "unread_notifications": unread_count(current_user.id) if signed_in else 0,
            # Open invitations to the person's address: a link to "Invitations for you" while there are any.
            "pending_invitations": open_count(current_user.id) if signed_in else 0,
            "can_administer": signed_in and is_site_admin(current_user),
            # Organisation admins (and site admins) get the claims queue in the navigation.
            "manages_organisations": signed_in and bool(is_site_admin(current_user)
                                                         or managed_organisations(current_user))}
