"""The OpenAPI parts of affinity themes: a theme, the board's themes and a lane's suggested themes."""
from __future__ import annotations

from ..domain import board, theme_suggest, themes


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    """components/schemas of a theme and of suggestions (changes are the theme.* ops)."""
    time = {"type": "string", "format": "date-time"}
    card_ids = {"type": "array", "items": {"type": "integer"}}
    return {
        "Theme": {"type": "object", "description": "A named group of cards in one lane; its cards name it by "
                                                   "their theme_id.",
                  "required": ["id", "project_id", "stage", "name", "workshop_id", "created_by", "created_at",
                               "updated_at"],
                  "properties": {"id": {"type": "integer"}, "project_id": {"type": "integer"},
                                 "stage": {"enum": list(board.STAGE_KEYS)},
                                 "name": {"type": "string", "minLength": 1, "maxLength": themes.NAME_MAX},
                                 "workshop_id": {"type": ["integer", "null"],
                                                 "description": "The workshop running when it was made."},
                                 "created_by": {"type": ["integer", "null"]}, "created_at": time,
                                 "updated_at": time}},
        "ThemeSuggestions": {
            "type": "object", "required": ["stage", "seq", "considered", "capped", "suggestions"],
            "properties": {
                "stage": {"enum": list(board.STAGE_KEYS)},
                "seq": {"type": "integer", "description": "The board's seq the suggestions were made at."},
                "considered": {"type": "integer", "maximum": theme_suggest.CARDS_MAX,
                               "description": "Ungrouped cards read (the lane's first, in lane order)."},
                "capped": {"type": "boolean", "description": "The lane has more ungrouped cards than were read."},
                "suggestions": {"type": "array", "maxItems": theme_suggest.SUGGESTIONS_MAX, "items": {
                    "type": "object", "required": ["key", "name", "words", "card_ids"],
                    "properties": {"key": {"type": "string"},
                                   "name": {"type": "string", "maxLength": themes.NAME_MAX,
                                            "description": "Made of the group's top shared words."},
                                   "words": {"type": "array", "items": {"type": "string"}},
                                   "card_ids": card_ids}}}}},
    }


def paths(path_project: dict, responses, json_response, read: tuple) -> dict:
    """GET the board's themes and a lane's suggested themes."""
    return {
        "/projects/{project_id}/themes": {
            "parameters": [path_project],
            "get": {"operationId": "listThemes",
                    "summary": "The board's themes, lane by lane (changes: ops theme.create, theme.rename, "
                               "theme.delete, theme.assign)",
                    "responses": responses({"200": json_response({
                        "type": "object", "required": ["themes"],
                        "properties": {"themes": {"type": "array", "items": _ref("Theme")}}}, "Themes")}, *read)}},
        "/projects/{project_id}/themes/suggestions": {
            "parameters": [path_project, {"name": "stage", "in": "query", "required": True,
                                          "schema": {"enum": list(board.STAGE_KEYS)}}],
            "get": {"operationId": "suggestThemes",
                    "summary": "Facilitators: the lane's ungrouped cards grouped by shared words (Thai segmented, "
                               "TF-IDF and clustering). Read-only proposals: accept one with theme.create "
                               f"{{stage, name, card_ids}}; at most {themes.SUGGESTIONS_PER_MINUTE} asks a minute "
                               "per person (429 rate_limited)",
                    "responses": responses({"200": json_response(_ref("ThemeSuggestions"), "Suggestions")},
                                           *read, 403, 429)}},
    }
