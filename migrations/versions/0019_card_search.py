"""card search: the words of each card's text, and the queue of cards waiting to be (re)indexed

Every existing card is queued here; a running server (or `govlab search index`) segments them.

Revision ID: 0019
Revises: 0018
"""
import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    """Create card_words and card_index_queue, and queue every card (the backfill)."""
    op.create_table("card_words",
    sa.Column("card_id", sa.Integer(), nullable=False),
    sa.Column("word", sa.String(length=100), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_card_words_card_id_cards"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_card_words_project_id_projects"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("card_id", "word", name=op.f("pk_card_words"))
    )
    op.create_index("ix_card_words_project_word", "card_words", ["project_id", "word"], unique=False)
    op.create_table("card_index_queue",
    sa.Column("card_id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
    sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_card_index_queue_card_id_cards"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_card_index_queue_project_id_projects"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("card_id", name=op.f("pk_card_index_queue"))
    )
    op.create_index(op.f("ix_card_index_queue_project_id"), "card_index_queue", ["project_id"], unique=False)
    # Deleted cards too: a restored card is found again without being written to.
    op.execute("INSERT INTO card_index_queue (card_id, project_id, version, queued_at) "
               "SELECT id, project_id, version, CURRENT_TIMESTAMP FROM cards")


def downgrade():
    """Drop the card search tables."""
    op.drop_index(op.f("ix_card_index_queue_project_id"), table_name="card_index_queue")
    op.drop_table("card_index_queue")
    op.drop_index("ix_card_words_project_word", table_name="card_words")
    op.drop_table("card_words")
