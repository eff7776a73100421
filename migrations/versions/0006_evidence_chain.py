"""the evidence chain: typed card links, prototype and test fields, stage-gate decisions

Insights frame HMW questions, ideas answer them, prototypes embody ideas and tests test prototypes:
links between cards, typed. Prototype and test cards get structured fields (one row per card, absent
means the defaults), facilitators' decisions rest on test cards, and a project says after how many
quiet days a prototype counts as stalled.

Revision ID: 0006
Revises: 0005
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    """Create card_links, prototype_details, test_details, decisions, decision_evidence; add projects.stall_days."""
    op.create_table("card_links",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("from_card_id", sa.Integer(), nullable=False),
    sa.Column("to_card_id", sa.Integer(), nullable=False),
    sa.Column("type", sa.String(length=12), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_card_links_created_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["from_card_id"], ["cards.id"], name=op.f("fk_card_links_from_card_id_cards"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_card_links_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["to_card_id"], ["cards.id"], name=op.f("fk_card_links_to_card_id_cards"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_card_links")),
    sa.UniqueConstraint("from_card_id", "to_card_id", "type", name=op.f("uq_card_links_from_card_id"))
    )
    with op.batch_alter_table("card_links", schema=None) as batch_op:
        batch_op.create_index("ix_card_links_project", ["project_id"], unique=False)
        batch_op.create_index("ix_card_links_to", ["to_card_id"], unique=False)

    op.create_table("decisions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("prototype_id", sa.Integer(), nullable=False),
    sa.Column("decision", sa.String(length=8), nullable=False),
    sa.Column("rationale", sa.Text(), nullable=False),
    sa.Column("decided_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_decisions_decided_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_decisions_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["prototype_id"], ["cards.id"], name=op.f("fk_decisions_prototype_id_cards"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions"))
    )
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.create_index("ix_decisions_project", ["project_id"], unique=False)
        batch_op.create_index("ix_decisions_prototype", ["prototype_id"], unique=False)

    op.create_table("prototype_details",
    sa.Column("card_id", sa.Integer(), nullable=False),
    sa.Column("fidelity", sa.String(length=16), nullable=True),
    sa.Column("status", sa.String(length=12), nullable=False),
    sa.Column("owner_org_id", sa.Integer(), nullable=True),
    sa.Column("next_step", sa.Text(), nullable=False),
    sa.Column("due_date", sa.Date(), nullable=True),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_prototype_details_card_id_cards"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["owner_org_id"], ["organisations.id"], name=op.f("fk_prototype_details_owner_org_id_organisations"), ondelete="SET NULL"),
    sa.PrimaryKeyConstraint("card_id", name=op.f("pk_prototype_details"))
    )
    op.create_table("test_details",
    sa.Column("card_id", sa.Integer(), nullable=False),
    sa.Column("hypothesis", sa.Text(), nullable=False),
    sa.Column("method", sa.String(length=16), nullable=True),
    sa.Column("participants_count", sa.Integer(), nullable=True),
    sa.Column("participants_who", sa.Text(), nullable=False),
    sa.Column("metric", sa.Text(), nullable=False),
    sa.Column("target", sa.Text(), nullable=False),
    sa.Column("result", sa.Text(), nullable=False),
    sa.Column("verdict", sa.String(length=14), nullable=True),
    sa.Column("learnings", sa.Text(), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["card_id"], ["cards.id"], name=op.f("fk_test_details_card_id_cards"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("card_id", name=op.f("pk_test_details"))
    )
    op.create_table("decision_evidence",
    sa.Column("decision_id", sa.Integer(), nullable=False),
    sa.Column("test_card_id", sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(["decision_id"], ["decisions.id"], name=op.f("fk_decision_evidence_decision_id_decisions"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["test_card_id"], ["cards.id"], name=op.f("fk_decision_evidence_test_card_id_cards"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("decision_id", "test_card_id", name=op.f("pk_decision_evidence"))
    )
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stall_days", sa.Integer(), server_default="14", nullable=False))


def downgrade():
    """Drop the evidence chain tables and projects.stall_days."""
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild would drop `projects` and cascade to every card.
    op.drop_column("projects", "stall_days")

    op.drop_table("decision_evidence")
    op.drop_table("test_details")
    op.drop_table("prototype_details")
    with op.batch_alter_table("decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_decisions_prototype")
        batch_op.drop_index("ix_decisions_project")

    op.drop_table("decisions")
    with op.batch_alter_table("card_links", schema=None) as batch_op:
        batch_op.drop_index("ix_card_links_to")
        batch_op.drop_index("ix_card_links_project")

    op.drop_table("card_links")
