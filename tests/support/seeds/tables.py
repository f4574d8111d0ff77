"""Tables of models whose migration is still on another branch (create_all leaves existing
tables alone, so this does nothing once the migrations are complete)."""

from cafe.extensions import db
from tests.support.seeds import app_for, arguments

if __name__ == "__main__":
    database_url, = arguments()
    with app_for(database_url).app_context():
        db.create_all()
