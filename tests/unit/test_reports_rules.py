"""Pure rules of the read pages: filters, periods, sorting Thai, timeline sentences and typing runs."""
from datetime import date

import pytest

from govlab.domain import reports, timeline
from govlab.domain.errors import ValidationError


def test_sector_buckets():
    assert reports.sector_bucket("government", "local") == "government_local"
    assert reports.sector_bucket("private", None) == "private"
    assert reports.sector_bucket(None, None) == "none"


def test_portfolio_filters_defaults_and_refusals():
    assert reports.clean_portfolio_filters({})["sort"] == "activity"
    assert reports.clean_portfolio_filters({"sort": "title"})["dir"] == "asc"
    for bad in ({"status": "x"}, {"organisation": "²"}, {"organisation": "1" * 12}, {"stalled": "1"}, {"dir": "down"}):
        with pytest.raises(ValidationError):
            reports.clean_portfolio_filters(bad)


def test_periods():
    today = date(2026, 5, 10)
    assert reports.parse_period(None, None, None, today)["start"] == date(2026, 4, 11)
    assert reports.parse_period("7d", None, None, today)["start"] == date(2026, 5, 4)
    assert reports.parse_period("all", None, None, today)["start"] is None
    custom = reports.parse_period("7d", "2026-01-01", "2026-01-31", today)
    assert custom == {"preset": "custom", "start": date(2026, 1, 1), "end": date(2026, 1, 31)}
    for args in (("1y", None, None), (None, "2026-13-01", None), (None, "2026-02-01", "2026-01-01")):
        with pytest.raises(ValidationError):
            reports.parse_period(*args, today)


def test_thai_sort_key_puts_leading_vowels_after_their_consonant():
    words = ["เก้าอี้", "กา", "ขา", "แกง", "Apple", "banana"]
    assert sorted(words, key=reports.text_sort_key) == ["Apple", "banana", "กา", "เก้าอี้", "แกง", "ขา"]


def test_sort_rows_keeps_empty_values_last():
    rows = [{"sort_keys": {"project": "a", "title": t, "verdict": v}} for t, v in (("x", None), ("y", 2), ("z", 0))]
    assert [r["sort_keys"]["title"] for r in reports.sort_rows(rows, "verdict", "asc")] == ["z", "y", "x"]
    assert [r["sort_keys"]["title"] for r in reports.sort_rows(rows, "verdict", "desc")] == ["y", "z", "x"]


def test_timeline_filters_refuse_odd_input():
    assert timeline.clean_filters({})["before"] is None
    for bad in ({"before": "²"}, {"after": "-1"}, {"person": "0"}, {"type": "lane.respace"}, {"stage": "x"},
                {"before": "99999999999"}):
        with pytest.raises(ValidationError):
            timeline.clean_filters(bad)


def test_sentences_are_whole_msgids_with_label_params():
    told = timeline.sentence("card.move", {"card": {"title": "T", "stage": "test"}, "from": {"stage": "ideate"}}, {})
    assert told == {"msgid": "%(actor)s moved “%(title)s” to %(stage)s", "params": {"title": "T"},
                    "labels": {"stage": "Test"}}
    same = timeline.sentence("card.move", {"card": {"title": "T", "stage": "test"}, "from": {"stage": "test"}}, {})
    assert same["msgid"].startswith("%(actor)s reordered")
    link = timeline.sentence("link.create", {"link": {"from": 1, "to": 2, "type": "tests"}}, {1: "A", 2: "B"})
    assert link["params"] == {"from": "A", "to": "B"} and "testing" in link["msgid"]
    assert timeline.sentence("gate.decide", {"decision": {"decision": "drop"}, "card": {"title": "P"}}, {})["msgid"] \
        == "%(actor)s decided to drop “%(title)s”"
    assert timeline.sentence("weird.type", {}, {})["params"] == {"type": "weird.type"}
    assert timeline.sentence("card.text", {"card": {"title": "T"}}, {}, count=3)["params"]["count"] == 3


def test_typing_runs_collapse_per_person_and_card():
    def text(seq, actor, card):
        return {"seq": seq, "type": "card.text", "actor_id": actor, "card_id": card}

    entries = [text(9, 1, 5), text(8, 1, 5), text(7, 2, 5), text(6, 1, 5),
               {"seq": 5, "type": "card.update", "actor_id": 1, "card_id": 5}, text(4, 1, 5), text(3, 1, 5)]
    merged = timeline.collapse_runs(entries)
    assert [(e["seq"], e["first_seq"], e["count"]) for e in merged] == [(9, 8, 2), (7, 7, 1), (6, 6, 1), (5, 5, 1),
                                                                      (4, 3, 2)]


def test_citizen_events_are_told_without_their_details():
    from govlab.domain import timeline

    for event_type in ("contribution.submit", "contribution.approve", "contribution.erase", "challenge.update",
                       "workshop.update", "note.count", "vote.dots", "board.lock"):
        told = timeline.sentence(event_type, {"contribution": {"id": 1}}, {})
        assert "made a change" not in told["msgid"] and "%(type)s" not in told["msgid"]
