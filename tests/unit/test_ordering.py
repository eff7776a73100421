"""Fractional ordering keys (the fractional-indexing format) and the placement planner."""
import random
import re

import fractional_indexing
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govlab.domain import ordering
from govlab.domain.errors import ValidationError


def test_first_key_and_append():
    first = ordering.key_between(None, None)
    second = ordering.key_between(first, None)
    assert (first, second) == ("a0", "a1")
    assert ordering.is_valid_key(first) and ordering.is_valid_key(second)


def test_insert_before_first_and_between():
    a = ordering.key_between(None, None)
    before = ordering.key_between(None, a)
    middle = ordering.key_between(before, a)
    assert before < middle < a


def test_rejects_wrong_order():
    with pytest.raises(ValueError):
        ordering.key_between("a1", "a0")
    with pytest.raises(ValueError):
        ordering.key_between("a0", "a0")
    with pytest.raises(ValueError):
        ordering.keys_between("a1", "a0", 3)


def test_keys_between_are_increasing_and_inside():
    keys = ordering.keys_between(None, None, 50)
    assert keys == sorted(keys) and len(set(keys)) == 50
    inside = ordering.keys_between("a0", "a1", 100)
    assert inside == sorted(inside) and len(set(inside)) == 100
    assert "a0" < inside[0] and inside[-1] < "a1"
    assert max(map(len, inside)) <= 5


@pytest.mark.parametrize("bad", ["", "A", "a", "a00", "b0", "a0-", "a0 ", "a0\n", "0a", "9",
                                 "A" + "0" * 26, None, 3, "a" + "1" * 64, "zz"])
def test_check_position_rejects(bad):
    with pytest.raises(ValidationError) as caught:
        ordering.check_position(bad)
    assert caught.value.field == "position"


@pytest.mark.parametrize("good", ["a0", "a1V", "Zz", "b00", "A" + "0" * 26 + "1", "z" + "z" * 26,
                                  "a0" + "x" * 62])
def test_check_position_accepts(good):
    assert ordering.check_position(good) == good


def test_old_base36_keys_are_not_valid_any_more():
    # The old format ("i", "r", "w"...) would be mis-ordered against the new one.
    for old in ("i", "r", "w", "0i", "zzzz"):
        assert not ordering.is_valid_key(old)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-", max_size=30))
def test_pattern_agrees_with_the_library(text):
    try:
        fractional_indexing.validate_order_key(text)
        library_ok = all(c in fractional_indexing.BASE_62_DIGITS for c in text) and text != ""
    except (fractional_indexing.FIError, ValueError, IndexError):
        library_ok = False
    assert ordering.is_valid_key(text) == library_ok
    # The same pattern string is published in the OpenAPI document (ECMA-262 syntax).
    assert bool(re.fullmatch(ordering.POSITION_PATTERN, text)) == library_ok


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=60))
def test_random_insertions_keep_a_strict_order(choices):
    keys: list[str] = []
    for choice in choices:
        index = choice % (len(keys) + 1)
        low = keys[index - 1] if index else None
        high = keys[index] if index < len(keys) else None
        key = ordering.key_between(low, high)
        assert ordering.is_valid_key(key)
        assert (low is None or low < key) and (high is None or key < high)
        keys.insert(index, key)
    assert keys == sorted(keys)


def _apply(lane: list[str], index: int, placement: ordering.Placement) -> None:
    for position, key in placement.rekeyed.items():
        lane[position] = key
    lane.insert(index, placement.key)


def _check(lane: list[str]) -> None:
    assert lane == sorted(lane), "order lost"
    assert len(set(lane)) == len(lane), "two items share a key"
    assert all(ordering.is_valid_key(key) and len(key) <= ordering.SOFT_LIMIT for key in lane)


def test_plan_writes_one_row_for_appends():
    lane: list[str] = []
    for _ in range(10_000):
        placement = ordering.plan(lane, len(lane))
        assert placement.rekeyed == {}
        lane.append(placement.key)
    assert max(map(len, lane)) <= 4
    _check(lane)


@pytest.mark.parametrize("name, choose", [
    ("top", lambda lane: 0),
    ("second", lambda lane: min(1, len(lane))),
    ("before last", lambda lane: max(len(lane) - 1, 0)),
    ("middle", lambda lane: len(lane) // 2),
])
def test_plan_keeps_keys_short_at_one_spot(name, choose):
    lane: list[str] = []
    rekeyed = 0
    for _ in range(1_000):
        index = choose(lane)
        placement = ordering.plan(lane, index)
        rekeyed += len(placement.rekeyed)
        _apply(lane, index, placement)
    _check(lane)
    assert rekeyed < 5_000, f"{name}: re-keying must stay amortised"


def test_plan_same_spot_after_one_card_rekeys_a_few_rows():
    lane = ordering.keys_between(None, None, 10)
    names = list(range(10))
    rekeyed = 0
    for new in range(10, 1_010):
        index = names.index(3) + 1  # right after card 3, before the card inserted last time
        placement = ordering.plan(lane, index)
        rekeyed += len(placement.rekeyed)
        _apply(lane, index, placement)
        names.insert(index, new)
    _check(lane)
    assert names == [0, 1, 2, 3] + list(range(1_009, 9, -1)) + [4, 5, 6, 7, 8, 9]
    assert 0 < rekeyed < 200


def test_plan_repairs_two_items_with_one_key():
    lane = ["a0", "a1", "a1", "a2"]
    placement = ordering.plan(lane, 2)
    assert placement.rekeyed
    _apply(lane, 2, placement)
    _check(lane)


def test_plan_on_a_slice_asks_for_more_when_too_tight():
    low, high = "a0" + "1" * 30, "a0" + "1" * 29 + "2"
    keys = [ordering.key_between(low, high)]
    assert ordering.plan(keys, 1, low, high) is None
    placement = ordering.plan(["a0", low, keys[0], high, "a1"], 3)
    assert placement is not None and placement.rekeyed


def test_plan_never_exceeds_the_column_next_to_long_client_keys():
    low = "a0" + "V" * 61 + "1"
    high = "a0" + "V" * 61 + "2"
    lane = [low, high]
    placement = ordering.plan(lane, 1)
    _apply(lane, 1, placement)
    _check(lane)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10**6), st.integers(0, 3)),
                min_size=1, max_size=400))
def test_plan_random_sequences(steps):
    lane: list[str] = []
    last = 0
    for choice, mode in steps:
        # mode: 0 random spot, 1 same spot as last time, 2 top, 3 end
        if mode == 1:
            index = min(last, len(lane))
        elif mode == 2:
            index = 0
        elif mode == 3:
            index = len(lane)
        else:
            index = choice % (len(lane) + 1)
        last = index
        placement = ordering.plan(lane, index)
        _apply(lane, index, placement)
        assert all(len(key) <= ordering.POSITION_MAX for key in lane)
    _check(lane)


def test_plan_random_long_run():
    rng = random.Random(7)
    lane: list[str] = []
    spot = 0
    for _ in range(5_000):
        if rng.random() < 0.7:
            spot = min(spot, len(lane))  # keep hammering one spot
        else:
            spot = rng.randint(0, len(lane))
        placement = ordering.plan(lane, spot)
        _apply(lane, spot, placement)
    _check(lane)
