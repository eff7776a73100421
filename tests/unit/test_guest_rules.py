"""Pure rules of join codes and guests: the alphabet, what typing is accepted, expiry, what a guest says."""
from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

import pytest

from govlab.domain import guests as rules
from govlab.domain.errors import ValidationError

NOW = datetime(2025, 6, 1, 2, 0, tzinfo=timezone.utc)


def test_codes_cannot_be_misread_and_carry_forty_bits():
    assert not set("0O1I") & set(rules.ALPHABET)
    assert len(set(rules.ALPHABET)) == len(rules.ALPHABET) == 32
    assert rules.CODE_LENGTH * math.log2(len(rules.ALPHABET)) == 40
    codes = {rules.new_code() for _ in range(500)}
    assert len(codes) == 500 and all(len(c) == 8 and set(c) <= set(rules.ALPHABET) for c in codes)
    assert rules.shown("K7QM3WXP") == "K7QM-3WXP"


@pytest.mark.parametrize("typed", ["K7QM3WXP", "k7qm3wxp", "k7qm-3wxp", " K7QM 3WXP ", "k7 qm 3w xp", "K7QM\u20133WXP",
                                   "k7qm\t3wxp"])
def test_case_spaces_and_dashes_do_not_matter(typed):
    assert rules.normalise_code(typed) == "K7QM3WXP"


@pytest.mark.parametrize("typed, words", [
    ("", "Type the code"), ("   ", "Type the code"), (None, "Type the code"), (12345678, "Type the code"),
    ("K7QM3WX", "8 characters"), ("K7QM3WXPQ", "8 characters"), ("A" * 41, "8 characters"),
    ("K7QM3WX0", "no 0, 1, I or O"), ("K7QM3WXO", "no 0, 1, I or O"), ("I7QM3WX1", "no 0, 1, I or O"),
    ("K7QM3WX²", "only the letters A to Z"), ("K7QM3WX٣", "only the letters A to Z"),
    ("ＫＴＱＭ３ＷＸＰ", "only the letters A to Z"), ("K7QM\x003WXP", "only the letters A to Z"),
    ("K7QM3WX_", "only the letters A to Z"), ("K7QM3WX๒", "Switch the keyboard to English"),
    ("ก7QM3WXP", "Switch the keyboard to English"),
])
def test_odd_typing_is_refused_with_a_sentence_that_helps(typed, words):
    with pytest.raises(ValidationError) as caught:
        rules.normalise_code(typed)
    assert caught.value.field == "code"
    assert words in str(caught.value)


def test_a_code_lasts_the_workshop_from_its_start_or_now_plus_the_grace_period():
    later = NOW + timedelta(days=2)
    assert rules.default_expiry(NOW, later, [1800, 1800], 60) == later + timedelta(hours=2)
    assert rules.default_expiry(NOW, NOW - timedelta(days=1), [1800], 60) == NOW + timedelta(minutes=90)
    assert rules.default_expiry(NOW, None, [], 30) == NOW + timedelta(minutes=30)
    assert rules.expiry(NOW, later, [1800], 60, 15) == NOW + timedelta(minutes=15)


def test_state_and_joinable():
    assert rules.state(None, NOW + timedelta(seconds=1), NOW) == "live"
    assert rules.state(None, NOW, NOW) == "expired"
    assert rules.state(NOW, NOW + timedelta(days=1), NOW) == "revoked"
    rules.check_joinable("live", rules.GUESTS_PER_CODE_MAX - 1)
    for state, guests, reason in (("expired", 0, "expired"), ("revoked", 0, "revoked"),
                                  ("live", rules.GUESTS_PER_CODE_MAX, "full")):
        with pytest.raises(rules.JoinRefused) as caught:
            rules.check_joinable(state, guests)
        assert caught.value.reason == reason
    with pytest.raises(ValidationError):
        rules.check_new_code(rules.LIVE_CODES_MAX)


def test_what_a_guest_says_is_cleaned_or_refused():
    assert rules.clean_guest("  สมชาย  ", "  อสม.   บ้านนา ", "none") == {
        "name": "สมชาย", "organisation": "อสม. บ้านนา", "sector": "none"}
    assert rules.clean_guest("Ann", None, "")["sector"] is None
    for name, organisation, sector, field in (
            ("", "", "none", "name"), ("x" * 121, "", "none", "name"), ("A\x00nn", "", "none", "name"),
            ("Ann", "x" * 201, "none", "organisation"), ("Ann", "Org\x00", "none", "organisation"),
            ("Ann", ["list"], "none", "organisation"), ("Ann", "", "pirates", "sector"), ("Ann", "", 3, "sector")):
        with pytest.raises(ValidationError) as caught:
            rules.clean_guest(name, organisation, sector)
        assert caught.value.field == field
    assert rules.pick_sector(None, "private") == "private" and rules.pick_sector("academia", "private") == "academia"
    with pytest.raises(ValidationError):
        rules.pick_sector(None, None)


def test_organisations_match_by_either_name_in_any_case():
    orgs = [(1, "กรมการปกครอง", "Department of Provincial Administration"), (2, "มูลนิธิ", "Foundation")]
    assert rules.match_organisation("department of  provincial administration", orgs) == 1
    assert rules.match_organisation("กรมการปกครอง", orgs) == 1
    assert rules.match_organisation("Found", orgs) is None and rules.match_organisation("", orgs) is None


def test_the_window_is_open_until_it_ends():
    assert rules.window_open(None, NOW) and rules.window_open(NOW + timedelta(seconds=1), NOW)
    assert not rules.window_open(NOW, NOW)
