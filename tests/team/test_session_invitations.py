"""Issue 25, team: a session owner (not an admin) invites a co-facilitator or moderator by
e-mail (the outbox's SMTP, in the person's language) or by a link that names the person and
the role; accepting it, with a new account or by logging in, puts them on that session's team;
the invitation list says pending, accepted or withdrawn; a withdrawn or used link says so."""

import re

import pytest
from sqlalchemy import select

from cafe.auth.services import authenticate, create_facilitator
from cafe.delphi import outbox
from cafe.delphi.models import OutboxMessage
from cafe.extensions import db
from cafe.team.models import ConsoleAction, Invitation, SessionMember
from tests.support.factories import FACILITATOR_PASSWORD


def links(page: str) -> list[str]:
    return re.findall(r'class="invitation-link" readonly value="https?://[^/"]+(/invite/[^"]+)"',
                      page)


def team_page(client, session) -> str:
    return client.get(f"/console/sessions/{session.id}/team").get_data(as_text=True)


def invite(client, session, **form):
    return client.post(f"/console/sessions/{session.id}/team/invite", data=form)


@pytest.fixture
def owner(app, cafe_session, login):
    """Anna owns the session and is no admin."""
    return login(app.test_client(), "anna")


def test_an_invitation_by_e_mail_reaches_the_person_in_their_language(app, cafe_session, owner,
                                                                      smtp_inbox):
    app.config.update(smtp_inbox.config, PUBLIC_URL="https://cafe.example.org")
    sent = invite(owner, cafe_session, username="nadia", email="nadia@example.org",
                  role="cofacilitator", language="fr")
    assert sent.status_code == 302
    page = team_page(owner, cafe_session)
    assert "nadia@example.org" in page and 'data-status="pending"' in page
    [path] = links(page)
    # Queued, not sent in the request: the outbox's loop sends it.
    row = db.session.scalar(select(OutboxMessage))
    assert (row.kind, row.status, row.study_id) == ("team_invitation", "queued", None)
    assert smtp_inbox.to("nadia@example.org") == []
    assert outbox.deliver_due(app.config, "test-worker") == 1

    message = smtp_inbox.wait_for("nadia@example.org")
    title = cafe_session.title_in("fr")
    assert message["Subject"] == f"Invitation : co-animateur de « {title} »"
    assert message["Content-Language"] == "fr"
    body = message.get_content()
    assert "anna vous invite" in body
    assert f"https://cafe.example.org{path}" in body
    stored = db.session.scalar(select(Invitation))
    assert path.rsplit("/", 1)[1] not in stored.token_hash  # the token is not stored

    nadia = app.test_client()
    landing = nadia.get(path).get_data(as_text=True)
    assert f"nadia est invité·e comme co-animateur de « {title} »" in landing
    assert '<html lang="fr"' in landing
    joined = nadia.post(path, data={"password": "un mot de passe", "password2":
                                    "un mot de passe"})
    assert joined.headers["Location"].endswith(f"/console/sessions/{cafe_session.id}")
    assert nadia.get(f"/console/sessions/{cafe_session.id}").status_code == 200
    user = authenticate("nadia", "un mot de passe")
    assert user.language == "fr" and not user.is_admin
    member = db.session.scalar(select(SessionMember))
    assert (member.facilitator_id, member.role) == (user.id, "cofacilitator")
    assert 'data-status="accepted"' in team_page(owner, cafe_session)
    actions = db.session.scalars(select(ConsoleAction.action).order_by(ConsoleAction.id)).all()
    assert actions == ["team.invite_member", "team.accept"]
    # Used: the link says so and makes nothing.
    again = app.test_client().post(path, data={"password": "x" * 12, "password2": "x" * 12})
    assert again.status_code == 404
    assert "Cette invitation ne peut pas être utilisée" in again.get_data(as_text=True)


