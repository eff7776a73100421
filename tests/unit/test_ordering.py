"""Fractional ordering keys."""
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govlab.domain import ordering
from govlab.domain.errors import ValidationError


def test_first_key_and_append():
    first = ordering.key_between(None, None)
    second = ordering.key_between(first, None)
    assert first < second
    assert ordering.is_valid_key(first) and ordering.is_valid_key(second)


def test_insert_before_first_and_between():
    a = ordering.key_between(None, None)
    before = ordering.key_between(None, a)
    middle = ordering.key_between(before, a)
    assert before < middle < a


def test_rejects_wrong_order():
    with pytest.raises(ValueError):
        ordering.key_between("b", "a")
    with pytest.raises(ValueError):
        ordering.key_between("a", "a")


def test_keys_after_are_increasing():
    keys = ordering.keys_after(None, 50)
    assert keys == sorted(keys) and len(set(keys)) == 50


@pytest.mark.parametrize("bad", ["", "A", "a0", "a-b", None, 3, "z" * 65])
def test_check_position_rejects(bad):
    with pytest.raises(ValidationError):
        ordering.check_position(bad)


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


def test_repeated_insert_at_top_stays_short_enough():
    first = ordering.key_between(None, None)
    for _ in range(200):
        first = ordering.key_between(None, first)
    assert len(first) <= ordering.POSITION_MAX
    random.seed(1)
