"""Payload shapes of the theme ops (create, rename, delete, assign) and of the suggestions request."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from . import themes as rules
from .schemas import Id, Payload, StageKey

ThemeName = Annotated[str, AfterValidator(rules.clean_name),
                      Field(json_schema_extra={"minLength": 1, "maxLength": rules.NAME_MAX})]


class ThemeCreate(Payload):
    """op theme.create: a named theme in a lane, with some of the lane's cards in it at once (a suggestion's)."""

    stage: StageKey
    name: ThemeName
    card_ids: Annotated[list[Id], Field(max_length=rules.CARDS_PER_CREATE_MAX)] | None = None


class ThemeRename(Payload):
    """op theme.rename"""

    id: Id
    name: ThemeName


class ThemeRef(Payload):
    """op theme.delete: its cards stay in the lane, ungrouped."""

    id: Id


class ThemeAssign(Payload):
    """op theme.assign: put a card in a theme of its lane, or take it out (`theme_id` null)."""

    card_id: Id
    theme_id: Id | None = Field(description="A theme of the card's lane; null takes the card out of its theme.")


class ThemeSuggest(Payload):
    """socket themes.suggest: the facilitator's request for suggested themes of a lane."""

    project_id: Id
    stage: StageKey
