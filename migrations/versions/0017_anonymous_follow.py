"""anonymous mode and follow-me: projects.anonymous_since, workshops.focus_stage and focus_card_id

Revision ID: 0017
Revises: 0016
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    """Add the anonymous-mode column to projects and the follow-me focus to workshops."""
    op.add_column("projects", sa.Column("anonymous_since", sa.Integer(), nullable=True))
    op.add_column("workshops", sa.Column("focus_stage", sa.String(length=12), nullable=True))
    op.add_column("workshops", sa.Column("focus_card_id", sa.Integer(), nullable=True))


def downgrade():
    """Drop them again (plain drop_column: projects is a table others cascade from)."""
    op.drop_column("workshops", "focus_card_id")
    op.drop_column("workshops", "focus_stage")
    op.drop_column("projects", "anonymous_since")
