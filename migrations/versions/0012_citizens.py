"""citizens: challenge pages and open calls, published learnings, contributions, consents, supports, flags

Revision ID: 0012
Revises: 0009
"""
import sqlalchemy as sa
from alembic import op


# revision identifiers, used by Alembic.
revision = "0012"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    """Create the citizens" tables."""
    op.create_table("challenge_pages",
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("slug", sa.String(length=60), nullable=True),
    sa.Column("experience_opens_on", sa.Date(), nullable=True),
    sa.Column("experience_closes_on", sa.Date(), nullable=True),
    sa.Column("idea_opens_on", sa.Date(), nullable=True),
    sa.Column("idea_closes_on", sa.Date(), nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_challenge_pages_project_id_projects"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("project_id", name=op.f("pk_challenge_pages")),
    sa.UniqueConstraint("slug", name=op.f("uq_challenge_pages_slug"))
    )
    op.create_table("contributions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("kind", sa.String(length=12), nullable=False),
    sa.Column("text", sa.Text(), nullable=False),
    sa.Column("name", sa.String(length=100), nullable=True),
    sa.Column("email", sa.String(length=254), nullable=True),
    sa.Column("phone", sa.String(length=20), nullable=True),
    sa.Column("province", sa.String(length=4), nullable=True),
    sa.Column("age_band", sa.String(length=12), nullable=True),
    sa.Column("who", sa.String(length=20), nullable=True),
    sa.Column("locale", sa.String(length=5), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=True),
    sa.Column("state", sa.String(length=12), nullable=False),
    sa.Column("status", sa.String(length=16), nullable=False),
    sa.Column("status_override", sa.String(length=16), nullable=True),
    sa.Column("status_reason", sa.Text(), nullable=False),
    sa.Column("reject_reason", sa.String(length=20), nullable=True),
    sa.Column("reject_note", sa.Text(), nullable=False),
    sa.Column("card_id", sa.Integer(), nullable=True),
    sa.Column("merged_into_id", sa.Integer(), nullable=True),
    sa.Column("hidden", sa.Boolean(), nullable=False),
    sa.Column("flag_count", sa.Integer(), nullable=False),
    sa.Column("support_count", sa.Integer(), nullable=False),
    sa.Column("source_key", sa.String(length=64), nullable=False),
    sa.Column("norm_hash", sa.String(length=64), nullable=False),
    sa.Column("sensitive_consent", sa.Boolean(), nullable=False),
    sa.Column("status_nonce", sa.String(length=64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("erased_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_contributions_card_id_cards"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["merged_into_id"], ["contributions.id"], name=op.f("fk_contributions_merged_into_id_contributions"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_contributions_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_contributions_user_id_users"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_contributions")),
    sa.UniqueConstraint("status_nonce", name=op.f("uq_contributions_status_nonce"))
    )
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contributions_card_id"), ["card_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contributions_created_at"), ["created_at"], unique=False)
        batch_op.create_index("ix_contributions_project_norm", ["project_id", "norm_hash"], unique=False)
        batch_op.create_index("ix_contributions_project_state", ["project_id", "state"], unique=False)
        batch_op.create_index(batch_op.f("ix_contributions_user_id"), ["user_id"], unique=False)

    op.create_table("published_cards",
    sa.Column("card_id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("published_by", sa.Integer(), nullable=True),
    sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_published_cards_card_id_cards"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_published_cards_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["published_by"], ["users.id"], name=op.f("fk_published_cards_published_by_users"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("card_id", name=op.f("pk_published_cards"))
    )
    with op.batch_alter_table("published_cards", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_published_cards_project_id"), ["project_id"], unique=False)

    op.create_table("consent_records",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contribution_id", sa.Integer(), nullable=False),
    sa.Column("purpose", sa.String(length=8), nullable=False),
    sa.Column("version", sa.String(length=16), nullable=False),
    sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name=op.f("fk_consent_records_contribution_id_contributions"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_consent_records"))
    )
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_records_contribution_id"), ["contribution_id"], unique=False)

    op.create_table("contribution_flags",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contribution_id", sa.Integer(), nullable=False),
    sa.Column("flagger_key", sa.String(length=64), nullable=False),
    sa.Column("address_key", sa.String(length=64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name=op.f("fk_contribution_flags_contribution_id_contributions"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution_flags")),
    sa.UniqueConstraint("contribution_id", "flagger_key", name=op.f("uq_contribution_flags_contribution_id"))
    )
    op.create_table("contribution_supports",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("contribution_id", sa.Integer(), nullable=False),
    sa.Column("supporter_key", sa.String(length=64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name=op.f("fk_contribution_supports_contribution_id_contributions"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_contribution_supports")),
    sa.UniqueConstraint("contribution_id", "supporter_key", name=op.f("uq_contribution_supports_contribution_id"))
    )
    op.create_table("contribution_words",
    sa.Column("contribution_id", sa.Integer(), nullable=False),
    sa.Column("word", sa.String(length=100), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["contribution_id"], ["contributions.id"], name=op.f("fk_contribution_words_contribution_id_contributions"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_contribution_words_project_id_projects"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("contribution_id", "word", name=op.f("pk_contribution_words"))
    )
    with op.batch_alter_table("contribution_words", schema=None) as batch_op:
        batch_op.create_index("ix_contribution_words_project_word", ["project_id", "word"], unique=False)



def downgrade():
    """Drop the citizens" tables."""
    with op.batch_alter_table("contribution_words", schema=None) as batch_op:
        batch_op.drop_index("ix_contribution_words_project_word")

    op.drop_table("contribution_words")
    op.drop_table("contribution_supports")
    op.drop_table("contribution_flags")
    with op.batch_alter_table("consent_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_records_contribution_id"))

    op.drop_table("consent_records")
    with op.batch_alter_table("published_cards", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_published_cards_project_id"))

    op.drop_table("published_cards")
    with op.batch_alter_table("contributions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contributions_user_id"))
        batch_op.drop_index("ix_contributions_project_state")
        batch_op.drop_index("ix_contributions_project_norm")
        batch_op.drop_index(batch_op.f("ix_contributions_created_at"))
        batch_op.drop_index(batch_op.f("ix_contributions_card_id"))

    op.drop_table("contributions")
    op.drop_table("challenge_pages")
