"""sessions: the session's title in several languages

Revision ID: f3a9c2e7d415
Revises: e4b8c1d2f6a9
Create Date: 2026-12-01

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f3a9c2e7d415'
down_revision = 'e4b8c1d2f6a9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('texts', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('texts')
