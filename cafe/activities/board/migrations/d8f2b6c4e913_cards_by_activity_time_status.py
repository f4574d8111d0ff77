"""cards by board and time, and by board and status: a vote's stamp of its board and the cards
changed since it last read them, and the board's counts per status, without reading the wall
(issue 31)

Revision ID: d8f2b6c4e913
Revises: c7e1a4f90b25
Create Date: 2026-12-06

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd8f2b6c4e913'
down_revision = 'c7e1a4f90b25'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index('ix_cards_activity_updated', ['activity_id', 'updated_at'],
                              unique=False)
        batch_op.create_index('ix_cards_activity_status', ['activity_id', 'status'],
                              unique=False)


def downgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index('ix_cards_activity_status')
        batch_op.drop_index('ix_cards_activity_updated')
