"""Privacy: no tokens or addresses in the API, withdrawing input, deleting, retention."""

import json
import re
from datetime import timedelta

from sqlalchemy import select

from cafe.activities import registry
from cafe.auth.models import Facilitator
from cafe.cli import purge as purge_command
from cafe.domain.retention import expires_at, is_expired
from cafe.extensions import db
from cafe.models import utcnow
from cafe.neighbourhoods import services as neighbourhoods
from cafe.participants import services as participants
from cafe.security import settings
from cafe.security.inventory import remaining, session_rows
from cafe.security.retention import purge
from cafe.sessions.models import CafeSession
from cafe.sessions.services import create_session
from tests.support.factories import add_activity, cid, received

ADDRESS = "192.0.2.44"


def test_retention_dates():
    created = utcnow()
    assert expires_at(created, 30) == created + timedelta(days=30)
    assert not is_expired(created, 30, created + timedelta(days=29, hours=23))
    assert is_expired(created, 30, created + timedelta(days=30))
    # SQLite hands back naive datetimes, stored in UTC.
    naive = created.replace(tzinfo=None)
    assert is_expired(naive, 1, created + timedelta(days=2))


def test_api_and_live_views_never_contain_tokens_or_addresses(
    app, client, login, cafe_session, sio
):
    tokens = []
    for name in ("Jan", None, "Fatima"):
        r = client.post(f"/api/v1/join/{cafe_session.code}", json={"name": name},
                        environ_base={"REMOTE_ADDR": ADDRESS})
        tokens.append(r.get_json()["token"])
    assisted, assisted_token, _ = participants.join(cafe_session, name="Zonder gsm",
                                                    assisted=True)
    db.session.commit()
    tokens.append(assisted_token)
    secrets = tokens + [participants.hash_token(t) for t in tokens] + [ADDRESS]

    owner = login(app.test_client())
    console = sio(cafe_session.code, view="console", flask_client=owner)
    console.emit("activity:open", {"cid": cid(1), "activity": cafe_session.activities[0].id},
                 callback=True)
    # The session's neighbourhood, so its trajectory is read too.
    hood = neighbourhoods.create(db.session.get(Facilitator, cafe_session.facilitator_id),
                                 "Noord")
    cafe_session.neighbourhood_id = hood.id
    db.session.commit()
    ids = {"session_id": cafe_session.id, "hood_id": hood.id}
    statements = next((a.id for a in cafe_session.activities if a.kind == "statements"), None)
    if statements is not None:
        ids["activity_id"] = statements  # its anonymised vote matrix (votes.csv)
    scanned = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or not rule.rule.startswith("/api/"):
            continue
        if "activity_id" in rule.arguments and "activity_id" not in ids:
            continue
        values = {a: ids.get(a, cafe_session.code) for a in rule.arguments}
        response = owner.get(rule.build(values)[1])
        assert response.status_code == 200, rule.rule
        scanned.append(response.get_data(as_text=True))
    phone = sio(cafe_session.code, token=tokens[0])
    projector = sio(cafe_session.code, view="projector", key=cafe_session.projector_key)
    for live in (console, phone, projector):
        scanned.append(json.dumps(live.get_received(), default=str))
    assert len(scanned) >= 6
    for text in scanned:
        for secret in secrets:
            assert secret not in text


def test_results_for_the_api_carry_no_names(app, login, cafe_session, join):
    join(cafe_session.code, name="Herkenbare Naam")
    owner = login(app.test_client())
    results = owner.get(f"/api/v1/sessions/{cafe_session.id}/results").get_data(as_text=True)
    assert "Herkenbare Naam" not in results


def test_withdraw_asks_every_activity_for_only_my_contributions(
    app, sio, join, cafe_session, monkeypatch
):
    calls = []
    for kind in registry.all_kinds().values():
        monkeypatch.setattr(kind, "withdraw",
                            lambda activity, pid: calls.append((activity.id, pid)))
    mine, theirs = join(cafe_session.code), join(cafe_session.code)
    phone = sio(cafe_session.code, token=mine)
    sio(cafe_session.code, token=theirs)
    me = received(phone, "state")[0]["me"]["id"]
    answer = phone.emit("me:withdraw", {"cid": cid(1)}, callback=True)
    assert answer["ok"] and answer["withdrawn"]
    assert sorted(calls) == sorted((a.id, me) for a in cafe_session.activities)


def test_withdraw_removes_real_votes(app, sio, join, cafe_session):
    """With the vote kind: a cast vote is gone after withdrawing, another person's stays."""
    from cafe.activities.vote.models import Vote

    activity, _ = add_activity(cafe_session, "vote", "Prioriteiten")
    db.session.commit()
    me, other = join(cafe_session.code), join(cafe_session.code)
    phone = sio(cafe_session.code, token=me)
    mine = received(phone, "state")[0]["me"]["id"]
    other_id = participants.participant_for_token(cafe_session.id, other).id
    for pid in (mine, other_id):
        db.session.add(Vote(activity_id=activity.id, participant_id=pid, target="card",
                            item_id=1, entered_by="participant"))
    db.session.commit()
    assert phone.emit("me:withdraw", {"cid": cid(1)}, callback=True)["ok"]
    db.session.expire_all()
    left = db.session.scalars(select(Vote.participant_id)).all()
    assert left == [other_id]


