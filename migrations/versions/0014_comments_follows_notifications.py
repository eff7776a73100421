"""comments on cards, card follows, notifications; observers_may_comment; e-mail preference and time zone

Existing people get the daily digest (notify_email = digest) in Asia/Bangkok time (time_zone NULL);
existing projects let observers comment, as new ones do.

Revision ID: 0014
Revises: 0013
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    """Create comments, card_follows, notifications; add the project and user settings."""
    op.create_table('card_follows',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('following', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_follows_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_card_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'card_id', name=op.f('pk_card_follows'))
    )
    with op.batch_alter_table('card_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_follows_card_id'), ['card_id'], unique=False)

    op.create_table('comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('author_label', sa.String(length=120), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('mentions', sa.JSON(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('edited_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hidden_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_comments_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_comments_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['hidden_by'], ['users.id'], name=op.f('fk_comments_hidden_by_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['parent_id'], ['comments.id'], name=op.f('fk_comments_parent_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_comments_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_comments'))
    )
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.create_index('ix_comments_card', ['card_id', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_comments_project_id'), ['project_id'], unique=False)

    op.create_table('notifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('comment_id', sa.Integer(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('mailed_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_notifications_actor_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_notifications_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['comment_id'], ['comments.id'], name=op.f('fk_notifications_comment_id_comments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_notifications_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notifications_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications'))
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_unread', ['user_id', 'read_at'], unique=False)
        batch_op.create_index('ix_notifications_user', ['user_id', 'id'], unique=False)

    # Plain ADD COLUMN: a batch rebuild of projects or users on SQLite would cascade deletes to their rows.
    op.add_column('projects', sa.Column('observers_may_comment', sa.Boolean(), server_default=sa.true(), nullable=False))
    op.add_column('users', sa.Column('notify_email', sa.String(length=8), server_default='digest', nullable=False))
    op.add_column('users', sa.Column('time_zone', sa.String(length=64), nullable=True))
    op.add_column('users', sa.Column('digest_sent_for', sa.Date(), nullable=True))



def downgrade():
    """Drop them again."""
    # Plain DROP COLUMN (SQLite 3.35+): a batch rebuild of users or projects would cascade deletes.
    op.drop_column('users', 'digest_sent_for')
    op.drop_column('users', 'time_zone')
    op.drop_column('users', 'notify_email')
    op.drop_column('projects', 'observers_may_comment')

    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.drop_index('ix_notifications_user')
        batch_op.drop_index('ix_notifications_unread')

    op.drop_table('notifications')
    with op.batch_alter_table('comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_comments_project_id'))
        batch_op.drop_index(batch_op.f('ix_comments_parent_id'))
        batch_op.drop_index('ix_comments_card')

    op.drop_table('comments')
    with op.batch_alter_table('card_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_follows_card_id'))

    op.drop_table('card_follows')
