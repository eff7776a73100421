"""import labels: names of people and organisations from an imported project file

An imported project's authors, actors, deciders and members are accounts of another GovLab that may
not exist here. Their display names are kept as labels (set only by an import), so the project reads
the same and exports the same. The project remembers who imported it and when.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    """Add cards.author_label, events.actor_label, decisions.decided_by_label and the projects' import record."""
    with op.batch_alter_table("cards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("author_label", sa.String(length=120), nullable=True))
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("actor_label", sa.String(length=120), nullable=True))
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decided_by_label", sa.String(length=120), nullable=True))
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("imported_members", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("imported_at", sa.DateTime(timezone=True), nullable=True))
        # Not a foreign key: a constraint change makes SQLite rebuild `projects`, and dropping the old table
        # would cascade-delete every card. The record names the account as it was at import time.
        batch_op.add_column(sa.Column("imported_by", sa.Integer(), nullable=True))


def downgrade():
    """Drop the import labels and the projects' import record.

    Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a batch rebuild: rebuilding `projects` or `cards`
    on SQLite drops the old table, and with foreign keys on that cascade-deletes their cards and links.
    """
    for table, column in (("projects", "imported_by"), ("projects", "imported_at"), ("projects", "imported_members"),
                          ("decisions", "decided_by_label"), ("events", "actor_label"), ("cards", "author_label")):
        op.drop_column(table, column)
