"""hardening: facilitators' login version, so logout and a new password end every login
(issue 16)

Revision ID: b5d7e2f9c311
Revises: a19c0e5f7b21 (branched from 3e150f80466b; re-chained onto main's head)
Create Date: 2026-12-01

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b5d7e2f9c311'
down_revision = 'a19c0e5f7b21'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('login_version', sa.Integer(), server_default='0',
                                      nullable=False))


def downgrade():
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.drop_column('login_version')
