"""The evidence chain: typed links between cards, prototype and test fields, and stage-gate decisions.

insight/quote/pain point/persona —frames→ HMW ←answers— idea ←embodies— prototype ←tests— test,
then a facilitator's decision on the prototype. Pure rules: no database, no Flask.
"""
from __future__ import annotations

import re
from datetime import date

from .errors import N_, ValidationError

LINK_TYPES = ("frames", "answers", "embodies", "tests", "relates")
LINK_LABELS = {"frames": N_("frames"), "answers": N_("answers"), "embodies": N_("embodies"),
               "tests": N_("tests"), "relates": N_("relates to")}
# type → (kinds allowed at the `from` end, kinds allowed at the `to` end); None: any kind.
LINK_RULES: dict[str, tuple[tuple[str, ...] | None, tuple[str, ...] | None]] = {
    "frames": (("insight", "quote", "pain_point", "persona"), ("hmw",)),
    "answers": (("idea",), ("hmw",)),
    "embodies": (("prototype",), ("idea",)),
    "tests": (("test",), ("prototype",)),
    "relates": (None, None),
}
# Read from the other end of a link ("this HMW is framed by…"); the board's card dialog groups links so.
LINK_INVERSE_LABELS = {"frames": N_("framed by"), "answers": N_("answered by"), "embodies": N_("embodied by"),
                       "tests": N_("tested by"), "relates": N_("relates to")}
# Which end of a link lies earlier in the chain (insight → HMW → idea → prototype → test); None: neither.
LINK_UPSTREAM_END = {"frames": "from", "answers": "to", "embodies": "to", "tests": "to", "relates": None}
LINKS_PER_CARD_MAX = 200  # a card links to a few cards; hundreds is a script

FIDELITIES = ("paper", "mockup", "clickable", "service_pilot")
FIDELITY_LABELS = {"paper": N_("Paper"), "mockup": N_("Mock-up"), "clickable": N_("Clickable"),
                   "service_pilot": N_("Service pilot")}
PROTOTYPE_STATUSES = ("planned", "building", "testing", "iterating", "adopted", "scaled", "dropped")
PROTOTYPE_STATUS_LABELS = {"planned": N_("Planned"), "building": N_("Building"), "testing": N_("Testing"),
                           "iterating": N_("Iterating"), "adopted": N_("Adopted"), "scaled": N_("Scaled"),
                           "dropped": N_("Dropped")}
DEFAULT_PROTOTYPE_STATUS = "planned"
TEST_METHODS = ("interview", "usability", "ab_test", "pilot", "survey")
TEST_METHOD_LABELS = {"interview": N_("Interview"), "usability": N_("Usability test"), "ab_test": N_("A/B test"),
                      "pilot": N_("Pilot"), "survey": N_("Survey")}
VERDICTS = ("validated", "invalidated", "inconclusive")
VERDICT_LABELS = {"validated": N_("Validated"), "invalidated": N_("Invalidated"),
                  "inconclusive": N_("Inconclusive")}

DECISIONS = ("scale", "iterate", "pivot", "drop")
DECISION_LABELS = {"scale": N_("Scale"), "iterate": N_("Iterate"), "pivot": N_("Pivot"), "drop": N_("Drop")}
# A decision sets the prototype's status in the same transaction.
STATUS_AFTER_DECISION = {"scale": "scaled", "iterate": "iterating", "pivot": "iterating", "drop": "dropped"}
EVIDENCE_MAX = 50
RATIONALE_MAX = 5000

SHORT_TEXT_MAX = 500  # next step, participants, metric, target
LONG_TEXT_MAX = 5000  # hypothesis, result, learnings
PARTICIPANTS_MAX = 10_000_000
DUE_YEAR_MIN, DUE_YEAR_MAX = 1990, 2200
BUDDHIST_ERA_OFFSET = 543

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
PROTOTYPE_FIELDS = ("fidelity", "status", "owner_org_id", "next_step", "due_date")
TEST_FIELDS = ("hypothesis", "method", "participants_count", "participants_who", "metric", "target", "result",
               "verdict", "learnings")
STALL_DAYS_DEFAULT = 14
STALL_DAYS_MAX = 365


