"""opinion statements and their agree/disagree/pass votes (issue 19)

Revision ID: a19c0e5f7b21
Revises: 3e150f80466b
Create Date: 2026-12-01

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a19c0e5f7b21'
down_revision = 'c84c950876a7'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('opinion_statements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('origin', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_opinion_statements_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_opinion_statements_participant_id_participants'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_statements'))
    )
    with op.batch_alter_table('opinion_statements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_statements_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_statements_participant_id'), ['participant_id'], unique=False)

    op.create_table('opinion_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.SmallInteger(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_opinion_votes_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_opinion_votes_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['statement_id'], ['opinion_statements.id'], name=op.f('fk_opinion_votes_statement_id_opinion_statements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion_votes')),
    sa.UniqueConstraint('statement_id', 'participant_id', name=op.f('uq_opinion_votes_statement_id'))
    )
    with op.batch_alter_table('opinion_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_votes_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_votes_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_votes_statement_id'), ['statement_id'], unique=False)


def downgrade():
    with op.batch_alter_table('opinion_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_votes_statement_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_votes_participant_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_votes_activity_id'))
    op.drop_table('opinion_votes')
    with op.batch_alter_table('opinion_statements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_statements_participant_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_statements_activity_id'))
    op.drop_table('opinion_statements')
