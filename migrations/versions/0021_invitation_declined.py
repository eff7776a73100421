"""invitations: the invited person may decline; invitations are found by the person's address

Revision ID: 0021
Revises: 0019
"""
import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    """Add invitations.declined_at and an index on invitations.email."""
    op.add_column("invitations", sa.Column("declined_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_invitations_email", "invitations", ["email"], unique=False)


def downgrade():
    """Drop them again (a declined invitation then reads as waiting or expired)."""
    op.drop_index("ix_invitations_email", table_name="invitations")
    op.drop_column("invitations", "declined_at")
