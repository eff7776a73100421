"""card_text_updates ids are never reused (AUTOINCREMENT on SQLite)

Each process caches card documents tagged with the id of the newest update row they hold; a
compaction deletes a card's rows and writes one merged row. SQLite otherwise hands out max(rowid)+1,
which can repeat an id a cached tag already names. PostgreSQL sequences never reuse ids.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _recreate(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("card_text_updates", recreate="always",
                              table_kwargs={"sqlite_autoincrement": autoincrement}):
        pass


def upgrade():
    """Recreate card_text_updates with AUTOINCREMENT on SQLite (rows and ids kept)."""
    _recreate(True)


def downgrade():
    """Recreate it without."""
    _recreate(False)
