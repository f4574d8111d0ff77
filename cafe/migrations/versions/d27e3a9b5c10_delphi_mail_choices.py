"""delphi: names for the greeting, stopped mail and withdrawal, the study's mail settings

Revision ID: d27e3a9b5c10
Revises: f3a9c2e7d415
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd27e3a9b5c10'
down_revision = 'f3a9c2e7d415'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('delphi_contacts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=120), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('stopped_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('delphi_panelists', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table('delphi_studies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mail_settings', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('delphi_studies', schema=None) as batch_op:
        batch_op.drop_column('mail_settings')
    with op.batch_alter_table('delphi_panelists', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_at')
    with op.batch_alter_table('delphi_contacts', schema=None) as batch_op:
        batch_op.drop_column('stopped_at')
        batch_op.drop_column('name')
