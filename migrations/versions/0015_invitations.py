"""invitations: a project invites any e-mail address; the person becomes a member when they accept

Revision ID: 0015
Revises: 0014
"""
import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    """Create invitations."""
    op.create_table("invitations",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("email", sa.String(length=254), nullable=False),
    sa.Column("role", sa.String(length=12), nullable=False),
    sa.Column("selector", sa.String(length=16), nullable=False),
    sa.Column("verifier_hash", sa.String(length=64), nullable=False),
    sa.Column("invited_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_sent_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("send_count", sa.Integer(), nullable=False),
    sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("accepted_by", sa.Integer(), nullable=True),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(["accepted_by"], ["users.id"], name=op.f("fk_invitations_accepted_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["invited_by"], ["users.id"], name=op.f("fk_invitations_invited_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_invitations_project_id_projects"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
    sa.UniqueConstraint("selector", name=op.f("uq_invitations_selector"))
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index("ix_invitations_inviter_created", ["invited_by", "created_at"], unique=False)
        batch_op.create_index("ix_invitations_project_email", ["project_id", "email"], unique=False)


def downgrade():
    """Drop invitations (pending ones are lost; members who accepted stay members)."""
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_index("ix_invitations_project_email")
        batch_op.drop_index("ix_invitations_inviter_created")

    op.drop_table("invitations")
