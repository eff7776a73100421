"""The workshop's pure rules: timer arithmetic with pauses, extends and skips; dot budgets; ranking."""
import pytest

from govlab.domain import workshop as rules
from govlab.domain.errors import Conflict, ValidationError

DURATIONS = [300, 120]


def test_a_running_timer_counts_down_from_its_start_and_never_below_zero():
    timer = rules.start(rules.Timer(), DURATIONS, now_ms=1_000)
    assert (timer.state, timer.index, timer.remaining_ms) == ("running", 0, 300_000)
    assert rules.remaining(timer, 1_000) == 300_000
    assert rules.remaining(timer, 61_000) == 240_000
    assert rules.remaining(timer, 10_000_000) == 0
    assert rules.remaining(timer, 0) == 300_000  # a clock before the start does not add time


def test_pause_freezes_and_resume_continues_from_what_was_left():
    timer = rules.start(rules.Timer(), DURATIONS, now_ms=0)
    paused = rules.pause(timer, now_ms=100_000)
    assert paused.state == "paused" and rules.remaining(paused, 999_999) == 200_000
    resumed = rules.resume(paused, now_ms=500_000)
    assert rules.remaining(resumed, 510_000) == 190_000
    with pytest.raises(Conflict):
        rules.resume(resumed, 0)
    with pytest.raises(Conflict):
        rules.pause(paused, 0)


def test_extend_adds_one_or_five_minutes_running_paused_or_after_time_ran_out():
    timer = rules.start(rules.Timer(), DURATIONS, now_ms=0)
    assert rules.remaining(rules.extend(timer, 60, now_ms=100_000), 100_000) == 260_000
    paused = rules.pause(timer, 100_000)
    assert rules.remaining(rules.extend(paused, 300, 0), 0) == 500_000
    ran_out = rules.extend(timer, 60, now_ms=400_000)  # 100 s past its end
    assert rules.remaining(ran_out, 400_000) == 60_000
    with pytest.raises(ValidationError):
        rules.extend(timer, 61, 0)
    with pytest.raises(Conflict):
        rules.extend(rules.Timer(), 60, 0)


def test_skip_starts_the_next_activity_in_full_and_ends_after_the_last():
    timer = rules.start(rules.Timer(), DURATIONS, now_ms=0)
    second = rules.skip(rules.pause(timer, 10_000), DURATIONS, now_ms=50_000)
    assert (second.state, second.index, rules.remaining(second, 50_000)) == ("running", 1, 120_000)
    done = rules.skip(second, DURATIONS, 60_000)
    assert done.state == "done" and rules.remaining(done, 60_000) == 0
    with pytest.raises(Conflict):
        rules.skip(done, DURATIONS, 0)


def test_start_refuses_an_empty_agenda_and_a_missing_activity():
    with pytest.raises(ValidationError):
        rules.start(rules.Timer(), [], 0)
    with pytest.raises(ValidationError):
        rules.start(rules.Timer(), DURATIONS, 0, index=2)


def test_budget_and_one_dot_per_card():
    rules.check_vote_add(budget=3, several_per_card=False, mine_total=2, mine_on_card=0)
    with pytest.raises(ValidationError):
        rules.check_vote_add(3, True, mine_total=3, mine_on_card=0)
    with pytest.raises(ValidationError):
        rules.check_vote_add(3, False, mine_total=1, mine_on_card=1)
    rules.check_vote_add(3, True, mine_total=2, mine_on_card=2)


def test_ranking_puts_most_dots_first_and_ties_by_card_id():
    assert rules.ranked({5: 2, 3: 2, 9: 7, 1: 0}) == [(9, 7), (3, 2), (5, 2), (1, 0)]
