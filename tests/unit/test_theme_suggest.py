"""Suggested themes (pure): Thai segmented, English tokenised, cards about the same thing land together."""
from __future__ import annotations


import pytest

from govlab.domain import theme_suggest, themes
from govlab.domain.errors import ValidationError

# A lane after a clinic-visit brainstorm: Thai and English, five subjects and two loners.
CORPUS = [
    (1, "คิวที่โรงพยาบาลยาวมาก ต้องรอคิวนาน"),
    (2, "บัตรคิวหาย ไม่รู้ว่าถึงคิวหรือยัง"),
    (3, "ระบบเรียกคิวไม่ชัดเจน ได้ยินไม่ชัด"),
    (4, "อยากจองคิวล่วงหน้าผ่านมือถือ"),
    (5, "ที่จอดรถไม่พอ วนหาที่จอดรถนานมาก"),
    (6, "ค่าจอดรถแพงเกินไป"),
    (7, "ที่จอดรถสำหรับผู้พิการถูกจอดขวาง"),
    (8, "Queue numbers are confusing"),
    (9, "The queue display screen is too small to read"),
    (10, "Long queues at the pharmacy every morning"),
    (11, "Signs to the lab are missing"),
    (12, "Signs only in Thai, foreigners get lost"),
    (13, "Wayfinding sign points the wrong way"),
    (14, "Book an appointment online with the app"),
    (15, "The app crashes when I try to book"),
    (16, "แอปจองนัดใช้ยาก app ภาษาอังกฤษไม่มี"),
    (17, "Staff were kind and helpful"),
    (18, "อาหารในโรงอาหารอร่อย"),
]
SUBJECTS = {"queue_th": {1, 2, 3, 4}, "parking": {5, 6, 7}, "queue_en": {8, 9, 10}, "signs": {11, 12, 13},
            "booking": {14, 15, 16}}


def test_thai_is_segmented_and_english_tokenised_without_stop_words():
    assert theme_suggest.tokens("บัตรคิวที่โรงพยาบาลหายบ่อยมาก") == ["บัตร", "คิว", "โรงพยาบาล", "หาย"]
    assert theme_suggest.tokens("The Queues are LONG, 42 of them!") == ["queue", "long"]
    assert theme_suggest.tokens("crashes boxes stories bus") == ["crash", "box", "story", "bus"]
    assert theme_suggest.tokens("") == [] and theme_suggest.tokens("\x00 ...") == []


def test_cards_about_the_same_thing_land_together():
    found = theme_suggest.suggest(CORPUS)
    groups = [set(item.card_ids) for item in found]
    for subject, cards in SUBJECTS.items():
        assert cards in groups, (subject, groups)
    loners = {17, 18}
    assert not any(group & loners for group in groups)
    assert len(found) == len(SUBJECTS)
    assert [len(group) for group in groups] == sorted((len(group) for group in groups), reverse=True)


def test_suggestions_are_named_from_their_shared_words():
    names = {frozenset(item.card_ids): item for item in theme_suggest.suggest(CORPUS)}
    assert names[frozenset(SUBJECTS["queue_th"])].name == "คิว"
    assert names[frozenset(SUBJECTS["queue_en"])].name == "queue"
    assert names[frozenset(SUBJECTS["signs"])].name == "sign"
    booking = names[frozenset(SUBJECTS["booking"])]
    assert booking.name.split(theme_suggest.NAME_SEPARATOR)[:2] == ["app", "book"]
    assert "queue" in names[frozenset(SUBJECTS["queue_en"])].words
    assert all(len(item.words) <= theme_suggest.WORDS_SHOWN for item in names.values())


def test_the_result_is_the_same_whatever_the_run():
    assert theme_suggest.suggest(CORPUS) == theme_suggest.suggest(list(CORPUS))


@pytest.mark.parametrize("cards", [[], [(1, "queue")], [(1, "queue"), (2, "parking")], [(1, "the of"), (2, "and")],
                                   [(1, "ที่ และ"), (2, "ที่ และ")]])
def test_too_little_to_group_gives_no_suggestion(cards):
    assert theme_suggest.suggest(cards) == []


def test_cards_past_the_first_five_hundred_are_not_read():
    """Clustering is quadratic in the cards, so only the first CARDS_MAX count (bench/search.py times it)."""
    lane = [(n, f"{CORPUS[n % len(CORPUS)][1]} {CORPUS[(n * 7) % len(CORPUS)][1][:20]} บันทึก {n}")
            for n in range(1, 2001)]
    found = theme_suggest.suggest(lane)
    assert found and found == theme_suggest.suggest(lane[:theme_suggest.CARDS_MAX])
    assert max(card for item in found for card in item.card_ids) <= theme_suggest.CARDS_MAX
    assert len(found) <= theme_suggest.SUGGESTIONS_MAX


def test_a_card_of_ten_thousand_characters_is_read_only_so_far():
    long = "queue " * 2000
    assert len(theme_suggest.tokens(long)) <= theme_suggest.TEXT_MAX // 5


def test_theme_names_are_one_visible_line():
    assert themes.clean_name("  คิวยาว  ") == "คิวยาว"
    for bad in ("", "   ", "\u200b", "a\x00b", "two\nlines", "x" * (themes.NAME_MAX + 1), 42, None):
        with pytest.raises(ValidationError):
            themes.clean_name(bad)
    assert len(themes.suggested_name("word · " * 40)) == themes.NAME_MAX
