"""users: an account its owner closed (personal data erased; the row stays for what others' records point at)

Revision ID: 0022
Revises: 0021
"""
import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    """Add users.closed_at."""
    op.add_column("users", sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    """Drop it again (a closed account then reads as a disabled one)."""
    op.drop_column("users", "closed_at")
