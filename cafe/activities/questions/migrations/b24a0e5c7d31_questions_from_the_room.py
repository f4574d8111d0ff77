"""questions from the room and their upvotes (issue 24)

Revision ID: b24a0e5c7d31
Revises: d27e3a9b5c10
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b24a0e5c7d31'
down_revision = 'd27e3a9b5c10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('answered', sa.Boolean(), nullable=False),
    sa.Column('pinned', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_questions_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['questions.id'], name=op.f('fk_questions_merged_into_id_questions'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_questions_participant_id_participants'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_questions_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_merged_into_id'), ['merged_into_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_session_id'), ['session_id'], unique=False)

    op.create_table('question_votes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'], name=op.f('fk_question_votes_activity_id_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_question_votes_participant_id_participants'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_votes_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_votes')),
    sa.UniqueConstraint('question_id', 'participant_id', name=op.f('uq_question_votes_question_id'))
    )
    with op.batch_alter_table('question_votes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_votes_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_votes_participant_id'), ['participant_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_question_votes_question_id'), ['question_id'], unique=False)


def downgrade():
    with op.batch_alter_table('question_votes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_votes_question_id'))
        batch_op.drop_index(batch_op.f('ix_question_votes_participant_id'))
        batch_op.drop_index(batch_op.f('ix_question_votes_activity_id'))
    op.drop_table('question_votes')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_session_id'))
        batch_op.drop_index(batch_op.f('ix_questions_participant_id'))
        batch_op.drop_index(batch_op.f('ix_questions_merged_into_id'))
        batch_op.drop_index(batch_op.f('ix_questions_activity_id'))
    op.drop_table('questions')
