"""The OpenAPI parts of invitations: invite by e-mail (POST /members), list, resend, withdraw; the invited
person's own list, accept and decline."""
from __future__ import annotations

from ..domain import invitations, permissions


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    """components/schemas of an invitation (with its address: only facilitators ever get one)."""
    timestamp = {"type": "string", "format": "date-time"}
    return {"Invitation": {
        "type": "object", "description": "An invitation by e-mail; Events carry it without the address.",
        "required": ["id", "project_id", "role", "state", "invited_by", "created_at", "expires_at",
                     "last_sent_at", "send_count"],
        "properties": {"id": {"type": "integer"}, "project_id": {"type": "integer"}, "email": {"type": "string"},
                       "role": {"enum": list(permissions.ROLES)}, "state": {"enum": list(invitations.STATES)},
                       "invited_by": {"type": ["integer", "null"]}, "created_at": timestamp,
                       "expires_at": timestamp, "last_sent_at": timestamp,
                       "send_count": {"type": "integer", "minimum": 1, "maximum": invitations.SENDS_MAX}}},
        "MyInvitation": {
            "type": "object", "description": "An invitation to the caller's own address, as its invitee sees it.",
            "required": ["id", "project", "role", "state", "invited_by", "created_at", "expires_at"],
            "properties": {"id": {"type": "integer"},
                           "project": {"type": "object", "required": ["id", "title"],
                                       "properties": {"id": {"type": "integer"}, "title": {"type": "string"}}},
                           "role": {"enum": list(permissions.ROLES)}, "state": {"enum": list(invitations.STATES)},
                           "invited_by": {"oneOf": [_ref("User"), {"type": "null"}]},
                           "created_at": timestamp, "expires_at": timestamp}}}


def paths(path_project: dict, id_schema: dict, responses, json_response, read: tuple, write: tuple) -> dict:
    """The paths of invitations (POST /projects/{id}/members is the invitation itself)."""
    path_invitation = {"name": "invitation_id", "in": "path", "required": True, "schema": id_schema}
    one = json_response(_ref("Invitation"), "The invitation (with its address)")
    return {
        "/projects/{project_id}/members": {
            "post": {"operationId": "addMember",
                     "summary": "Invite anyone by e-mail with a role (op member.add): 201 with the pending invitation "
                                "whether or not the address has an account; 409 when a member already uses the "
                                "address or an invitation to it is waiting; 429 past "
                                f"{invitations.INVITES_PER_DAY} invitations a day",
                     "requestBody": {"required": True,
                                     "content": {"application/json": {"schema": _ref("MemberAdd")}}},
                     "responses": responses({"201": one}, *write, 409)}},
        "/projects/{project_id}/invitations": {
            "parameters": [path_project],
            "get": {"operationId": "listInvitations",
                    "summary": "Facilitators: invitations waiting for an answer, or expired, newest first",
                    "responses": responses({"200": json_response({
                        "type": "object", "required": ["invitations"],
                        "properties": {"invitations": {"type": "array", "items": _ref("Invitation")}}},
                        "Invitations")}, *read, 403)}},
        "/projects/{project_id}/invitations/{invitation_id}/resend": {
            "parameters": [path_project, path_invitation],
            "post": {"operationId": "resendInvitation",
                     "summary": "Mail the invitation again with a new link valid 14 days (op invitation.resend; "
                                f"at most {invitations.SENDS_MAX} mails, {invitations.RESEND_MINUTES} minutes apart)",
                     "responses": responses({"200": one}, *write, 409)}},
        "/invitations/accept": {
            "post": {"operationId": "acceptInvitation",
                     "summary": "Accept an invitation mailed to the caller's own address (token: the link's last part); "
                                "400 invalid_link for a forged, used, withdrawn or expired one, 403 for another "
                                "address",
                     "requestBody": {"required": True, "content": {"application/json": {"schema": {
                         "type": "object", "required": ["token"], "additionalProperties": False,
                         "properties": {"token": {"type": "string", "maxLength": 200}}}}}},
                     "responses": responses({"200": json_response({
                         "type": "object", "required": ["project_id", "member"],
                         "properties": {"project_id": {"type": "integer"}, "member": _ref("Membership")}},
                         "Joined")}, *write)}},
        "/invitations": {
            "get": {"operationId": "listMyInvitations",
                    "summary": "The open invitations to the caller's confirmed address, newest first",
                    "responses": responses({"200": json_response({
                        "type": "object", "required": ["invitations"],
                        "properties": {"invitations": {"type": "array", "items": _ref("MyInvitation")}}},
                        "Invitations for you")}, *read)}},
        "/invitations/{invitation_id}/accept": {
            "parameters": [path_invitation],
            "post": {"operationId": "acceptMyInvitation",
                     "summary": "Accept an invitation to the caller's address by its id (the same write as the "
                                "link); 404 for another address's, 400 invalid_link when no longer open",
                     "responses": responses({"200": json_response({
                         "type": "object", "required": ["project_id", "member"],
                         "properties": {"project_id": {"type": "integer"}, "member": _ref("Membership")}},
                         "Joined")}, *write)}},
        "/invitations/{invitation_id}/decline": {
            "parameters": [path_invitation],
            "post": {"operationId": "declineMyInvitation",
                     "summary": "Decline an invitation to the caller's address (Event invitation.decline); 404 for "
                                "another address's, 400 invalid_link when no longer open",
                     "responses": responses({"200": json_response(_ref("MyInvitation"), "Declined")}, *write)}},
        "/projects/{project_id}/invitations/{invitation_id}": {
            "parameters": [path_project, path_invitation],
            "delete": {"operationId": "revokeInvitation", "summary": "Withdraw an invitation (op invitation.revoke)",
                       "responses": responses({"204": {"description": "Withdrawn"}}, *write, 409)}},
    }
