"""Ids inside copied Event payloads, rewritten for an imported project.

An Event payload holds serialised cards, links, decisions, projects, members and organisations with the
source GovLab's ids. On import every id is rewritten by what it names: cards, links, decisions and themes to
their new ids (None when the file does not hold the object), the project to the new project, an
organisation to the one matched here by its names (else None), and accounts to None — accounts are
not carried between GovLabs; their names stay in the payload. Pure: no database, no Flask.
"""
from __future__ import annotations

from dataclasses import dataclass, field

# Which object an "id" names, by the key of the object (or list of objects) holding it.
_ID_KIND = {"card": "card", "cards": "card", "link": "link", "links": "link", "decision": "decision",
            "decisions": "decision", "project": "project", "user": "user",
            "organisation": "organisation", "owner_organisation": "organisation",
            "invitation": "invitation",  # invitations are not carried: their ids become None
            "theme": "theme"}
# Keys that name an account anywhere in a payload.
_ACCOUNT_KEYS = {"author_id", "actor_id", "created_by", "decided_by", "user_id", "invited_by",
                 "invitation_id"}  # (an invitation is not carried either)
# Keys that name a card, and the contexts where they do (a card.move's "from" is a place, not a card).
_CARD_KEYS = {"prototype_id": None, "card_id": None, "after": None, "before": None,
              "from": ("link", "links"), "to": ("link", "links")}
_ORG_ID_KEYS = {"owner_org_id": "owner_organisation", "org_id": "organisation"}
# Workshop join codes are not carried either: their ids (and the one a guest's member.add names) become None.
_ID_KIND["join_code"] = "join_code"
_ACCOUNT_KEYS.add("join_code_id")
_THEME_KEYS = {"theme_id", "from_theme_id"}
_CARD_LISTS = {"evidence", "card_ids"}  # lists of bare card ids (a decision's tests, a vote's or theme's cards)


@dataclass
class IdMaps:
    """Old id → new id of everything an import created; organisations by their (name_th, name_en)."""

    project: int
    cards: dict[int, int] = field(default_factory=dict)
    links: dict[int, int] = field(default_factory=dict)
    decisions: dict[int, int] = field(default_factory=dict)
    themes: dict[int, int] = field(default_factory=dict)
    organisations: dict[tuple[str, str], int | None] = field(default_factory=dict)

    def new_id(self, kind: str, old: object, holder: dict) -> int | None:
        """The new id of an object of this kind (None for accounts and objects the import did not create)."""
        if kind == "project":
            return self.project
        if kind == "organisation":
            return self.organisations.get((holder.get("name_th"), holder.get("name_en")))
        table = {"card": self.cards, "link": self.links, "decision": self.decisions, "theme": self.themes}.get(kind)
        return table.get(old) if table is not None and isinstance(old, int) else None


def remap_payload(value: object, maps: IdMaps, context: str | None = None) -> object:
    """A copy of a payload (or part of one) with every id it holds rewritten for the new project."""
    if isinstance(value, list):
        if context in _CARD_LISTS:
            return [maps.cards.get(item) if isinstance(item, int) else item for item in value]
        return [remap_payload(item, maps, context) for item in value]
    if not isinstance(value, dict):
        return value
    result = {}
    for key, item in value.items():
        if key == "id" and context in _ID_KIND:
            result[key] = maps.new_id(_ID_KIND[context], item, value)
        elif key in _ACCOUNT_KEYS:
            result[key] = None
        elif key == "project_id":
            result[key] = maps.project
        elif key in _THEME_KEYS and isinstance(item, int):
            result[key] = maps.themes.get(item)
        elif key in _CARD_KEYS and isinstance(item, int) and (_CARD_KEYS[key] is None or context in _CARD_KEYS[key]):
            result[key] = maps.cards.get(item)
        else:
            result[key] = remap_payload(item, maps, key)
    for key, holder in _ORG_ID_KEYS.items():
        if key in result:
            org = result.get(holder)
            result[key] = org.get("id") if isinstance(org, dict) else None
    return result
