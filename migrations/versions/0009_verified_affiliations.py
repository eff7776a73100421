"""verified affiliations: organisation e-mail domains, organisation admins, the decisions log

A person's organisation becomes a claim until verified (users.org_verified_at). Existing claims start
unverified — anyone could pick any organisation before — except those of site admins; site admins then
approve them on /admin/claims or register the organisations' e-mail domains (docs/deployment.md).

Revision ID: 0009
Revises: 0008
"""
import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    """Create organisation_domains, organisation_admins, affiliation_decisions; add users.org_verified_at."""
    op.create_table("organisation_domains",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("org_id", sa.Integer(), nullable=False),
    sa.Column("domain", sa.String(length=253), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], name=op.f("fk_organisation_domains_org_id_organisations"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_domains")),
    sa.UniqueConstraint("domain", name=op.f("uq_organisation_domains_domain"))
    )
    with op.batch_alter_table("organisation_domains", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_domains_org_id"), ["org_id"], unique=False)

    op.create_table("affiliation_decisions",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.Column("org_id", sa.Integer(), nullable=True),
    sa.Column("decision", sa.String(length=10), nullable=False),
    sa.Column("reason", sa.String(length=24), nullable=True),
    sa.Column("note", sa.Text(), nullable=False),
    sa.Column("decided_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_affiliation_decisions_decided_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], name=op.f("fk_affiliation_decisions_org_id_organisations"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_affiliation_decisions_user_id_users"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_affiliation_decisions"))
    )
    with op.batch_alter_table("affiliation_decisions", schema=None) as batch_op:
        batch_op.create_index("ix_affiliation_decisions_user", ["user_id"], unique=False)

    op.create_table("organisation_admins",
    sa.Column("org_id", sa.Integer(), nullable=False),
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], name=op.f("fk_organisation_admins_org_id_organisations"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_organisation_admins_user_id_users"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("org_id", "user_id", name=op.f("pk_organisation_admins"))
    )
    with op.batch_alter_table("organisation_admins", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_admins_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("org_verified_at", sa.DateTime(timezone=True), nullable=True))
    # Only site admins' affiliations are trusted as they stand; everyone else's is a claim to be approved.
    op.execute(sa.text("UPDATE users SET org_verified_at = created_at WHERE is_admin AND org_id IS NOT NULL"))


def downgrade():
    """Drop the affiliation tables and users.org_verified_at (every claim counts again, as before)."""
    # A plain DROP COLUMN (SQLite 3.35+): a batch rebuild of users would cascade to their sessions and tokens.
    op.drop_column("users", "org_verified_at")

    with op.batch_alter_table("organisation_admins", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_admins_user_id"))

    op.drop_table("organisation_admins")
    with op.batch_alter_table("affiliation_decisions", schema=None) as batch_op:
        batch_op.drop_index("ix_affiliation_decisions_user")

    op.drop_table("affiliation_decisions")
    with op.batch_alter_table("organisation_domains", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_domains_org_id"))

    op.drop_table("organisation_domains")
