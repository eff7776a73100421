"""The OpenAPI parts of comments (read; changes are the comment.* ops), card follows, mentions and notifications."""
from __future__ import annotations

from ..domain import comments, notifications

ID = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
PATH_NOTIFICATION = {"name": "notification_id", "in": "path", "required": True, "schema": ID}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    """components/schemas of a comment, a thread, a notification and a list of them."""
    time = {"type": "string", "format": "date-time"}
    nullable_time = {"type": ["string", "null"], "format": "date-time"}
    mention = {"type": "object", "required": ["user_id", "text", "name"],
               "properties": {"user_id": {"type": ["integer", "null"],
                                          "description": "null: not a member when written (nobody was told)."},
                              "text": {"type": "string"}, "name": {"type": ["string", "null"],
                                                                   "description": "The person's name now."}}}
    return {
        "Comment": {"type": "object",
                    "required": ["id", "project_id", "card_id", "parent_id", "author_id", "author_name", "body",
                                 "mentions", "version", "created_at", "edited_at", "deleted", "hidden"],
                    "properties": {"id": {"type": "integer"}, "project_id": {"type": "integer"},
                                   "card_id": {"type": "integer"},
                                   "parent_id": {"type": ["integer", "null"],
                                                 "description": "The top comment of the thread (replies only)."},
                                   "author_id": {"type": ["integer", "null"]},
                                   "author_name": {"type": ["string", "null"]},
                                   "body": {"type": "string", "maxLength": comments.COMMENT_MAX,
                                            "description": "Empty when deleted, or hidden from the caller."},
                                   "mentions": {"type": "array", "items": mention},
                                   "version": {"type": "integer"}, "created_at": time, "edited_at": nullable_time,
                                   "deleted": {"type": "boolean"},
                                   "hidden": {"type": "boolean", "description": "Hidden by a facilitator."}}},
        "ThreadComment": {"allOf": [_ref("Comment"), {
            "type": "object", "required": ["can_reply", "can_edit", "can_hide"],
            "properties": {"can_reply": {"type": "boolean"},
                           "can_edit": {"type": "boolean", "description": "The caller's own (edit and delete)."},
                           "can_hide": {"type": "boolean"}}}]},
        "CommentThread": {"type": "object",
                          "required": ["card_id", "comments", "count", "can_comment", "can_hide", "following",
                                       "can_follow"],
                          "properties": {"card_id": {"type": "integer"},
                                         "comments": {"type": "array", "items": _ref("ThreadComment"),
                                                      "description": "Top comments oldest first, each followed "
                                                                     "by its replies."},
                                         "count": {"type": "integer"}, "can_comment": {"type": "boolean"},
                                         "can_hide": {"type": "boolean"}, "following": {"type": "boolean"},
                                         "can_follow": {"type": "boolean"}}},
        "Notification": {"type": "object",
                         "required": ["id", "kind", "sentence", "excerpt", "project_id", "card_id", "comment_id",
                                      "read", "created_at"],
                         "properties": {"id": {"type": "integer"}, "kind": {"enum": list(notifications.KINDS)},
                                        "sentence": {"type": "string", "description": "In the caller's language."},
                                        "excerpt": {"type": ["string", "null"]},
                                        "project_id": {"type": ["integer", "null"]},
                                        "card_id": {"type": ["integer", "null"]},
                                        "comment_id": {"type": ["integer", "null"]},
                                        "read": {"type": "boolean"}, "created_at": time}},
    }


def paths(path_project: dict, path_card: dict, responses, json_response, read: tuple, write: tuple) -> dict:
    """The paths of comment threads, follows, mentionable members and notifications."""
    unread = {"type": "integer", "minimum": 0}
    follow = json_response({"type": "object", "required": ["card_id", "following"],
                            "properties": {"card_id": {"type": "integer"}, "following": {"type": "boolean"}}},
                           "Whether the caller follows the card now")
    return {
        "/cards/{card_id}/comments": {
            "parameters": [path_card],
            "get": {"operationId": "listComments",
                    "summary": "A card's comments as the caller may see them (write with the comment.* ops)",
                    "responses": responses({"200": json_response(_ref("CommentThread"), "The thread")}, *read)}},
        "/cards/{card_id}/follow": {
            "parameters": [path_card],
            "put": {"operationId": "followCard", "summary": "Follow a card (status changes, decisions, comments)",
                    "responses": responses({"200": follow}, 401, 404, 422, 429)},
            "delete": {"operationId": "unfollowCard", "summary": "Stop following a card (authors too)",
                       "responses": responses({"200": follow}, 401, 404, 422, 429)}},
        "/projects/{project_id}/mentionable": {
            "parameters": [path_project],
            "get": {"operationId": "listMentionable",
                    "summary": "Members whose name contains q (NFC, any part of the name), for @mentions",
                    "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 120}}],
                    "responses": responses({"200": json_response(
                        {"type": "object", "required": ["members"],
                         "properties": {"members": {"type": "array", "maxItems": comments.MEMBER_SEARCH_MAX,
                                                    "items": {"type": "object", "required": ["id", "name"],
                                                              "properties": {"id": {"type": "integer"},
                                                                             "name": {"type": "string"}}}}}},
                        "Members")}, 401, 403, 404, 422, 429)}},
        "/notifications": {
            "get": {"operationId": "listNotifications",
                    "summary": "The caller's newest notifications (only those they may still see) and the unread count",
                    "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1,
                                                                                "maximum": 2**31 - 1}},
                                   {"name": "before", "in": "query", "schema": ID,
                                    "description": "Page back: notifications older than this id."}],
                    "responses": responses({"200": json_response(
                        {"type": "object", "required": ["notifications", "unread"],
                         "properties": {"notifications": {"type": "array", "items": _ref("Notification")},
                                        "unread": unread}}, "Notifications")}, 401, 422, 429)}},
        "/notifications/{notification_id}/read": {
            "parameters": [PATH_NOTIFICATION],
            "post": {"operationId": "readNotification", "summary": "Mark one notification read",
                     "responses": responses({"200": json_response(
                         {"type": "object", "required": ["id", "read", "unread"],
                          "properties": {"id": {"type": "integer"}, "read": {"const": True}, "unread": unread}},
                         "Marked")}, 400, 401, 404, 422, 429)}},
        "/notifications/read-all": {
            "post": {"operationId": "readAllNotifications", "summary": "Mark every notification of the caller read",
                     "responses": responses({"200": json_response(
                         {"type": "object", "required": ["marked", "unread"],
                          "properties": {"marked": unread, "unread": unread}}, "Marked")}, 400, 401, 429)}},
    }
