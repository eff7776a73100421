"""Payload shapes of the workshop ops (agenda and timer, lock, silent notes, dot votes)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from . import board as board_rules
from . import workshop as rules
from .errors import N_, ValidationError
from .schemas import Body, Id, Payload, StageKey, Title, _required_text

# A date and time typed without an offset is Thailand's (UTC+7): the workshops this serves happen there.
LOCAL_OFFSET = timezone(timedelta(hours=7))


def parse_when(value: str) -> str:
    """An ISO 8601 date and time (with or without offset; none = UTC+7) as UTC ISO text with a Z."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError(N_("Use a date and time like 2025-05-01T09:30."), field="starts_at") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_OFFSET)
    if not 2000 <= moment.year <= 2200:
        raise ValidationError(N_("%(name)s is out of range."), field="starts_at", name="starts_at")
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


When = Annotated[str, Field(max_length=40, json_schema_extra={"format": "date-time"}), AfterValidator(parse_when)]
Instruction = Annotated[str, AfterValidator(lambda value: _required_text(value, "instruction", rules.INSTRUCTION_MAX)),
                        Field(json_schema_extra={"minLength": 1, "maxLength": rules.INSTRUCTION_MAX})]
KindKey = Literal[rules.KINDS]


class Activity(Payload):
    """One agenda item: a lane, what to do, for how long (seconds), and how."""

    stage: StageKey
    instruction: Instruction
    duration: Annotated[int, Field(ge=30, le=rules.DURATION_MAX, description="Seconds.")]
    kind: KindKey


class WorkshopCreate(Payload):
    """op workshop.create"""

    title: Title
    starts_at: When | None = None
    agenda: Annotated[list[Activity], Field(max_length=rules.ACTIVITIES_MAX)] = Field(default_factory=list)


class WorkshopUpdate(Payload):
    """op workshop.update: title, start time and/or the whole agenda."""

    id: Id
    title: Title | None = None
    starts_at: When | None = None
    agenda: Annotated[list[Activity], Field(max_length=rules.ACTIVITIES_MAX)] | None = None


class WorkshopRef(Payload):
    """ops workshop.pause, workshop.resume, workshop.skip, workshop.reveal"""

    id: Id


class WorkshopStart(Payload):
    """op workshop.start: run activity `index` (0-based; default the first)."""

    id: Id
    index: Annotated[int, Field(ge=0, le=rules.ACTIVITIES_MAX)] = 0


class WorkshopExtend(Payload):
    """op workshop.extend: +60 or +300 seconds."""

    id: Id
    seconds: Literal[rules.EXTEND_CHOICES]


class BoardLock(Payload):
    """op board.lock: freeze the whole board and/or some lanes (facilitators can still act)."""

    board: bool = False
    stages: Annotated[list[StageKey], Field(max_length=len(board_rules.STAGE_KEYS))] = Field(default_factory=list)


class NoteAdd(Payload):
    """op note.add: a card kept hidden until the facilitator reveals (silent brainstorm)."""

    stage: StageKey
    title: Title
    body: Body | None = None


class NoteRef(Payload):
    """op note.delete"""

    id: Id


class VoteOpen(Payload):
    """op vote.open: on a lane, or on chosen cards of the board."""

    stage: StageKey | None = None
    card_ids: Annotated[list[Id], Field(max_length=rules.VOTE_CARDS_MAX)] | None = None
    budget: Annotated[int, Field(ge=1, le=rules.BUDGET_MAX)] = 3
    several_per_card: bool = False
    live_results: bool = False
    title: Title | None = None


class VoteDot(Payload):
    """ops vote.add and vote.remove: one dot on (or off) one card."""

    vote_id: Id
    card_id: Id


class VoteRef(Payload):
    """op vote.close"""

    vote_id: Id


class VotePromote(Payload):
    """op vote.promote: move the `count` best-ranked cards to the next lane (or `stage`)."""

    vote_id: Id
    count: Annotated[int, Field(ge=1, le=rules.VOTE_CARDS_MAX)] = 3
    stage: StageKey | None = None


class Clock(Payload):
    """socket clock: ask the server's time (the ack carries it)."""

    t0: Annotated[int, Field(ge=0, le=2**53)] | None = None


class WorkshopFocus(Payload):
    """op workshop.focus: bring everyone to a lane or to a card (neither: stop leading)."""

    workshop_id: Id
    stage: StageKey | None = Field(None, description="A lane to bring everyone to.")
    card_id: Id | None = Field(None, description="A live card of the board (its lane comes with it).")


class BoardAnonymous(Payload):
    """op board.anonymous: hide (true) or show again (false) who wrote what, from everyone but facilitators."""

    anonymous: bool
