"""The team of a session: what a co-facilitator, a moderator and an outsider can and cannot do,
over HTTP and Socket.IO, and the action log that shows who did what."""

import itertools

import pytest
from sqlalchemy import select

from cafe.activities.board.models import Card
from cafe.auth.models import Facilitator
from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.participants.models import Participant
from cafe.sessions.models import CafeSession
from cafe.team.models import ConsoleAction, SessionMember
from cafe.team.services import remove_member
from tests.support.factories import FACILITATOR_PASSWORD, cid, latest_views

_ids = itertools.count()


@pytest.fixture
def team(app, cafe_session, login, sio, join):
    """Anna owns the session; Carla co-facilitates, Mo moderates, Bert is an outsider."""
    for name in ("carla", "mo", "bert"):
        create_facilitator(name, FACILITATOR_PASSWORD, "en")
    anna = login(app.test_client(), "anna")
    assert anna.post(f"/console/sessions/{cafe_session.id}/team",
                     data={"username": "carla", "role": "cofacilitator"}).status_code == 302
    assert anna.post(f"/console/sessions/{cafe_session.id}/team",
                     data={"username": "mo", "role": "moderator"}).status_code == 302

    class Team:
        session = cafe_session
        board, vote = cafe_session.activities[1], cafe_session.activities[2]
        http = {"anna": anna, "carla": login(app.test_client(), "carla"),
                "mo": login(app.test_client(), "mo"), "bert": login(app.test_client(), "bert")}

        def console(self, who):
            return sio(cafe_session.code, view="console", flask_client=self.http[who])

        def phone(self):
            return sio(cafe_session.code, token=join(cafe_session.code, name="Noor"))

    return Team()


def send(client, event, **payload):
    return client.emit(event, {"cid": cid(f"team{next(_ids)}"), **payload}, callback=True)


def test_http_what_each_role_may_do(team):
    sid, code = team.session.id, team.session.code
    pages = {
        "console": ("get", f"/console/sessions/{sid}"),
        "projector": ("get", f"/p/{code}"),
        "export agenda": ("get", f"/console/sessions/{sid}/plan.toml"),
        "save as plan": ("post", f"/console/sessions/{sid}/save-plan"),
        "privacy settings": ("get", f"/console/sessions/{sid}/privacy"),
        "results (API)": ("get", f"/api/v1/sessions/{sid}/results"),
        "team": ("get", f"/console/sessions/{sid}/team"),
        "action log": ("get", f"/console/sessions/{sid}/log"),
    }
    allowed = {
        "carla": {"console", "projector", "export agenda", "save as plan", "privacy settings",
                  "results (API)"},
        "mo": {"console"},
        "bert": set(),
    }
    for who, may in allowed.items():
        for page, (method, url) in pages.items():
            response = getattr(team.http[who], method)(url, data={"title": "x"})
            status = response.status_code
            if page in may:
                assert status in (200, 302), (who, page, status)
            else:
                assert status in (403, 404), (who, page, status)
            if who == "bert":
                assert team.session.title not in response.get_data(as_text=True)
    # Only the owner deletes the session.
    for who in ("carla", "mo", "bert"):
        team.http[who].post(f"/console/sessions/{sid}/delete", data={"confirm": code})
        assert db.session.get(CafeSession, sid) is not None, who
    moderating = team.http["mo"].get(f"/console/sessions/{sid}").get_data(as_text=True)
    assert team.session.projector_key not in moderating
    assert 'data-action="activity:open"' not in moderating
    assert team.session.projector_key in team.http["carla"].get(
        f"/console/sessions/{sid}").get_data(as_text=True)
    console = team.http["carla"].get(f"/console/sessions/{sid}").get_data(as_text=True)
    assert "Delete for good" not in console and f"/console/sessions/{sid}/team" not in console
    # The session appears in the helpers' own list, with their role.
    listing = team.http["mo"].get("/console/").get_data(as_text=True)
    assert team.session.title in listing and "moderator" in listing
    assert code in listing
    assert code not in team.http["bert"].get("/console/").get_data(as_text=True)