def check_link(link_type: str, from_card: dict, to_card: dict) -> None:
    """Refuse a link to the card itself, across projects, or between kinds its type does not join.

    The cards are dicts with `id`, `project_id` and `kind`. Raises ValidationError.
    """
    if link_type not in LINK_RULES:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field="type",
                              name="type", allowed=", ".join(LINK_TYPES))
    if from_card["id"] == to_card["id"]:
        raise ValidationError(N_("A card cannot be linked to itself."), field="to")
    if from_card["project_id"] != to_card["project_id"]:
        raise ValidationError(N_("Only cards of the same project can be linked."), field="to")
    from_kinds, to_kinds = LINK_RULES[link_type]
    if from_kinds is not None and (from_card["kind"] not in from_kinds or to_card["kind"] not in to_kinds):
        raise ValidationError(
            N_("A \"%(type)s\" link goes from a card of kind %(from_kinds)s to a card of kind %(to_kinds)s."),
            field="type", type=link_type, from_kinds=" / ".join(from_kinds), to_kinds=" / ".join(to_kinds))


def link_type_between(from_kind: str, to_kind: str) -> tuple[str, bool]:
    """The typed link two kinds make, and whether it runs the other way (to → from); else `relates`.

    Lets a "link to…" picker offer the meaningful type whichever card it starts from.
    """
    for link_type, (from_kinds, to_kinds) in LINK_RULES.items():
        if from_kinds is None:
            continue
        if from_kind in from_kinds and to_kind in to_kinds:
            return link_type, False
        if to_kind in from_kinds and from_kind in to_kinds:
            return link_type, True
    return "relates", False


def same_link(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    """Are two (from, to, type) links the same? `relates` has no direction."""
    if a == b:
        return True
    return a[2] == b[2] == "relates" and (a[0], a[1]) == (b[1], b[0])


def check_fields_kind(card_kind: str, wanted: str) -> None:
    """Prototype fields go on prototype cards, test fields on test cards. Raises ValidationError."""
    if card_kind != wanted:
        message = (N_("Prototype fields can only be set on a prototype card.") if wanted == "prototype"
                   else N_("Test fields can only be set on a test card."))
        raise ValidationError(message, field="id")


def parse_due_date(value: str) -> str:
    """A calendar date written YYYY-MM-DD (Christian Era), returned in that form. Raises ValidationError."""
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and _ISO_DATE.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise ValidationError(N_("The due date must be a date written YYYY-MM-DD."), field="due_date")
    if day.year > DUE_YEAR_MAX and day.year - BUDDHIST_ERA_OFFSET <= DUE_YEAR_MAX:
        raise ValidationError(N_("Write the year of the due date in the Christian Era (%(be)d B.E. is %(ce)d)."),
                              field="due_date", be=day.year, ce=day.year - BUDDHIST_ERA_OFFSET)
    if not DUE_YEAR_MIN <= day.year <= DUE_YEAR_MAX:
        raise ValidationError(N_("The due date must be between the years %(low)d and %(high)d."), field="due_date",
                              low=DUE_YEAR_MIN, high=DUE_YEAR_MAX)
    return day.isoformat()


def check_decision(decision: str, evidence: list[int], evidence_tests: dict[int, dict], prototype_id: int) -> None:
    """A decision other than `drop` rests on at least one test of this very prototype.

    `evidence_tests` maps each cited card id to {kind, tests: [prototype ids it tests], deleted}
    for the cited cards that exist in the project. Raises ValidationError.
    """
    if decision not in DECISIONS:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field="decision",
                              name="decision", allowed=", ".join(DECISIONS))
    if not evidence and decision != "drop":
        raise ValidationError(N_("Choose at least one test this decision rests on."), field="evidence")
    for card_id in evidence:
        found = evidence_tests.get(card_id)
        if found is None or found.get("deleted"):
            raise ValidationError(N_("Card %(id)d is not a test card of this project."), field="evidence", id=card_id)
        if found["kind"] != "test":
            raise ValidationError(N_("Card %(id)d is not a test card of this project."), field="evidence", id=card_id)
        if prototype_id not in found.get("tests", ()):
            raise ValidationError(N_("Card %(id)d does not test this prototype: link it with \"tests\" first."),
                                  field="evidence", id=card_id)


def status_after(decision: str) -> str:
    """The prototype status a decision sets."""
    return STATUS_AFTER_DECISION[decision]


def is_stalled(last_activity_days: float, stall_days: int, status: str) -> bool:
    """A prototype still in play with no activity for `stall_days` days or more is stalled."""
    return status not in ("adopted", "scaled", "dropped") and last_activity_days >= stall_days


def is_overdue(due: date | None, today: date, status: str) -> bool:
    """A next step whose due date has passed, on a prototype still in play."""
    return due is not None and due < today and status not in ("adopted", "scaled", "dropped")
