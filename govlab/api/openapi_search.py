"""The OpenAPI parts of the search over a board's cards."""
from __future__ import annotations

from ..domain import thai_search


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def schemas() -> dict:
    """components/schemas of a search answer."""
    pieces = {"type": "array", "items": {
        "type": "object", "required": ["text", "match"],
        "properties": {"text": {"type": "string"},
                       "match": {"type": "boolean", "description": "This piece matches a query word (highlight it)."}}}}
    return {
        "CardSearchHit": {"type": "object", "required": ["card", "score", "title", "body"],
                          "properties": {"card": _ref("Card"),
                                         "score": {"type": "number", "description": (
                                             "3 per query word that is a whole word of the card, 1 per word found "
                                             "only inside a longer word; higher first.")},
                                         "title": {**pieces, "description": "The whole title, cut into pieces."},
                                         "body": {**pieces, "description": (
                                             "A window of the body around the first match; \"…\" marks a cut.")}}},
        "CardSearch": {"type": "object", "required": ["query", "terms", "results"],
                       "properties": {"query": {"type": "string"},
                                      "terms": {"type": "array", "items": {"type": "string"},
                                                "description": "The query's words (Thai segmented with newmm), "
                                                               "folded; a query of 1-2 characters is one term."},
                                      "results": {"type": "array", "items": _ref("CardSearchHit"),
                                                  "maxItems": 50}}},
    }


def paths(path_project: dict, responses, json_response, read: tuple) -> dict:
    """The search path."""
    query = {"name": "q", "in": "query", "required": False,
             "description": f"Words to find, Thai and English alike (at most {thai_search.QUERY_MAX} characters are "
                            "read). Empty: no results.",
             "schema": {"type": "string"}}
    return {
        "/projects/{project_id}/search": {
            "parameters": [path_project, query],
            "get": {"operationId": "searchCards",
                    "summary": "Live cards of a board the caller may see whose title or text match, best first "
                               "(deleted cards and hidden silent-brainstorm notes never)",
                    "responses": responses({"200": json_response(_ref("CardSearch"), "The matching cards")},
                                           *read)}},
    }
