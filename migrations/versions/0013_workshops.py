"""workshops: agenda and shared timer, hidden notes of silent brainstorms, dot votes, board lock

Revision ID: 0013
Revises: 0012
"""
import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade():
    """Create workshops, workshop_notes, votes, vote_dots; add the lock and silent columns to projects."""
    op.create_table("workshops",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("starts_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("agenda", sa.JSON(), nullable=False),
    sa.Column("timer_state", sa.String(length=8), nullable=False),
    sa.Column("timer_index", sa.Integer(), nullable=False),
    sa.Column("timer_started_ms", sa.BigInteger(), nullable=True),
    sa.Column("timer_remaining_ms", sa.BigInteger(), nullable=False),
    sa.Column("timings", sa.JSON(), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_workshops_created_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_workshops_project_id_projects"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops"))
    )
    op.create_index("ix_workshops_project", "workshops", ["project_id"], unique=False)
    op.create_table("workshop_notes",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("workshop_id", sa.Integer(), nullable=False),
    sa.Column("author_id", sa.Integer(), nullable=False),
    sa.Column("stage", sa.String(length=12), nullable=False),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("body", sa.Text(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_workshop_notes_author_id_users"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_workshop_notes_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_workshop_notes_workshop_id_workshops"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_workshop_notes"))
    )
    op.create_index("ix_workshop_notes_project", "workshop_notes", ["project_id"], unique=False)
    op.create_table("votes",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("workshop_id", sa.Integer(), nullable=True),
    sa.Column("title", sa.String(length=200), nullable=False),
    sa.Column("stage", sa.String(length=12), nullable=True),
    sa.Column("card_ids", sa.JSON(), nullable=False),
    sa.Column("budget", sa.Integer(), nullable=False),
    sa.Column("several_per_card", sa.Boolean(), nullable=False),
    sa.Column("live_results", sa.Boolean(), nullable=False),
    sa.Column("status", sa.String(length=8), nullable=False),
    sa.Column("results", sa.JSON(), nullable=True),
    sa.Column("opened_by", sa.Integer(), nullable=True),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["opened_by"], ["users.id"], name=op.f("fk_votes_opened_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_votes_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_votes_workshop_id_workshops"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_votes"))
    )
    op.create_index("ix_votes_project", "votes", ["project_id"], unique=False)
    op.create_table("vote_dots",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("vote_id", sa.Integer(), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.Column("card_id", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_vote_dots_card_id_cards"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_vote_dots_user_id_users"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["vote_id"], ["votes.id"], name=op.f("fk_vote_dots_vote_id_votes"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_vote_dots"))
    )
    op.create_index("ix_vote_dots_vote_user", "vote_dots", ["vote_id", "user_id"], unique=False)
    op.add_column("projects", sa.Column("locked", sa.Boolean(), server_default="0", nullable=False))
    op.add_column("projects", sa.Column("locked_stages", sa.JSON(), nullable=True))
    op.add_column("projects", sa.Column("silent_workshop_id", sa.Integer(), nullable=True))


def downgrade():
    """Drop them again (plain drop_column: projects is a table others cascade from)."""
    op.drop_column("projects", "silent_workshop_id")
    op.drop_column("projects", "locked_stages")
    op.drop_column("projects", "locked")
    op.drop_index("ix_vote_dots_vote_user", table_name="vote_dots")
    op.drop_table("vote_dots")
    op.drop_index("ix_votes_project", table_name="votes")
    op.drop_table("votes")
    op.drop_index("ix_workshop_notes_project", table_name="workshop_notes")
    op.drop_table("workshop_notes")
    op.drop_index("ix_workshops_project", table_name="workshops")
    op.drop_table("workshops")
