"""team invitations: a session owner invites a co-facilitator or moderator by e-mail or link

Invitations name the session and the role (and the address, the link's salt, who joined);
the outbox carries them beside Delphi's messages.

Revision ID: c7e1a4f90b25
Revises: b29d4e7a1c53
Create Date: 2026-12-06

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c7e1a4f90b25'
down_revision = 'b29d4e7a1c53'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('role', sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('link_salt', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('joined_by', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_invitations_session_id'), ['session_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_invitations_session_id_sessions'),
                                    'sessions', ['session_id'], ['id'], ondelete='CASCADE')
        batch_op.create_foreign_key(batch_op.f('fk_invitations_joined_by_facilitators'),
                                    'facilitators', ['joined_by'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.alter_column('email', server_default=None)

    with op.batch_alter_table('delphi_outbox', schema=None) as batch_op:
        batch_op.alter_column('study_id', existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column('panelist_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('invitation_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_delphi_outbox_invitation_id'), ['invitation_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_delphi_outbox_invitation_id_invitations'),
                                    'invitations', ['invitation_id'], ['id'], ondelete='CASCADE')


def downgrade():
    op.execute("DELETE FROM delphi_outbox WHERE invitation_id IS NOT NULL")
    with op.batch_alter_table('delphi_outbox', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_delphi_outbox_invitation_id_invitations'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_delphi_outbox_invitation_id'))
        batch_op.drop_column('invitation_id')
        batch_op.alter_column('panelist_id', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('study_id', existing_type=sa.Integer(), nullable=False)

    op.execute("DELETE FROM invitations WHERE session_id IS NOT NULL")
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_invitations_joined_by_facilitators'),
                                 type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_invitations_session_id_sessions'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_invitations_session_id'))
        batch_op.drop_column('joined_by')
        batch_op.drop_column('link_salt')
        batch_op.drop_column('email')
        batch_op.drop_column('role')
        batch_op.drop_column('session_id')
