"""card positions in the fractional-indexing format

The old base-36 keys gained a character about every five appends and passed the 64-character
column after ~320 appends to one lane. Every card is re-keyed per (project, stage) in its current
order (position, id), deleted cards included so a restore keeps its place. The downgrade re-keys with
the old algorithm, copied here so this file never depends on application code.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op
from fractional_indexing import generate_n_keys_between

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

cards = sa.table("cards", sa.column("id", sa.Integer), sa.column("project_id", sa.Integer),
                 sa.column("stage", sa.String), sa.column("position", sa.String))

OLD_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _old_midpoint(low: str, high: str | None) -> str:
    """The old base-36 key strictly between low and high (high None = +infinity)."""
    if high is not None:
        common = 0
        while common < len(high) and (low[common] if common < len(low) else "0") == high[common]:
            common += 1
        if common:
            return high[:common] + _old_midpoint(low[common:], high[common:])
    digit_low = OLD_DIGITS.index(low[0]) if low else 0
    digit_high = OLD_DIGITS.index(high[0]) if high else len(OLD_DIGITS)
    if digit_high - digit_low > 1:
        return OLD_DIGITS[(digit_low + digit_high + 1) // 2]
    if high is not None and len(high) > 1:
        return high[:1]
    return OLD_DIGITS[digit_low] + _old_midpoint(low[1:], None)


def _old_keys(low: str, high: str | None, count: int) -> list[str]:
    """`count` old-format keys between low and high, bisecting so that they stay short."""
    if count <= 0:
        return []
    middle = _old_midpoint(low, high)
    half = count // 2
    return _old_keys(low, middle, half) + [middle] + _old_keys(middle, high, count - half - 1)


def _rekey(make_keys) -> None:
    """Give each lane's cards make_keys(n) in their current order (position, then id)."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(cards.c.id, cards.c.project_id, cards.c.stage, cards.c.position)).all()
    lanes: dict[tuple, list] = {}
    for row in rows:
        lanes.setdefault((row.project_id, row.stage), []).append(row)
    updates = []
    for lane in lanes.values():
        # Python string order is code-point order, the same as the column's byte-wise order.
        lane.sort(key=lambda row: (row.position, row.id))
        updates += [{"card_id": row.id, "key": key} for row, key in zip(lane, make_keys(len(lane)), strict=True)]
    if updates:
        bind.execute(cards.update().where(cards.c.id == sa.bindparam("card_id"))
                     .values(position=sa.bindparam("key")), updates)


def upgrade():
    """Re-key every lane with fractional-indexing keys ("a0", "a1", ...)."""
    _rekey(lambda count: generate_n_keys_between(None, None, count))


def downgrade():
    """Re-key every lane with the old base-36 keys."""
    _rekey(lambda count: _old_keys("", None, count))
