"""Who may do what in a project. Pure functions of role, visibility and status.

`role` is the actor's membership role in the project or None; site admins act as facilitators.
"""
from __future__ import annotations

from .errors import N_, NotAuthenticated, NotFound, PermissionDenied

ROLES = ("facilitator", "member", "observer")
ROLE_LABELS = {"facilitator": N_("Facilitator"), "member": N_("Member"), "observer": N_("Observer")}
VISIBILITIES = ("private", "public")
STATUSES = ("active", "on_hold", "completed", "archived")
STATUS_LABELS = {"active": N_("Active"), "on_hold": N_("On hold"), "completed": N_("Completed"),
                 "archived": N_("Archived")}
VISIBILITY_LABELS = {"private": N_("Private"), "public": N_("Public")}


def effective_role(role: str | None, is_admin: bool) -> str | None:
    """Site admins act as facilitators in every project."""
    return "facilitator" if is_admin else role


def can_view(role: str | None, visibility: str) -> bool:
    """Members see their projects; anyone, signed in or not, sees a public one."""
    return role is not None or visibility == "public"


def can_edit_board(role: str | None, status: str) -> bool:
    """Facilitators and members write cards, except in an archived project."""
    return role in ("facilitator", "member") and status != "archived"


def can_manage(role: str | None) -> bool:
    """Facilitators edit project settings, manage members, archive and restore cards."""
    return role == "facilitator"


def require_view(role: str | None, visibility: str) -> None:
    """Raise NotFound (not Forbidden) so private projects do not reveal they exist."""
    if not can_view(role, visibility):
        raise NotFound(N_("No such project."))


def require_edit_board(role: str | None, visibility: str, status: str, signed_in: bool) -> None:
    """Raise the right error when the actor may not write on the board."""
    require_view(role, visibility)
    if not signed_in:
        raise NotAuthenticated(N_("Please sign in to make changes."))
    if role in ("facilitator", "member") and status == "archived":
        raise PermissionDenied(N_("This project is archived and read-only."))
    if not can_edit_board(role, status):
        raise PermissionDenied(N_("Only members of this project can change its board."))


def require_manage(role: str | None, visibility: str, signed_in: bool) -> None:
    """Raise the right error when the actor is not a facilitator of the project."""
    require_view(role, visibility)
    if not signed_in:
        raise NotAuthenticated(N_("Please sign in to make changes."))
    if not can_manage(role):
        raise PermissionDenied(N_("Only facilitators can do this."))
