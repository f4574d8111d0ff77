"""The questions tests' own fixture: an open questions activity in a new session."""

import pytest

from cafe.activities import registry
from cafe.extensions import db
from cafe.participants.services import join
from cafe.sessions.models import Activity
from cafe.sessions.services import create_session


@pytest.fixture
def make(facilitator):
    """An open questions activity and n participants."""

    def _make(people=3, status="open", **settings):
        session = create_session(facilitator, "Vragen", "nl")
        act = Activity(position=0, kind="questions", title="Uw vragen", status=status,
                       settings=registry.get("questions").validate_settings(settings))
        session.activities.append(act)
        db.session.flush()
        ids = [join(session, name=None)[0].id for _ in range(people)]
        db.session.commit()
        return act, ids

    return _make
