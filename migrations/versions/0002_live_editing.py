"""live editing: op receipts and CRDT text updates

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    """Create op_receipts and card_text_updates."""
    op.create_table(
        "op_receipts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("client_op_id", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_op_receipts_project_id_projects"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_op_receipts_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_op_receipts")),
        sa.UniqueConstraint("user_id", "client_op_id", name=op.f("uq_op_receipts_user_id")),
    )
    op.create_table(
        "card_text_updates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("card_id", sa.Integer(), nullable=False),
        sa.Column("update", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_card_text_updates_card_id_cards"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_card_text_updates")),
    )
    with op.batch_alter_table("card_text_updates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_card_text_updates_card_id"), ["card_id"], unique=False)


def downgrade():
    """Drop what upgrade created."""
    with op.batch_alter_table("card_text_updates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_card_text_updates_card_id"))
    op.drop_table("card_text_updates")
    op.drop_table("op_receipts")
