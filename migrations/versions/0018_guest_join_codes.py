"""guest join codes: facilitators hand out a short code; guests join one project for the workshop's duration

Revision ID: 0018
Revises: 0017
"""
import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    """Create join_codes and guests."""
    op.create_table("join_codes",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("workshop_id", sa.Integer(), nullable=False),
    sa.Column("code", sa.String(length=16), nullable=False),
    sa.Column("role", sa.String(length=12), nullable=False),
    sa.Column("created_by", sa.Integer(), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("revoked_by", sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_join_codes_created_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["project_id"], ["projects.id"], name=op.f("fk_join_codes_project_id_projects"), ondelete="CASCADE"),
    sa.ForeignKeyConstraint(["revoked_by"], ["users.id"], name=op.f("fk_join_codes_revoked_by_users"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["workshop_id"], ["workshops.id"], name=op.f("fk_join_codes_workshop_id_workshops"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("id", name=op.f("pk_join_codes")),
    sa.UniqueConstraint("code", name=op.f("uq_join_codes_code"))
    )
    with op.batch_alter_table("join_codes", schema=None) as batch_op:
        batch_op.create_index("ix_join_codes_project", ["project_id"], unique=False)

    op.create_table("guests",
    sa.Column("user_id", sa.Integer(), nullable=False),
    sa.Column("project_id", sa.Integer(), nullable=False),
    sa.Column("join_code_id", sa.Integer(), nullable=True),
    sa.Column("until", sa.DateTime(timezone=True), nullable=False),
    sa.Column("org_id", sa.Integer(), nullable=True),
    sa.Column("organisation_text", sa.String(length=200), nullable=False),
    sa.Column("sector", sa.String(length=20), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(["join_code_id"], ["join_codes.id"], name=op.f("fk_guests_join_code_id_join_codes"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["org_id"], ["organisations.id"], name=op.f("fk_guests_org_id_organisations"), ondelete="SET NULL"),
    sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_guests_user_id_users"), ondelete="CASCADE"),
    sa.PrimaryKeyConstraint("user_id", name=op.f("pk_guests"))
    )
    with op.batch_alter_table("guests", schema=None) as batch_op:
        batch_op.create_index("ix_guests_join_code", ["join_code_id"], unique=False)
        batch_op.create_index("ix_guests_project", ["project_id"], unique=False)


def downgrade():
    """Drop guests and join codes. Guest accounts stay, disabled: without their limits they must not work."""
    users = sa.table("users", sa.column("id", sa.Integer()), sa.column("is_disabled", sa.Boolean()))
    guests = sa.table("guests", sa.column("user_id", sa.Integer()))
    op.execute(users.update().where(users.c.id.in_(sa.select(guests.c.user_id))).values(is_disabled=True))
    with op.batch_alter_table("guests", schema=None) as batch_op:
        batch_op.drop_index("ix_guests_project")
        batch_op.drop_index("ix_guests_join_code")

    op.drop_table("guests")
    with op.batch_alter_table("join_codes", schema=None) as batch_op:
        batch_op.drop_index("ix_join_codes_project")

    op.drop_table("join_codes")
