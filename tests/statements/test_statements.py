"""Statements through the Socket.IO test client: seeding, votes, the analysis on the screens,
participants' statements under pre-moderation, hiding, refusals and anonymous results."""

import pytest
from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.board.models import Card
from cafe.activities.statements import analysis
from cafe.activities.statements.models import OpinionStatement, OpinionVote
from cafe.domain import opinion
from cafe.extensions import db
from cafe.sessions.models import Activity
from cafe.sessions.services import create_session
from tests.support.factories import cid
from tests.support.opinion import letters

PLANNED = [f"Stelling {n}: de buurt heeft meer {w} nodig" for n, w in
           enumerate(["bankjes", "groen", "ontmoeting", "verlichting", "speelruimte",
                      "fietsenstallingen", "buurtfeesten", "zorg aan huis"], start=1)]


@pytest.fixture
def make_statements(app, facilitator):
    app.config["OPINION_INTERVAL"] = 0  # every view recomputes: the tests read final states

    def _make(**settings):
        session = create_session(facilitator, "Stellingen", "nl")
        db.session.commit()  # services flush; the caller commits
        board = Activity(position=0, kind="board", title="Waar brandt het?", status="closed")
        act = Activity(position=1, kind="statements", title="Eens of oneens?",
                       settings=registry.get("statements").validate_settings(settings))
        session.activities.extend([board, act])
        db.session.flush()
        for n, status in enumerate(("visible", "visible", "hidden")):
            db.session.add(Card(activity_id=board.id, session_id=session.id, type="need",
                                text=f"Kaart {n}", status=status))
        db.session.commit()
        return session, act

    return _make


def vote(phone, act, statement, value, key):
    return phone.emit("statements:vote", {"cid": cid(key), "activity": act.id,
                                          "statement": statement, "vote": value}, callback=True)


def ids(act, status="visible"):
    return [s.id for s in db.session.scalars(
        select(OpinionStatement)
        .where(OpinionStatement.activity_id == act.id, OpinionStatement.status == status)
        .order_by(OpinionStatement.position))]


