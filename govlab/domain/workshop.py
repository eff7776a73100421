"""Workshop rules: activity kinds, the shared timer's arithmetic, dot-vote budgets. Pure: no Flask, no SQL.

The timer is never ticked in storage. It is a state (idle, running, paused, done), the moment the
current run began (`started_ms`, server epoch milliseconds) and what remained then (`remaining_ms`).
Every reader computes the rest from the server's clock; clients correct for their clock offset.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .errors import N_, Conflict, ValidationError

KINDS = ("discuss", "silent_brainstorm", "vote", "cluster", "present")
KIND_LABELS = {
    "discuss": N_("Discuss"),
    "silent_brainstorm": N_("Silent brainstorm"),
    "vote": N_("Dot vote"),
    "cluster": N_("Cluster into themes"),
    "present": N_("Present"),
}
TIMER_STATES = ("idle", "running", "paused", "done")
TIMER_STATE_LABELS = {"idle": N_("Not started"), "running": N_("Running"), "paused": N_("Paused"),
                      "done": N_("Finished")}
EXTEND_CHOICES = (60, 300)  # +1 and +5 minutes, in seconds
DURATION_MAX = 4 * 60 * 60  # one activity lasts at most four hours (seconds)
ACTIVITIES_MAX = 40
INSTRUCTION_MAX = 500
WORKSHOP_TITLE_MAX = 200
BUDGET_MAX = 20
VOTE_CARDS_MAX = 200


@dataclass(frozen=True)
class Timer:
    """The shared timer of the current activity (times in server epoch milliseconds)."""

    state: str = "idle"
    index: int = -1  # the current activity, -1 before the start
    started_ms: int | None = None  # when the current run began (running only)
    remaining_ms: int = 0  # what remained when it began (running) or when it was paused


def remaining(timer: Timer, now_ms: int) -> int:
    """Milliseconds left at `now_ms` (never below zero)."""
    if timer.state == "running" and timer.started_ms is not None:
        return max(0, timer.remaining_ms - max(0, now_ms - timer.started_ms))
    if timer.state == "paused":
        return max(0, timer.remaining_ms)
    return 0


def start(timer: Timer, durations: list[int], now_ms: int, index: int = 0) -> Timer:
    """Start (or restart) activity `index` with its full duration."""
    if not durations:
        raise ValidationError(N_("Add at least one activity to the agenda first."), field="agenda")
    if not 0 <= index < len(durations):
        raise ValidationError(N_("There is no activity number %(number)d."), field="index", number=index + 1)
    return Timer("running", index, now_ms, durations[index] * 1000)


def pause(timer: Timer, now_ms: int) -> Timer:
    """Freeze the time left."""
    if timer.state != "running":
        raise Conflict(N_("The timer is not running."))
    return Timer("paused", timer.index, None, remaining(timer, now_ms))


def resume(timer: Timer, now_ms: int) -> Timer:
    """Run again from the time left when paused."""
    if timer.state != "paused":
        raise Conflict(N_("The timer is not paused."))
    return Timer("running", timer.index, now_ms, timer.remaining_ms)


def extend(timer: Timer, seconds: int, now_ms: int) -> Timer:
    """Add time to the current activity (also to one whose time ran out, which runs again)."""
    if seconds not in EXTEND_CHOICES:
        raise ValidationError(N_("Invalid value for %(name)s. Use one of: %(allowed)s."), field="seconds",
                              name="seconds", allowed=", ".join(str(s) for s in EXTEND_CHOICES))
    if timer.state == "paused":
        return replace(timer, remaining_ms=timer.remaining_ms + seconds * 1000)
    if timer.state == "running":
        return Timer("running", timer.index, now_ms, remaining(timer, now_ms) + seconds * 1000)
    raise Conflict(N_("Start an activity first."))


def skip(timer: Timer, durations: list[int], now_ms: int) -> Timer:
    """End the current activity and start the next one (the agenda is done after the last)."""
    if timer.state in ("idle", "done"):
        raise Conflict(N_("Start an activity first."))
    following = timer.index + 1
    if following >= len(durations):
        return Timer("done", timer.index, None, 0)
    return start(timer, durations, now_ms, following)


def check_agenda(activities: list[dict]) -> list[dict]:
    """The agenda's activities, checked for count (field rules are the schema's)."""
    if len(activities) > ACTIVITIES_MAX:
        raise ValidationError(N_("An agenda has at most %(max)d activities."), field="agenda", max=ACTIVITIES_MAX)
    return activities


def check_vote_add(budget: int, several_per_card: bool, mine_total: int, mine_on_card: int) -> None:
    """May one more dot be given? Raises ValidationError when the budget or the one-per-card rule says no."""
    if mine_total >= budget:
        raise ValidationError(N_("You have used all your %(budget)d dots."), field="card_id", budget=budget)
    if not several_per_card and mine_on_card >= 1:
        raise ValidationError(N_("One dot per card in this vote."), field="card_id")


def ranked(totals: dict[int, int]) -> list[tuple[int, int]]:
    """(card id, dots) from most to fewest dots; ties keep the older card first."""
    return sorted(totals.items(), key=lambda item: (-item[1], item[0]))