def test_withdraw_form_works_without_javascript_and_needs_a_csrf_token(
    app, client, join, cafe_session, monkeypatch
):
    calls = []
    for kind in registry.all_kinds().values():
        monkeypatch.setattr(kind, "withdraw", lambda activity, pid: calls.append(pid))
    token = join(cafe_session.code)
    client.set_cookie(participants.cookie_name(cafe_session.code), token)
    page = client.get(f"/s/{cafe_session.code}").get_data(as_text=True)
    assert 'id="withdraw-form"' in page and f"/j/{cafe_session.code}/privacy" in page
    app.config["WTF_CSRF_ENABLED"] = True
    assert client.post(f"/s/{cafe_session.code}/withdraw").status_code == 400
    assert calls == []
    csrf = re.search(r'id="withdraw-form".*?name="csrf_token" value="([^"]+)"', page, re.S)
    # The token in a page rendered without CSRF is still valid for this browser session.
    response = client.post(f"/s/{cafe_session.code}/withdraw",
                           data={"csrf_token": csrf.group(1)})
    assert response.status_code == 302
    assert len(calls) == len(cafe_session.activities)


def _fill_every_table(app, sio, join, session, client, login):
    """Put rows in as many of the session's tables as the live events allow."""
    console = sio(session.code, view="console", flask_client=login(client))
    token = join(session.code, name="Iemand")
    phone = sio(session.code, token=token)
    console.emit("participant:add_assisted", {"cid": cid("a1"), "name": "Zonder gsm"},
                 callback=True)
    for activity in session.activities:
        console.emit("activity:open", {"cid": cid(f"o{activity.id}"), "activity": activity.id},
                     callback=True)
    phone.emit("me:withdraw", {"cid": cid("w1")}, callback=True)


def test_deleting_a_session_removes_every_row_that_refers_to_it(
    app, client, login, sio, join, cafe_session, facilitator
):
    keep = create_session(facilitator, "Blijft", "en")
    db.session.commit()  # services flush; the caller commits
    join(keep.code)
    _fill_every_table(app, sio, join, cafe_session, client, login)
    rows = session_rows(cafe_session.id)
    assert {"sessions", "activities", "participants", "processed_events"} <= set(rows)
    kept = session_rows(keep.id)

    response = client.post(f"/console/sessions/{cafe_session.id}/delete",
                           data={"confirm": cafe_session.code.lower()})
    assert response.status_code == 302
    db.session.expire_all()
    assert remaining(rows) == {}
    assert remaining(kept) == kept


def test_purge_deletes_only_expired_sessions(app, facilitator, join):
    old = create_session(facilitator, "Oud", "en")
    db.session.commit()  # services flush; the caller commits
    short = create_session(facilitator, "Kort bewaard", "en")
    db.session.commit()  # services flush; the caller commits
    fresh = create_session(facilitator, "Vers", "en")
    db.session.commit()  # services flush; the caller commits
    join(old.code)
    old.created_at = utcnow() - timedelta(days=400)
    short.created_at = utcnow() - timedelta(days=10)
    settings.update(short, {"retention_days": 7})
    db.session.commit()
    rows = session_rows(old.id)

    assert sorted(purge(dry_run=True)) == sorted([old.code, short.code])
    assert db.session.get(CafeSession, old.id) is not None
    assert sorted(purge()) == sorted([old.code, short.code])
    db.session.expire_all()
    assert remaining(rows) == {}
    assert db.session.get(CafeSession, fresh.id) is not None
    assert purge() == []


def test_cafe_purge_command(app, facilitator):
    old = create_session(facilitator, "Oud", "en")
    db.session.commit()  # services flush; the caller commits
    old.created_at = utcnow() - timedelta(days=400)
    db.session.commit()
    code = old.code
    result = app.test_cli_runner().invoke(purge_command, ["--dry-run"])
    assert result.exit_code == 0 and code in result.output
    assert db.session.get(CafeSession, old.id) is not None
    result = app.test_cli_runner().invoke(purge_command)
    assert result.exit_code == 0 and code in result.output
    db.session.expire_all()
    assert db.session.scalar(select(CafeSession).where(CafeSession.code == code)) is None


def test_expired_sessions_are_purged_when_the_server_starts(tmp_path, monkeypatch, facilitator):
    # A second app on the same database, as a restarted server would be.
    from flask import current_app

    from cafe import create_app

    old = create_session(facilitator, "Oud", "en")
    db.session.commit()  # services flush; the caller commits
    old.created_at = utcnow() - timedelta(days=400)
    db.session.commit()
    code = old.code
    restarted = create_app({**current_app.config, "TESTING": True})
    with restarted.app_context():
        assert restarted.test_client().get("/healthz").status_code == 200
        assert db.session.scalar(select(CafeSession).where(CafeSession.code == code)) is None


def test_privacy_page_tells_what_is_kept_and_for_how_long(client, cafe_session):
    settings.update(cafe_session, {"retention_days": 90})
    db.session.commit()
    join_page = client.get(f"/j/{cafe_session.code}").get_data(as_text=True)
    assert f"/j/{cafe_session.code}/privacy" in join_page
    page = client.get(f"/j/{cafe_session.code}/privacy?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "90 days" in text
    assert expires_at(cafe_session.created_at, 90).date().isoformat() in text
    assert client.get("/j/NOPE99/privacy").status_code == 404
