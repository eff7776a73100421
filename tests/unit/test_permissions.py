"""Who may do what: every role × visibility."""
import pytest

from govlab.domain import permissions as p
from govlab.domain.errors import NotAuthenticated, NotFound, PermissionDenied

ROLES = ["facilitator", "member", "observer", None]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("visibility", ["public", "private"])
def test_view(role, visibility):
    assert p.can_view(role, visibility) == (role is not None or visibility == "public")


@pytest.mark.parametrize("role,expected", [("facilitator", True), ("member", True), ("observer", False), (None, False)])
def test_edit_board(role, expected):
    assert p.can_edit_board(role, "active") is expected
    assert p.can_edit_board(role, "archived") is False


def test_manage_is_facilitator_only():
    assert [p.can_manage(r) for r in ROLES] == [True, False, False, False]


def test_admin_acts_as_facilitator():
    assert p.effective_role(None, True) == "facilitator"
    assert p.effective_role("observer", False) == "observer"


def test_private_project_is_hidden_not_forbidden():
    with pytest.raises(NotFound):
        p.require_view(None, "private")


@pytest.mark.parametrize("role,signed_in,error", [
    (None, False, NotAuthenticated), (None, True, PermissionDenied), ("observer", True, PermissionDenied)])
def test_require_edit_on_public(role, signed_in, error):
    with pytest.raises(error):
        p.require_edit_board(role, "public", "active", signed_in)


def test_archived_board_is_read_only_for_members():
    with pytest.raises(PermissionDenied):
        p.require_edit_board("member", "private", "archived", True)


def test_require_manage():
    p.require_manage("facilitator", "private", True)
    with pytest.raises(PermissionDenied):
        p.require_manage("member", "private", True)
    with pytest.raises(NotFound):
        p.require_manage(None, "private", True)
    with pytest.raises(NotAuthenticated):
        p.require_manage(None, "public", False)
