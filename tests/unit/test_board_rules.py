"""Stage, kind, colour and text rules."""
import pytest

from govlab.domain import board
from govlab.domain.errors import ValidationError


def test_four_fixed_stages_in_order():
    assert board.STAGE_KEYS == ("empathize", "ideate", "prototype", "test")


@pytest.mark.parametrize("stage,kind", [
    ("empathize", "insight"), ("empathize", "quote"), ("empathize", "pain_point"), ("empathize", "persona"),
    ("empathize", "hmw"), ("ideate", "idea"), ("prototype", "prototype"), ("test", "test"),
    ("empathize", "note"), ("ideate", "note"), ("prototype", "note"), ("test", "note")])
def test_allowed_kinds(stage, kind):
    assert board.check_kind(stage, kind) == kind


@pytest.mark.parametrize("stage,kind", [("empathize", "idea"), ("ideate", "insight"), ("prototype", "test"),
                                        ("test", "prototype"), ("ideate", "bogus"), ("ideate", 3)])
def test_kind_not_allowed_in_stage(stage, kind):
    with pytest.raises(ValidationError) as error:
        board.check_kind(stage, kind)
    assert error.value.field == "kind"


def test_default_kind_per_stage():
    assert [board.check_kind(s, None) for s in board.STAGE_KEYS] == ["insight", "idea", "prototype", "test"]


@pytest.mark.parametrize("stage", ["Empathize", "", None, 1, "design"])
def test_unknown_stage(stage):
    with pytest.raises(ValidationError) as error:
        board.get_stage(stage)
    assert error.value.field == "stage"


def test_kind_after_move_keeps_or_converts():
    assert board.kind_after_move("note", "ideate", "test", None)[0] == "note"
    assert board.kind_after_move("idea", "ideate", "prototype", None)[0] == "prototype"
    assert board.kind_after_move("insight", "test", "empathize", {})[0] == "insight"


def test_a_card_remembers_its_kind_per_stage():
    kind, memory = board.kind_after_move("pain_point", "empathize", "test", None)
    assert (kind, memory) == ("test", {"empathize": "pain_point"})
    kind, memory = board.kind_after_move(kind, "test", "ideate", memory)
    assert (kind, memory) == ("idea", {"empathize": "pain_point", "test": "test"})
    assert board.kind_after_move(kind, "ideate", "empathize", memory)[0] == "pain_point"


def test_a_remembered_kind_is_used_only_where_the_lane_allows_it():
    assert board.kind_after_move("idea", "ideate", "empathize", {"empathize": "idea", "gone": "x"}) == \
        ("insight", {"empathize": "idea", "ideate": "idea"})


@pytest.mark.parametrize("bad", ["a\x00b", "\x1b[31mred", "line\nbreak", "\udfff"])
def test_titles_refuse_control_characters(bad):
    with pytest.raises(ValidationError) as caught:
        board.clean_title(bad)
    assert caught.value.field == "title"


def test_bodies_keep_newlines_and_tabs_but_refuse_nul():
    assert board.clean_body("a\n\tb\r\nc") == "a\n\tb\nc"
    with pytest.raises(ValidationError):
        board.clean_body("a\x00b")


def test_title_rules():
    assert board.clean_title("  สวัสดี  ") == "สวัสดี"
    assert board.clean_title("ก" * 200) == "ก" * 200
    for bad in ["", "   ", None, 5, "x" * 201]:
        with pytest.raises(ValidationError):
            board.clean_title(bad)


def test_body_rules():
    assert board.clean_body(None) == ""
    assert board.clean_body("a\r\nb") == "a\nb"
    assert len(board.clean_body("x" * 10_000)) == 10_000
    with pytest.raises(ValidationError):
        board.clean_body("x" * 10_001)
    with pytest.raises(ValidationError):
        board.clean_body(["list"])


def test_colours():
    assert board.check_color(None) == "yellow"
    assert board.check_color("teal") == "teal"
    with pytest.raises(ValidationError):
        board.check_color("#ff0000")
