"""themes: named groups of cards in a lane (affinity clustering); cards.theme_id

Revision ID: 0016
Revises: 0015
"""
import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade():
    """Create themes and give cards a theme."""
    op.create_table("themes",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("stage", sa.String(length=12), nullable=False),
    sa.Column("name", sa.String(length=80), nullable=False),
    sa.Column("workshop_id", sa.Integer(), nullable=True),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_themes_created_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_themes_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_themes_workshop_id_workshops"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_themes"))
    )
    op.create_index("ix_themes_project_stage", "themes", ["project_id", "stage"], unique=False)
    # Plain ADD COLUMN (a batch rebuild of cards would cascade deletes to links, details, comments and
    # votes on SQLite), and no foreign key: SQLite cannot drop a column that one names. The theme
    # services ungroup a theme's cards when they delete it, in the same transaction.
    op.add_column("cards", sa.Column("theme_id", sa.Integer(), nullable=True))
    op.create_index("ix_cards_theme", "cards", ["theme_id"], unique=False)


def downgrade():
    """Drop them again (plain drop_column: cards is a table others cascade from)."""
    op.drop_index("ix_cards_theme", table_name="cards")
    op.drop_column("cards", "theme_id")
    op.drop_index("ix_themes_project_stage", table_name="themes")
    op.drop_table("themes")
