"""card counts per board, type and status, kept by triggers on cards: the screens' counts and a
vote's stamp of its board read a few rows, not the wall; cards indexed by board and participant
(a participant's own cards without reading the wall) (issue 31)

Revision ID: e3a9c5d71f02
Revises: d8f2b6c4e913
Create Date: 2026-12-06

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e3a9c5d71f02'
down_revision = 'd8f2b6c4e913'
branch_labels = None
depends_on = None

# As cafe/activities/board/counts.py has them on 2026-12-06 (a migration keeps its own copy:
# it must build the same thing whatever the code becomes).
_ADD = ("INSERT INTO card_counts (activity_id, type, status, n) "
        "VALUES (NEW.activity_id, NEW.type, NEW.status, 1) "
        "ON CONFLICT (activity_id, type, status) DO UPDATE SET n = card_counts.n + 1")
_TAKE = ("UPDATE card_counts SET n = n - 1 WHERE activity_id = OLD.activity_id "
         "AND type = OLD.type AND status = OLD.status")
_MOVED = ("OLD.activity_id IS NOT NEW.activity_id OR OLD.type IS NOT NEW.type "
          "OR OLD.status IS NOT NEW.status")
SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS card_counts_insert AFTER INSERT ON cards "
    f"BEGIN {_ADD}; END",
    f"CREATE TRIGGER IF NOT EXISTS card_counts_delete AFTER DELETE ON cards "
    f"BEGIN {_TAKE}; END",
    f"CREATE TRIGGER IF NOT EXISTS card_counts_update AFTER UPDATE OF activity_id, type, status "
    f"ON cards WHEN {_MOVED} BEGIN {_TAKE}; {_ADD}; END",
]
POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION card_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN "
    "IF TG_OP = 'UPDATE' AND NOT (" + _MOVED.replace("IS NOT", "IS DISTINCT FROM") + ") "
    "THEN RETURN NULL; END IF; "
    f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_TAKE}; END IF; "
    f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_ADD}; END IF; "
    "RETURN NULL; END $$",
    # DROP and CREATE, not CREATE OR REPLACE TRIGGER: that needs PostgreSQL 14.
    "DROP TRIGGER IF EXISTS card_counts_change ON cards",
    "CREATE TRIGGER card_counts_change AFTER INSERT OR DELETE "
    "OR UPDATE OF activity_id, type, status ON cards "
    "FOR EACH ROW EXECUTE FUNCTION card_counts_change()",
]


def upgrade():
    op.create_index('ix_cards_activity_participant', 'cards', ['activity_id', 'participant_id'],
                    unique=False)
    op.create_table(
        'card_counts',
        sa.Column('activity_id', sa.Integer(), nullable=False),
        sa.Column('type', sa.String(length=16), nullable=False),
        sa.Column('status', sa.String(length=16), nullable=False),
        sa.Column('n', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['activity_id'], ['activities.id'],
                                name=op.f('fk_card_counts_activity_id_activities'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('activity_id', 'type', 'status', name=op.f('pk_card_counts')),
    )
    op.execute("INSERT INTO card_counts (activity_id, type, status, n) "
               "SELECT activity_id, type, status, COUNT(*) FROM cards "
               "GROUP BY activity_id, type, status")
    for statement in SQLITE if op.get_bind().dialect.name == "sqlite" else POSTGRESQL:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("card_counts_insert", "card_counts_delete", "card_counts_update"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS card_counts_change ON cards")
        op.execute("DROP FUNCTION IF EXISTS card_counts_change()")
    op.drop_table('card_counts')
    op.drop_index('ix_cards_activity_participant', table_name='cards')
