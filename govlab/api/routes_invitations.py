"""REST routes of invitations: facilitators invite by e-mail, list, resend, withdraw; the invited person
lists the invitations to their address and accepts or declines them."""
from __future__ import annotations

from flask import g, jsonify

from ..errors import ApiError
from ..i18n import translate
from ..services import invitations, my_invitations
from . import bp, json_body, signed_in_actor


@bp.post("/projects/<id:project_id>/members")
def add_member(project_id: int):
    """Invite anyone by e-mail with a role (op member.add): always 201 with the pending invitation, whether or
    not the address has an account."""
    invitation = invitations.invite(g.actor, project_id, json_body())
    return jsonify(invitations.invitation_to_dict(invitation, with_email=True)), 201


@bp.get("/projects/<id:project_id>/invitations")
def list_invitations(project_id: int):
    """Facilitators: the invitations waiting for an answer (or expired), with their addresses."""
    rows = invitations.list_invitations(g.actor, project_id)
    return jsonify({"invitations": [invitations.invitation_to_dict(row, with_email=True) for row in rows]})


@bp.post("/projects/<id:project_id>/invitations/<id:invitation_id>/resend")
def resend_invitation(project_id: int, invitation_id: int):
    """Facilitators: mail the invitation again with a new link (op invitation.resend)."""
    _no_body_fields()
    invitation = invitations.resend(g.actor, project_id, {"id": invitation_id})
    return jsonify(invitations.invitation_to_dict(invitation, with_email=True))


@bp.delete("/projects/<id:project_id>/invitations/<id:invitation_id>")
def revoke_invitation(project_id: int, invitation_id: int):
    """Facilitators: withdraw an invitation (op invitation.revoke)."""
    invitations.revoke(g.actor, project_id, {"id": invitation_id})
    return "", 204


@bp.post("/invitations/accept")
def accept_invitation():
    """Accept an invitation mailed to the caller's own address: {token} from the link; joins its project."""
    from ..domain import schemas
    from ..services.serialize import membership_to_dict

    actor = signed_in_actor()
    data = schemas.parse(schemas.InvitationAccept, json_body())
    membership = invitations.accept(actor, data["token"])
    return jsonify({"project_id": membership.project_id, "member": membership_to_dict(membership)})


@bp.get("/invitations")
def my_open_invitations():
    """The open invitations to the caller's confirmed address (project, inviter, role, expiry)."""
    rows = my_invitations.open_invitations(g.actor)
    return jsonify({"invitations": [my_invitations.to_dict(row) for row in rows]})


@bp.post("/invitations/<id:invitation_id>/accept")
def accept_my_invitation(invitation_id: int):
    """Accept an invitation to the caller's address by its id (the same write as the link); joins its project."""
    from ..services.serialize import membership_to_dict

    _no_body_fields()
    membership = my_invitations.accept(g.actor, invitation_id)
    return jsonify({"project_id": membership.project_id, "member": membership_to_dict(membership)})


@bp.post("/invitations/<id:invitation_id>/decline")
def decline_my_invitation(invitation_id: int):
    """Decline an invitation to the caller's address; its facilitators see it as declined."""
    _no_body_fields()
    return jsonify(my_invitations.to_dict(my_invitations.decline(g.actor, invitation_id)))


def _no_body_fields() -> None:
    """A resend takes no body; anything sent must at least be empty JSON (an unknown field is refused)."""
    from flask import request

    if request.get_data(cache=True) and json_body():
        raise ApiError("validation_error", translate("Unknown field: %(name)s.", name=next(iter(json_body()))))
