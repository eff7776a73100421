"""The four-stage board: stage keys, the card kinds allowed in each, colours and field limits."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .errors import N_, ValidationError
from .text_rules import refuse_control_characters

TITLE_MAX = 200
BODY_MAX = 10_000


@dataclass(frozen=True)
class Stage:
    """One lane of the board: a fixed key, its label and hint msgids, and its card kinds."""

    key: str
    label: str
    hint: str
    kinds: tuple[str, ...]

    @property
    def default_kind(self) -> str:
        """The kind a new card gets in this lane when none is given."""
        return self.kinds[0]


STAGES: tuple[Stage, ...] = (
    Stage("empathize", N_("Empathize"),
          N_("What people feel, say and struggle with: insights, quotes, pain points, personas."),
          ("insight", "quote", "pain_point", "persona", "hmw", "note")),
    Stage("ideate", N_("Ideate"),
          N_("As many ideas as you can for the \"How might we\" questions."),
          ("idea", "note")),
    Stage("prototype", N_("Prototype"),
          N_("Quick, cheap versions of the chosen ideas that people can try."),
          ("prototype", "note")),
    Stage("test", N_("Test"),
          N_("Tests with real users: what you tried, what you measured, what you learned."),
          ("test", "note")),
)
STAGE_KEYS = tuple(stage.key for stage in STAGES)
_BY_KEY = {stage.key: stage for stage in STAGES}

KIND_LABELS = {
    "insight": N_("Insight"),
    "quote": N_("Quote"),
    "pain_point": N_("Pain point"),
    "persona": N_("Persona"),
    "hmw": N_("How might we"),
    "idea": N_("Idea"),
    "prototype": N_("Prototype"),
    "test": N_("Test"),
    "note": N_("Note"),
}

COLORS = ("yellow", "orange", "pink", "purple", "blue", "teal", "green", "grey")
COLOR_LABELS = {
    "yellow": N_("Yellow"), "orange": N_("Orange"), "pink": N_("Pink"), "purple": N_("Purple"),
    "blue": N_("Blue"), "teal": N_("Teal"), "green": N_("Green"), "grey": N_("Grey"),
}
DEFAULT_COLOR = "yellow"


def get_stage(key: object) -> Stage:
    """Return the stage with this key, or raise a ValidationError naming the field."""
    if not isinstance(key, str) or key not in _BY_KEY:
        raise ValidationError(N_("Unknown stage. Use one of: %(stages)s."), field="stage",
                              stages=", ".join(STAGE_KEYS))
    return _BY_KEY[key]


def check_kind(stage_key: str, kind: object) -> str:
    """Return the kind if the stage allows it; None means the stage's default kind."""
    stage = get_stage(stage_key)
    if kind is None:
        return stage.default_kind
    if not isinstance(kind, str) or kind not in stage.kinds:
        raise ValidationError(N_("A %(stage)s card cannot be of this kind. Allowed: %(kinds)s."),
                              field="kind", stage=stage.key, kinds=", ".join(stage.kinds))
    return kind


def kind_after_move(kind: str, old_stage_key: str, new_stage_key: str,
                    remembered: dict[str, str] | None) -> tuple[str, dict[str, str]]:
    """The card's kind in its new lane, and its updated per-stage memory of kinds.

    The kind is kept when the new lane allows it; otherwise the kind the card last had in that lane,
    else the lane's default (an idea becomes a prototype). The old lane's kind is remembered, so a
    pain point moved to Test and back is a pain point again.
    """
    stage = get_stage(new_stage_key)
    memory = {key: value for key, value in (remembered or {}).items() if key in _BY_KEY}
    memory[old_stage_key] = kind
    if kind in stage.kinds:
        return kind, memory
    earlier = memory.get(stage.key)
    return (earlier if earlier in stage.kinds else stage.default_kind), memory


def clean_title(value: object) -> str:
    """Validate a card or project title: a non-empty string of at most TITLE_MAX characters."""
    if not isinstance(value, str):
        raise ValidationError(N_("The title must be text."), field="title")
    value = refuse_control_characters(value, "title").strip()
    if not value or all(unicodedata.category(char) in ("Cf", "Zs", "Mn") for char in value):
        raise ValidationError(N_("The title is required."), field="title")  # invisible characters alone are empty
    if len(value) > TITLE_MAX:
        raise ValidationError(N_("The title is too long (at most %(max)d characters)."),
                              field="title", max=TITLE_MAX)
    return value


def clean_body(value: object, field: str = "body", limit: int = BODY_MAX) -> str:
    """Validate free text: a string (None means empty) of at most `limit` characters."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValidationError(N_("This field must be text."), field=field)
    if len(value) > limit:
        raise ValidationError(N_("The text is too long (at most %(max)d characters)."),
                              field=field, max=limit)
    return refuse_control_characters(value, field, multiline=True).replace("\r\n", "\n")


def check_color(value: object) -> str:
    """Return a palette colour; None means the default colour."""
    if value is None:
        return DEFAULT_COLOR
    if not isinstance(value, str) or value not in COLORS:
        raise ValidationError(N_("Unknown colour. Use one of: %(colors)s."), field="color",
                              colors=", ".join(COLORS))
    return value