def test_a_colleague_with_an_account_logs_in_from_the_link_and_joins(app, cafe_session,
                                                                     owner):
    create_facilitator("bert", FACILITATOR_PASSWORD, "en")
    assert invite(owner, cafe_session, username="bert", role="moderator",
                  language="en").status_code == 302
    [path] = links(team_page(owner, cafe_session))
    assert db.session.scalar(select(OutboxMessage)) is None  # no address, no e-mail

    bert = app.test_client()
    landing = bert.get(path).get_data(as_text=True)
    assert f"bert is invited as moderator of “{cafe_session.title}”" in landing
    login_link = re.search(r'href="(/login\?next=[^"]+)"', landing).group(1)
    back = bert.post(login_link.replace("&amp;", "&"),
                     data={"username": "bert", "password": FACILITATOR_PASSWORD})
    assert back.headers["Location"] == path
    assert "Join the team as bert" in bert.get(path).get_data(as_text=True)
    joined = bert.post(path, data={"action": "join"})
    assert joined.headers["Location"].endswith(f"/console/sessions/{cafe_session.id}")
    assert bert.get(f"/console/sessions/{cafe_session.id}").status_code == 200
    assert bert.get(f"/console/sessions/{cafe_session.id}/agenda").status_code == 403
    assert db.session.scalar(select(SessionMember.role)) == "moderator"


def test_a_withdrawn_link_says_so_and_its_e_mail_is_not_sent(app, cafe_session, owner,
                                                             smtp_inbox):
    app.config.update(smtp_inbox.config)
    invite(owner, cafe_session, username="wrong", email="wrong@example.org",
           role="cofacilitator", language="nl")
    [path] = links(team_page(owner, cafe_session))
    invitation = db.session.scalar(select(Invitation))
    withdrawn = owner.post(f"/console/sessions/{cafe_session.id}/team/invitations/"
                           f"{invitation.id}/withdraw")
    assert withdrawn.status_code == 302
    assert 'data-status="withdrawn"' in team_page(owner, cafe_session)
    assert links(team_page(owner, cafe_session)) == []
    assert outbox.deliver_due(app.config, "test-worker") == 0
    db.session.expire_all()
    assert db.session.scalar(select(OutboxMessage.status)) == "cancelled"
    assert smtp_inbox.to("wrong@example.org") == []
    gone = app.test_client().get(path)
    assert gone.status_code == 410
    assert "Deze uitnodiging is ingetrokken" in gone.get_data(as_text=True)
    posted = app.test_client().post(path, data={"password": "y" * 10, "password2": "y" * 10})
    assert posted.status_code == 410
    assert db.session.scalar(select(SessionMember)) is None


def test_only_the_owner_invites(app, cafe_session, owner, login):
    create_facilitator("carla", FACILITATOR_PASSWORD, "en")
    create_facilitator("bert", FACILITATOR_PASSWORD, "en")
    owner.post(f"/console/sessions/{cafe_session.id}/team",
               data={"username": "carla", "role": "cofacilitator"})
    carla, bert = login(app.test_client(), "carla"), login(app.test_client(), "bert")
    form = {"username": "x", "role": "moderator", "language": "en"}
    assert invite(carla, cafe_session, **form).status_code == 403
    assert invite(bert, cafe_session, **form).status_code == 404
    assert db.session.scalar(select(Invitation)) is None


def test_bad_input_is_answered_beside_the_field_and_kept(cafe_session, owner):
    refused = invite(owner, cafe_session, username="nadia", email="nadia at example",
                     role="moderator", language="en")
    assert refused.status_code == 400
    page = refused.get_data(as_text=True)
    assert re.search(r'id="invite-email"[^>]*value="nadia at example"[^>]*aria-invalid="true"',
                     page)
    assert 'id="err-email"' in page and "This is not an e-mail address" in page
    assert invite(owner, cafe_session, username="anna", role="moderator").status_code == 400
    assert invite(owner, cafe_session, username="n", role="admin").status_code == 400
    assert db.session.scalar(select(Invitation)) is None