def test_opening_seeds_the_plan_and_the_board_and_votes_reach_the_projector(
        make_statements, room):
    session, act = make_statements(statements=PLANNED, seed="board")
    r = room(session, act)
    texts = [s["text"] for s in r.last_view(r.projector)["statements"]]
    assert texts == PLANNED + ["Kaart 0", "Kaart 1"]  # the hidden card stays out
    statements = ids(act)
    phones = [r.phone() for _ in range(12)]
    for n, phone in enumerate(phones):
        for m, statement in enumerate(statements):
            # Half the room agrees with the first half of the statements, half with the rest.
            side = (n < 6) == (m < len(statements) // 2)
            value = "agree" if side or m == 0 else "disagree"
            answer = vote(phone, act, statement, value, f"{n}-{m}")
            assert answer["ok"], answer
    assert answer["mine"]["votes"][str(statements[-1])] == "agree"  # phone 11 agrees at the end
    stored = [(v.participant_id, v.statement_id, v.value) for v in db.session.scalars(
        select(OpinionVote).where(OpinionVote.activity_id == act.id))]
    expected = opinion.analyse(stored)
    shown = r.last_view(r.projector)["analysis"]
    assert shown["votes"] == len(stored) == 12 * len(statements)
    same = letters(shown["points"], opinion.public(expected)["points"])
    assert sorted((g["label"], g["size"]) for g in shown["groups"]) == [("A", 6), ("B", 6)]
    assert [c["statement"] for c in shown["consensus"]] == [statements[0]]
    assert shown["consensus"][0]["text"] == PLANNED[0]
    assert len(shown["divisive"]) == len(statements) - 1
    assert "members" not in repr(shown) and "id" not in shown["points"]
    # A phone learns its own group, and nobody else's.
    mine = vote(phones[0], act, statements[0], "agree", "again")["mine"]
    assert same[mine["group"]] == opinion.group_of(expected, phones[0].id)["label"]


def test_a_changed_vote_replaces_the_first(make_statements, room):
    session, act = make_statements(statements=PLANNED[:2])
    r = room(session, act)
    ann = r.phone()
    first = ids(act)[0]
    assert vote(ann, act, first, "agree", "a")["ok"]
    assert vote(ann, act, first, "pass", "b")["ok"]
    assert [v.value for v in db.session.scalars(select(OpinionVote))] == [opinion.PASS]


def test_participants_add_statements_under_premoderation(make_statements, room):
    session, act = make_statements(statements=PLANNED[:2], premoderation=True)
    r = room(session, act)
    ann = r.phone()
    added = ann.emit("statements:add", {"cid": cid("s"), "activity": act.id,
                                        "text": "  Meer   groen op het plein "}, callback=True)
    assert added["ok"] and added["mine"]["own"][0]["status"] == "pending"
    assert len(r.last_view(ann)["statements"]) == 2  # not yet on the phones
    pending = ids(act, "pending")[0]
    console = r.last_view(r.console)["moderation"]
    assert [m["text"] for m in console if m["status"] == "pending"] == ["Meer groen op het plein"]
    assert r.command("statements:moderate", statement=pending, action="approve")["ok"]
    assert "Meer groen op het plein" in [s["text"] for s in r.last_view(ann)["statements"]]
    again = ann.emit("statements:add", {"cid": cid("t"), "activity": act.id,
                                        "text": "meer groen op het plein"}, callback=True)
    assert again["error"] == "duplicate" and again["message"]


def test_hidden_statements_leave_the_phones_and_the_analysis(make_statements, room):
    session, act = make_statements(statements=PLANNED[:3])
    r = room(session, act)
    ann = r.phone()
    first, second, _ = ids(act)
    assert vote(ann, act, first, "agree", "a")["ok"]
    assert r.command("statements:moderate", statement=first, action="hide")["ok"]
    assert first not in [s["id"] for s in r.last_view(ann)["statements"]]
    refused = vote(ann, act, first, "agree", "b")
    assert refused["error"] == "not_votable" and refused["message"]
    assert analysis.votes_of(act.id) == []


def test_refusals_leave_nothing_behind(make_statements, room):
    session, act = make_statements(statements=PLANNED[:2], allow_new=False)
    r = room(session, act)
    ann = r.phone()
    statement = ids(act)[0]
    bad = vote(ann, act, statement, "maybe", "x")
    assert bad["ok"] is False and bad["message"]
    new = ann.emit("statements:add", {"cid": cid("n"), "activity": act.id, "text": "Iets"},
                   callback=True)
    assert new["error"] == "forbidden"
    assert r.command("activity:close")["ok"]
    closed = vote(ann, act, statement, "agree", "y")
    assert closed["error"] == "closed"
    assert db.session.scalars(select(OpinionVote)).all() == []


def test_results_hold_no_names_and_withdrawing_removes_the_votes(make_statements, room):
    session, act = make_statements(statements=PLANNED[:3])
    r = room(session, act)
    phones = [r.phone() for _ in range(3)]
    for n, phone in enumerate(phones):
        for statement in ids(act):
            assert vote(phone, act, statement, "agree", f"{n}-{statement}")["ok"]
    results = registry.get("statements").results(db.session.get(Activity, act.id))
    assert results["type"] == "statements" and results["voters"] == 3
    assert [s["agree"] for s in results["statements"]] == [3, 3, 3]
    assert {c["id"] for c in results["consensus"]} == set(ids(act))
    assert set(results["statements"][0]) == {"id", "text", "origin", "agree", "disagree", "pass"}
    assert "members" not in repr(results) and "participant_id" not in repr(results)
    registry.get("statements").withdraw(db.session.get(Activity, act.id), phones[0].id)
    db.session.commit()
    assert len(analysis.votes_of(act.id)) == 6


def test_results_and_the_vote_matrix_hold_groups_unclear_statements_and_participation(
        make_statements, room, app, login):
    """Issue 28: the results list each group's representative statements with their shares,
    the statements most people passed on and participation over time; the vote matrix CSV
    numbers the participants (no names, no tokens, no ids)."""
    session, act = make_statements(statements=PLANNED)
    r = room(session, act)
    phones = [r.phone() for _ in range(12)]
    statements = ids(act)
    for n, phone in enumerate(phones):
        for m, statement in enumerate(statements):
            side = (n < 6) == (m < len(statements) // 2)
            value = "pass" if m == 1 and n < 9 else "agree" if side or m == 0 else "disagree"
            assert vote(phone, act, statement, value, f"{n}-{m}")["ok"]
    results = registry.get("statements").results(db.session.get(Activity, act.id))
    assert results["clear"] is True and len(results["groups"]) == 2
    for group in results["groups"]:
        assert group["representative"]
        for row in group["representative"]:
            assert row["text"] and 0.5 < row["share"] <= 1 and row["share"] > row["others"]
    assert [u["id"] for u in results["unclear"]] == [statements[1]]
    assert results["unclear"][0]["passes"] == 9
    assert sum(p["votes"] for p in results["participation"]) == 12 * len(statements)
    client = login(app.test_client())
    answer = client.get(f"/api/v1/sessions/{session.id}/activities/{act.id}/votes.csv")
    assert answer.status_code == 200 and answer.mimetype == "text/csv"
    rows = answer.data.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("participant,group,votes,agree,disagree,statement 1,")
    assert [row.split(",")[0] for row in rows[1:]] == [str(n) for n in range(1, 13)]
    assert {row.split(",")[1] for row in rows[1:]} == {"A", "B"}
    other = client.get(f"/api/v1/sessions/{session.id}/activities/{act.id + 999}/votes.csv")
    assert other.status_code == 404
