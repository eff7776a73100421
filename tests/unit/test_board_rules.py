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
    assert board.kind_after_move("note", "test") == "note"
    assert board.kind_after_move("idea", "prototype") == "prototype"
    assert board.kind_after_move("insight", "empathize") == "insight"


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
