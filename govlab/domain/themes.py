"""Affinity themes: names, limits, and the rules of grouping cards in a lane. Pure: no database, no Flask."""
from __future__ import annotations

import unicodedata

from .errors import N_, DomainError, ValidationError
from .text_rules import refuse_control_characters
from .theme_suggest import CARDS_MAX as SUGGEST_CARDS_MAX

NAME_MAX = 80
THEMES_PER_LANE_MAX = 100
CARDS_PER_THEME_MAX = 500  # an affinity group of more cards than a suggestion reads is not a theme any more
CARDS_PER_CREATE_MAX = SUGGEST_CARDS_MAX  # theme.create may take a whole suggestion's cards at once
SUGGESTIONS_PER_MINUTE = 10  # per person and process: a suggestion costs up to a second of CPU


class SuggestionsBusy(DomainError):
    """Suggestions were asked for too often."""

    code = "rate_limited"


def clean_name(value: object, field: str = "name") -> str:
    """A theme's name: one line of visible text, at most NAME_MAX characters (surrounding spaces dropped)."""
    if not isinstance(value, str):
        raise ValidationError(N_("The name must be text."), field=field)
    value = refuse_control_characters(value, field).strip()
    if not value or all(unicodedata.category(char) in ("Cf", "Zs", "Mn") for char in value):
        raise ValidationError(N_("The theme needs a name."), field=field)
    if len(value) > NAME_MAX:
        raise ValidationError(N_("The name is too long (at most %(max)d characters)."), field=field, max=NAME_MAX)
    return value


def suggested_name(name: str) -> str:
    """A suggestion's name cut to fit a theme's name (its words joined may run long)."""
    return name if len(name) <= NAME_MAX else name[:NAME_MAX - 1].rstrip() + "…"


def check_room(themes_in_lane: int) -> None:
    """Refuse a new theme in a lane that has THEMES_PER_LANE_MAX already."""
    if themes_in_lane >= THEMES_PER_LANE_MAX:
        raise ValidationError(N_("A lane can have at most %(max)d themes."), field="stage", max=THEMES_PER_LANE_MAX)


def check_size(cards_in_theme: int, adding: int = 1) -> None:
    """Refuse to put more than CARDS_PER_THEME_MAX cards in one theme."""
    if cards_in_theme + adding > CARDS_PER_THEME_MAX:
        raise ValidationError(N_("A theme can hold at most %(max)d cards."), field="card_ids",
                              max=CARDS_PER_THEME_MAX)
