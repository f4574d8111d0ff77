"""Issue 25 item 8: below the group threshold the projector says in words how many more people
must vote (and on how many statements each) for groups to appear, and shows each statement's
votes meanwhile instead of an almost empty map."""

from cafe.activities import registry
from cafe.activities.statements import views
from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.domain import opinion
from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.sessions.models import Activity
from cafe.sessions.services import create_session


def test_still_needed_counts_people_and_votes_each():
    threshold = 2 * opinion.MIN_GROUP
    assert views.still_needed({"participants": 0}, 3) == {"people": threshold, "each": 3}
    assert views.still_needed({"participants": 4}, 20) == {
        "people": threshold - 4, "each": opinion.MIN_VOTES}
    assert views.still_needed({"participants": threshold + 5}, 20)["people"] == 0


def test_a_small_room_sees_the_words_and_the_votes_so_far(app, facilitator):
    app.config["OPINION_INTERVAL"] = 0  # every view recomputes: the test reads final states
    session = create_session(facilitator, "Stellingen", "nl")
    db.session.commit()
    act = Activity(position=0, kind="statements", title="Eens of oneens?", status="open",
                   settings=registry.get("statements").validate_settings(
                       {"statements": ["Meer bankjes", "Minder auto's"]}))
    session.activities.append(act)
    db.session.flush()
    rows = [OpinionStatement(activity_id=act.id, text=text, origin="plan", status="visible",
                             position=n) for n, text in enumerate(("Meer bankjes",
                                                                   "Minder auto's"))]
    people = [Participant(session_id=session.id, name=f"Buur {n}", token_hash=f"h{n}")
              for n in range(3)]
    db.session.add_all(rows + people)
    db.session.flush()
    for person in people:
        db.session.add(OpinionVote(activity_id=act.id, statement_id=rows[0].id,
                                   participant_id=person.id, value=opinion.AGREE))
        db.session.add(OpinionVote(activity_id=act.id, statement_id=rows[1].id,
                                   participant_id=person.id, value=opinion.DISAGREE))
    db.session.commit()

    data = views.view(act, "projector")
    assert data["analysis"]["groups"] == []
    assert data["needed"] == {"people": 2 * opinion.MIN_GROUP - 3, "each": 2}
    assert [(t["text"], t["agree"], t["disagree"]) for t in data["tallies"]] == [
        ("Meer bankjes", 3, 0), ("Minder auto's", 0, 3)]
    assert "needed" not in views.view(act, "phone")
    messages = registry.get("statements").messages
    assert {"st_needed", "st_needed_one", "st_needed_spread", "st_tally"} <= set(messages)
