"""Rewrite the op table in docs/protocol.md from the op registry (run after adding or changing an op)."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
START, END = "<!-- ops-table:start -->", "<!-- ops-table:end -->"


def render(document: str) -> str:
    """docs/protocol.md with the table between the markers regenerated."""
    from govlab.services.registry import protocol_table

    head, rest = document.split(START, 1)
    _old, tail = rest.split(END, 1)
    return f"{head}{START}\n{protocol_table()}\n{END}{tail}"


if __name__ == "__main__":
    path = ROOT / "docs" / "protocol.md"
    path.write_text(render(path.read_text()))
