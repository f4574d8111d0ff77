"""How many cards a board has, by type and status, kept by the database as cards change.

The screens' patches, the phones' count and a vote's stamp of its board read these (a few
rows per board), not the wall: a COUNT over the cards, even from an index, grows with the wall,
and it ran for every card posted (issue 31). Triggers on `cards` keep the rows, so every writer
counts (the board's services, the World Café's insights, a bulk insert in a test, the soak's
SQL), in the transaction of the change. Rows at zero stay (read them with `n > 0`).

A migration that rebuilds `cards` (SQLite batch mode copying the table) drops its triggers:
create them again there (`tests/project/test_migrations.py` checks that they exist).
"""

from sqlalchemy import DDL, ForeignKey, Integer, String, event
from sqlalchemy.orm import Mapped, mapped_column

from cafe.activities.board.models import Card
from cafe.extensions import db


class CardCount(db.Model):
    __tablename__ = "card_counts"

    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), primary_key=True
    )
    type: Mapped[str] = mapped_column(String(16), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    n: Mapped[int] = mapped_column(Integer, default=0)


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
# A schema made from the models (tests, `create_all`) gets the triggers with the table; a
# trigger names card_counts, which the databases look up when it fires, not when it is made.
for _statement in SQLITE:
    event.listen(Card.__table__, "after_create", DDL(_statement).execute_if(dialect="sqlite"))
for _statement in POSTGRESQL:
    event.listen(Card.__table__, "after_create",
                 DDL(_statement.replace("%", "%%")).execute_if(dialect="postgresql"))
