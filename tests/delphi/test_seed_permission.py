"""Issue 27 item 7: seeding a statements activity from a Delphi study asks the study's own
permission. A co-facilitator of the session cannot seed from the owner's study, which answers
them 404; its statements never reach their session."""

from sqlalchemy import select

from cafe.activities.statements.models import OpinionStatement
from cafe.auth.services import create_facilitator
from cafe.delphi import services as delphi
from cafe.extensions import db
from cafe.sessions.models import Activity
from cafe.team.services import add_member
from tests.support.factories import FACILITATOR_PASSWORD

SECRET = "Alleen voor de onderzoeker: de begroting wordt geschrapt"


def statements_rounds(session_id):
    db.session.expire_all()
    return db.session.scalars(select(Activity).where(
        Activity.session_id == session_id, Activity.kind == "statements")).all()


def seed_form(study_id):
    return {"title-en": "Wat vindt de buurt?", "seed": "delphi", "source": str(study_id),
            "seed_limit": "30", "max_length": "140", "allow_new": "1"}


def test_a_co_facilitator_cannot_seed_from_a_study_they_cannot_open(
        app, cafe_session, facilitator, login):
    study = delphi.create_study(facilitator, "Begroting", "en", ["P"], [("", SECRET)])
    create_facilitator("carla", FACILITATOR_PASSWORD, "en")
    add_member(cafe_session, "carla", "cofacilitator")
    db.session.commit()
    carla = login(app.test_client(), "carla")
    before = len(statements_rounds(cafe_session.id))
    # The study's own page answers her 404 ...
    assert carla.get(f"/console/delphi/{study.id}").status_code == 404
    # ... and so does the editor, for the same study: nothing is added.
    refused = carla.post(f"/console/sessions/{cafe_session.id}/agenda/new/statements",
                         data=seed_form(study.id))
    assert refused.status_code == 400
    assert "There is no Delphi study with this number." in refused.get_data(as_text=True)
    assert len(statements_rounds(cafe_session.id)) == before
    # Nor can she point an existing round at it.
    anna = login(app.test_client())
    assert anna.post(f"/console/sessions/{cafe_session.id}/agenda/new/statements",
                     data={**seed_form(study.id), "seed": "none"}).status_code == 302
    existing = statements_rounds(cafe_session.id)[-1]
    assert carla.post(f"/console/sessions/{cafe_session.id}/agenda/{existing.id}",
                      data=seed_form(study.id)).status_code == 400
    db.session.expire_all()
    assert existing.settings["seed"] == "none"
    assert SECRET not in str(db.session.scalars(select(OpinionStatement.text)).all())


def test_the_studys_facilitator_may_seed_from_it(app, cafe_session, facilitator, login):
    study = delphi.create_study(facilitator, "Begroting", "en", ["P"], [("", SECRET)])
    db.session.commit()
    anna = login(app.test_client())
    added = anna.post(f"/console/sessions/{cafe_session.id}/agenda/new/statements",
                      data=seed_form(study.id))
    assert added.status_code == 302, added.get_data(as_text=True)
    assert statements_rounds(cafe_session.id)[-1].settings["source"] == study.id
