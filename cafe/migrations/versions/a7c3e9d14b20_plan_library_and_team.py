"""plan library and team: saved plans, session members, action log, invitations, admins

Revision ID: a7c3e9d14b20
Revises: a7e1d5c0f214
Create Date: 2026-12-01

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7c3e9d14b20'
down_revision = 'a7e1d5c0f214'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table('saved_plans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('shared', sa.Boolean(), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], name=op.f('fk_saved_plans_facilitator_id_facilitators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_plans'))
    )
    with op.batch_alter_table('saved_plans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_plans_facilitator_id'), ['facilitator_id'], unique=False)

    op.create_table('session_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], name=op.f('fk_session_members_facilitator_id_facilitators'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_members_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_members')),
    sa.UniqueConstraint('session_id', 'facilitator_id', name=op.f('uq_session_members_session_id'))
    )
    with op.batch_alter_table('session_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_members_facilitator_id'), ['facilitator_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_session_members_session_id'), ['session_id'], unique=False)

    op.create_table('console_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('facilitator_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('target', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['facilitator_id'], ['facilitators.id'], name=op.f('fk_console_actions_facilitator_id_facilitators'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_console_actions_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_console_actions'))
    )
    with op.batch_alter_table('console_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_console_actions_session_id'), ['session_id'], unique=False)

    op.create_table('invitations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('is_admin', sa.Boolean(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['facilitators.id'], name=op.f('fk_invitations_created_by_facilitators'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitations_token_hash'))
    )


def downgrade():
    op.drop_table('invitations')
    with op.batch_alter_table('console_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_console_actions_session_id'))
    op.drop_table('console_actions')
    with op.batch_alter_table('session_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_members_session_id'))
        batch_op.drop_index(batch_op.f('ix_session_members_facilitator_id'))
    op.drop_table('session_members')
    with op.batch_alter_table('saved_plans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_plans_facilitator_id'))
    op.drop_table('saved_plans')
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.drop_column('is_admin')
