"""withdrawn invitations: an admin revokes a pending invitation link (when, by whom)

Revision ID: e4b8c1d2f6a9
Revises: b5d7e2f9c311
Create Date: 2026-12-02

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e4b8c1d2f6a9'
down_revision = 'b5d7e2f9c311'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('revoked_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_invitations_revoked_by_facilitators'),
                                    'facilitators', ['revoked_by'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitations_revoked_by_facilitators'),
                                 type_='foreignkey')
        batch_op.drop_column('revoked_by')
        batch_op.drop_column('revoked_at')
