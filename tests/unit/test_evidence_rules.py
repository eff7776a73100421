"""The evidence chain's pure rules: link kinds, due dates, decisions, stalled and overdue."""
from datetime import date

import pytest

from govlab.domain import evidence
from govlab.domain.errors import ValidationError


def card(card_id, kind, project_id=1):
    return {"id": card_id, "project_id": project_id, "kind": kind}


@pytest.mark.parametrize("link_type,from_kind,to_kind", [
    ("frames", "insight", "hmw"), ("frames", "quote", "hmw"), ("frames", "pain_point", "hmw"),
    ("frames", "persona", "hmw"), ("answers", "idea", "hmw"), ("embodies", "prototype", "idea"),
    ("tests", "test", "prototype"), ("relates", "note", "test"), ("relates", "idea", "idea")])
def test_links_that_make_sense_are_accepted(link_type, from_kind, to_kind):
    evidence.check_link(link_type, card(1, from_kind), card(2, to_kind))


@pytest.mark.parametrize("link_type,from_kind,to_kind", [
    ("frames", "hmw", "insight"), ("frames", "idea", "hmw"), ("answers", "hmw", "idea"),
    ("embodies", "idea", "prototype"), ("tests", "prototype", "test"), ("tests", "test", "idea"),
    ("frames", "note", "hmw")])
def test_links_between_kinds_that_make_no_sense_are_refused(link_type, from_kind, to_kind):
    with pytest.raises(ValidationError) as refused:
        evidence.check_link(link_type, card(1, from_kind), card(2, to_kind))
    assert refused.value.field == "type"


def test_a_card_cannot_link_to_itself_or_across_projects():
    with pytest.raises(ValidationError, match="itself"):
        evidence.check_link("relates", card(1, "idea"), card(1, "idea"))
    with pytest.raises(ValidationError, match="same project"):
        evidence.check_link("relates", card(1, "idea"), card(2, "idea", project_id=2))
    with pytest.raises(ValidationError):
        evidence.check_link("causes", card(1, "idea"), card(2, "idea"))


def test_the_picker_finds_the_meaningful_type_and_direction():
    assert evidence.link_type_between("insight", "hmw") == ("frames", False)
    assert evidence.link_type_between("hmw", "insight") == ("frames", True)
    assert evidence.link_type_between("prototype", "test") == ("tests", True)
    assert evidence.link_type_between("idea", "idea") == ("relates", False)


def test_relates_has_no_direction():
    assert evidence.same_link((1, 2, "relates"), (2, 1, "relates"))
    assert not evidence.same_link((1, 2, "frames"), (2, 1, "frames"))


@pytest.mark.parametrize("raw", ["2026-13-01", "2026-02-30", "26-01-01", "2026/01/01", "２０２６-01-01",
                                 "2026-W01-1", "", "2026-01-01T00:00", "tomorrow", "0000-01-01"])
def test_a_due_date_that_is_not_a_date_is_refused(raw):
    with pytest.raises(ValidationError) as refused:
        evidence.parse_due_date(raw)
    assert refused.value.field == "due_date"


def test_a_buddhist_era_year_is_explained():
    with pytest.raises(ValidationError) as refused:
        evidence.parse_due_date("2569-03-01")
    assert refused.value.params == {"be": 2569, "ce": 2026}
    assert evidence.parse_due_date("2026-03-01") == "2026-03-01"


def test_decisions_rest_on_tests_of_this_prototype():
    facts = {10: {"kind": "test", "tests": [5], "deleted": False},
             11: {"kind": "test", "tests": [6], "deleted": False},
             12: {"kind": "idea", "tests": [], "deleted": False},
             13: {"kind": "test", "tests": [5], "deleted": True}}
    evidence.check_decision("scale", [10], facts, prototype_id=5)
    evidence.check_decision("drop", [], facts, prototype_id=5)
    for decision, cited, message in (("iterate", [], "at least one"), ("scale", [11], "does not test"),
                                     ("pivot", [12], "not a test"), ("scale", [99], "not a test"),
                                     ("scale", [13], "not a test")):
        with pytest.raises(ValidationError, match=message):
            evidence.check_decision(decision, cited, facts, prototype_id=5)


def test_each_decision_sets_a_status():
    assert {d: evidence.status_after(d) for d in evidence.DECISIONS} == {
        "scale": "scaled", "iterate": "iterating", "pivot": "iterating", "drop": "dropped"}


def test_stalled_and_overdue_only_while_in_play():
    assert evidence.is_stalled(14, 14, "testing") and not evidence.is_stalled(13.9, 14, "testing")
    assert not evidence.is_stalled(100, 14, "scaled") and not evidence.is_stalled(100, 14, "dropped")
    today = date(2026, 11, 25)
    assert evidence.is_overdue(date(2026, 11, 24), today, "building")
    assert not evidence.is_overdue(date(2026, 11, 25), today, "building")
    assert not evidence.is_overdue(date(2026, 1, 1), today, "adopted")
    assert not evidence.is_overdue(None, today, "building")
