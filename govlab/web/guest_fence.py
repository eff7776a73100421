"""The fence around workshop guests: a guest account reaches its own project and nothing else.

Deny by default. A guest may open what names its project in the address (board, members, timeline,
summary, REST under /projects/<its id>/…: the services still apply its role there), what names one of
its project's cards, comments or links (the services refuse any other project's), its notifications,
the join pages, the language switch and sign-out. Everything else — other projects (public ones too),
lists of projects, the public challenge pages, new projects, the profile, tokens, organisations,
admin pages — answers 403, or 404 for another project's address (as for a private project). Home
and "My projects" lead to its board.
"""
from __future__ import annotations

from flask import redirect, request, url_for
from flask_login import current_user

from ..domain.errors import N_, NotFound, PermissionDenied

OPEN_TO_GUESTS = frozenset({
    "static", "main.set_language", "main.healthz", "auth.logout", "guests.join", "guests.join_code",
    "notifications.notification_list", "notifications.open_notification", "notifications.read_and_open",
    "notifications.read_all",
    "api.me", "api.openapi_document", "api.list_notifications", "api.read_notification",
    "api.read_all_notifications",
    # Addressed by a card or link id: services.access.load_card refuses one of another project.
    "api.get_card", "api.update_card", "api.delete_card", "api.restore_card", "api.list_comments",
    "api.follow_card", "api.unfollow_card", "api.delete_link",
})
TO_THE_BOARD = frozenset({"main.index", "projects.my_projects"})


def fence():
    """Before every request: keep a signed-in guest inside its project (NotFound, PermissionDenied or a redirect)."""
    if request.endpoint is None or request.endpoint in OPEN_TO_GUESTS:
        return None
    if request.path.startswith("/api/") and request.headers.get("Authorization"):
        return None  # a Bearer token's owner, never a guest (guests get no tokens)
    if not current_user.is_authenticated:
        return None
    project_id = current_user.guest_project_id
    if project_id is None:
        return None
    named = (request.view_args or {}).get("project_id")
    if named is not None:
        if named == project_id:
            return None
        raise NotFound(N_("No such project."))
    if request.endpoint in TO_THE_BOARD and request.method == "GET":
        return redirect(url_for("board.show", project_id=project_id))
    raise PermissionDenied(N_("A guest account can only take part in its workshop's project."))