def test_socket_what_each_role_may_do_and_consoles_stay_in_sync(team):
    owner, carla, mo = team.console("anna"), team.console("carla"), team.console("mo")
    assert not team.console("bert").is_connected()
    assert send(owner, "activity:open", activity=team.board.id)["ok"]
    phone = team.phone()
    for text in ("Te weinig bankjes", "Geen bankjes op het plein", "Scheldwoord"):
        assert send(phone, "card:add", activity=team.board.id, type="need", text=text)["ok"]
    first, second, rude = db.session.scalars(select(Card).order_by(Card.id)).all()
    team.http["anna"].post(f"/console/sessions/{team.session.id}/assisted", data={"name": "Jef"})
    assisted = db.session.scalar(select(Participant.id).where(Participant.assisted.is_(True)))
    seen = {client: latest_views(client, {}) for client in (owner, carla, mo)}

    # The moderator keeps the board clean...
    assert send(mo, "card:hide", card=rude.id)["ok"]
    assert send(mo, "card:edit", card=first.id, text="Te weinig zitbanken")["ok"]
    assert send(mo, "card:merge", source=second.id, target=first.id)["ok"]
    # ...and the other consoles see it as it happens.
    for client in (owner, carla):
        board = latest_views(client, seen[client])[team.board.id]
        cards = {c["id"]: c for c in board["data"]["cards"]}
        assert cards[rude.id]["status"] == "hidden"
        assert cards[first.id]["text"] == "Te weinig zitbanken"
    # ...but runs nothing else.
    for event, payload in [
        ("activity:open", {"activity": team.vote.id}),
        ("activity:close", {"activity": team.board.id}),
        ("theme:add", {"activity": team.board.id, "title": "Zitten"}),
        ("card:add", {"activity": team.board.id, "type": "need", "text": "Ik ook"}),
        ("vote:reveal", {"activity": team.vote.id}),
        ("session:security", {"retention_days": 1}),
        ("card:add", {"activity": team.board.id, "type": "need", "text": "Voor Jef",
                      "on_behalf": assisted}),
    ]:
        answer = send(mo, event, **payload)
        assert answer["ok"] is False and answer["error"] == "forbidden", event
        assert answer["message"] == "You are not allowed to do this."

    # The co-facilitator runs the session.
    assert send(carla, "theme:add", activity=team.board.id, title="Zitten")["ok"]
    assert send(carla, "activity:open", activity=team.vote.id)["ok"]
    assert send(carla, "card:show", card=rude.id)["ok"]
    assert send(carla, "activity:open", activity=team.board.id)["ok"]
    assert send(carla, "card:add", activity=team.board.id, type="need", text="Voor Jef",
                on_behalf=assisted)["ok"]

    db.session.expire_all()
    assert db.session.get(Card, rude.id).status == "visible"
    # A removed moderator's open console is closed, and they cannot connect again.
    mo_id = db.session.scalar(select(SessionMember.id).join(SessionMember.facilitator)
                              .where(Facilitator.username == "mo"))
    assert team.http["anna"].post(
        f"/console/sessions/{team.session.id}/team/{mo_id}/remove").status_code == 302
    # Their console is closed at once: no more of the session's updates reach it.
    assert not mo.is_connected()
    assert not team.console("mo").is_connected()
    # A console this process did not close (another server process) is refused from its next
    # event on: the role is asked again for every event.
    carla_id = db.session.scalar(select(SessionMember.id).join(SessionMember.facilitator)
                                 .where(Facilitator.username == "carla"))
    remove_member(team.session, carla_id)
    db.session.commit()
    assert carla.is_connected()
    assert send(carla, "activity:close", activity=team.vote.id)["error"] == "forbidden"


def test_the_action_log_lists_what_each_did(team):
    owner, carla, mo = team.console("anna"), team.console("carla"), team.console("mo")
    assert send(owner, "activity:open", activity=team.board.id)["ok"]
    phone = team.phone()
    assert send(phone, "card:add", activity=team.board.id, type="need", text="Vuil")["ok"]
    card = db.session.scalar(select(Card))
    assert send(mo, "card:hide", card=card.id)["ok"]
    assert send(mo, "activity:close", activity=team.board.id)["error"] == "forbidden"
    assert send(carla, "activity:close", activity=team.board.id)["ok"]
    team.http["carla"].post(f"/console/sessions/{team.session.id}/save-plan",
                            data={"title": "Kopie"})
    sid = team.session.id
    assert team.http["carla"].post(f"/console/sessions/{sid}/agenda/{team.vote.id}/move",
                                   data={"direction": "up"}).status_code == 302
    assert team.http["mo"].post(f"/console/sessions/{sid}/agenda/{team.vote.id}/move",
                                data={"direction": "up"}).status_code == 403
    # Refused attempts leave no line: an unknown user name, a moderator saving a plan.
    team.http["anna"].post(f"/console/sessions/{team.session.id}/team",
                           data={"username": "nobody", "role": "moderator"})
    team.http["mo"].post(f"/console/sessions/{team.session.id}/save-plan", data={"title": "x"})

    rows = db.session.scalars(select(ConsoleAction).order_by(ConsoleAction.id)).all()
    assert [(r.username, r.action) for r in rows] == [
        ("anna", "team.index"), ("anna", "team.index"),
        ("anna", "activity:open"), ("mo", "card:hide"), ("carla", "activity:close"),
        ("carla", "library.save_session"), ("carla", "editor.move"),
    ]
    assert rows[3].target == {"card": card.id}
    page = team.http["anna"].get(f"/console/sessions/{team.session.id}/log").get_data(
        as_text=True)
    assert "hid a card" in page and "closed an activity" in page and "opened an activity" in page
    assert page.index("carla") < page.index("mo</td>") < page.index("anna</td>")  # newest first
    assert team.board.title in page
    assert "moved an activity" in page and page.count(team.vote.title) == 1


def test_a_moderator_approves_statements_but_does_not_add_them(team):
    from cafe.activities import registry
    from cafe.activities.statements.models import OpinionStatement
    from cafe.sessions.models import Activity

    act = Activity(position=len(team.session.activities), kind="statements",
                   title="Eens of oneens?", settings=registry.get("statements").validate_settings(
                       {"statements": ["Meer bankjes", "Meer groen"], "premoderation": True}))
    team.session.activities.append(act)
    db.session.commit()
    owner, mo = team.console("anna"), team.console("mo")
    assert send(owner, "activity:open", activity=act.id)["ok"]
    phone = team.phone()
    assert send(phone, "statements:add", activity=act.id, text="Een buurtfeest")["ok"]
    pending = db.session.scalar(select(OpinionStatement.id).where(
        OpinionStatement.activity_id == act.id, OpinionStatement.status == "pending"))
    assert send(mo, "statements:moderate", activity=act.id, statement=pending,
                action="approve")["ok"]
    assert send(mo, "statements:add", activity=act.id, text="Van de moderator")["error"] \
        == "forbidden"
    db.session.expire_all()
    assert db.session.get(OpinionStatement, pending).status == "visible"
    assert db.session.scalar(select(ConsoleAction.action).where(
        ConsoleAction.username == "mo")) == "statements:moderate"
