"""opinion votes by activity and time: the votes changed since the last read (issue 29)

Revision ID: b29d4e7a1c53
Revises: e26b4c8d1a07
Create Date: 2026-12-06

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b29d4e7a1c53'
down_revision = 'e26b4c8d1a07'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('opinion_votes', schema=None) as batch_op:
        batch_op.create_index('ix_opinion_votes_activity_updated', ['activity_id', 'updated_at'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('opinion_votes', schema=None) as batch_op:
        batch_op.drop_index('ix_opinion_votes_activity_updated')
