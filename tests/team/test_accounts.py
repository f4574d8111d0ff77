"""Facilitator accounts by invitation: an admin makes a link, the invitee sets the password."""

import re
from datetime import timedelta

from click.testing import CliRunner
from sqlalchemy import select

from cafe.auth.models import Facilitator
from cafe.auth.services import authenticate, create_facilitator
from cafe.extensions import db
from cafe.models import utcnow
from cafe.team.models import Invitation
from cafe.team.services import hash_token
from tests.support.factories import FACILITATOR_PASSWORD


def invitation_link(page: str) -> str:
    return re.search(r'value="(http://[^"]+/invite/[^"]+)"', page).group(1)


def test_an_admin_invites_a_facilitator_who_sets_a_password_once(app, login):
    create_facilitator("admin", FACILITATOR_PASSWORD, "en", is_admin=True)
    admin = login(app.test_client(), "admin")
    assert "Facilitator accounts" in admin.get("/console/").get_data(as_text=True)
    page = admin.post("/console/accounts/invite", data={"username": "nadia",
                                                          "language": "fr"})
    link = invitation_link(page.get_data(as_text=True))
    token = link.rsplit("/", 1)[1]
    stored = db.session.scalar(select(Invitation))
    assert stored.token_hash == hash_token(token) and token not in stored.token_hash
    path = link.split("localhost", 1)[1]

    invitee = app.test_client()
    assert "nadia" in invitee.get(path).get_data(as_text=True)
    refused = invitee.post(path, data={"password": "kort", "password2": "kort"})
    assert refused.status_code == 400
    assert db.session.scalar(select(Facilitator).where(Facilitator.username == "nadia")) is None
    done = invitee.post(path, data={"password": "un mot de passe", "password2":
                                    "un mot de passe"})
    assert done.status_code == 302 and invitee.get("/console/").status_code == 200
    user = authenticate("nadia", "un mot de passe")
    assert user is not None and user.language == "fr" and not user.is_admin
    # Single use.
    assert app.test_client().get(path).status_code == 404
    assert app.test_client().post(path, data={"password": "x" * 12,
                                              "password2": "x" * 12}).status_code == 404


def test_expired_or_unknown_invitations_do_not_work(app, login):
    create_facilitator("admin", FACILITATOR_PASSWORD, "en", is_admin=True)
    admin = login(app.test_client(), "admin")
    link = invitation_link(admin.post("/console/accounts/invite", data={
        "username": "late"}).get_data(as_text=True))
    invitation = db.session.scalar(select(Invitation))
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    path = link.split("localhost", 1)[1]
    assert app.test_client().get(path).status_code == 404
    assert app.test_client().get("/invite/not-a-token").status_code == 404


def test_only_admins_manage_accounts(app, login, facilitator):
    anna = login(app.test_client())
    assert anna.get("/console/accounts").status_code == 403
    assert anna.post("/console/accounts/invite", data={"username": "x"}).status_code == 403
    assert db.session.scalar(select(Invitation)) is None
    assert app.test_client().get("/console/accounts").status_code == 302  # to log in


def test_the_first_admin_comes_from_the_command_line(app):
    from cafe.cli import facilitator

    result = CliRunner().invoke(facilitator, ["add", "eerste", "--admin", "--password",
                                              "lang genoeg wachtwoord"], obj=_script_info(app))
    assert result.exit_code == 0, result.output
    user = db.session.scalar(select(Facilitator).where(Facilitator.username == "eerste"))
    assert user.is_admin


def _script_info(app):
    from flask.cli import ScriptInfo

    return ScriptInfo(create_app=lambda: app)


def test_pending_means_unused_not_withdrawn_not_expired(app):
    """The service: only links that still make an account are pending; revoking twice, or
    revoking a link already used, is refused."""
    import pytest

    from cafe.core import Refusal
    from cafe.team import services

    admin = create_facilitator("admin", FACILITATOR_PASSWORD, "en", is_admin=True)
    made = {name: services.invite(admin, name, "nl") for name in
            ("open", "used", "wrong", "late")}
    services.accept(made["used"][0], "lang genoeg", "lang genoeg")
    services.revoke(admin, made["wrong"][0].id)
    made["late"][0].expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()

    assert [i.username for i in services.pending_invitations()] == ["open"]
    wrong = services.find_invitation(made["wrong"][1])
    assert not services.is_open(wrong) and wrong.revoked_by == admin.id
    assert services.is_open(services.find_invitation(made["open"][1]))
    for name in ("wrong", "used"):
        with pytest.raises(Refusal):
            services.revoke(admin, made[name][0].id)
    with pytest.raises(Refusal):  # a form left open on a link withdrawn meanwhile
        services.accept(wrong, "lang genoeg", "lang genoeg")
    db.session.rollback()
    assert db.session.scalar(select(Facilitator).where(Facilitator.username == "wrong")) is None


def test_an_admin_revokes_a_link_sent_to_the_wrong_address(app, login, facilitator):
    create_facilitator("admin", FACILITATOR_PASSWORD, "en", is_admin=True)
    admin = login(app.test_client(), "admin")
    link = invitation_link(admin.post("/console/accounts/invite", data={
        "username": "nadia", "language": "fr"}).get_data(as_text=True))
    path = link.split("localhost", 1)[1]
    invitation = db.session.scalar(select(Invitation))
    listing = admin.get("/console/accounts").get_data(as_text=True)
    assert 'data-status="pending"' in listing and "nadia" in listing and "Invited by" in listing
    revoke = f"/console/accounts/invitations/{invitation.id}/revoke"
    # The invitee has the page open while the admin finds the mistake.
    invitee = app.test_client()
    assert invitee.get(path).status_code == 200

    # A facilitator who is not an admin (here a session owner) cannot revoke it.
    assert login(app.test_client(), "anna").post(revoke).status_code == 403
    assert app.test_client().get(path).status_code == 200

    answer = admin.post(revoke, follow_redirects=True).get_data(as_text=True)
    assert "The invitation for nadia is withdrawn" in answer
    assert 'data-status="pending"' not in answer  # it was the only one
    assert 'data-status="withdrawn"' in answer
    db.session.expire_all()
    assert db.session.get(Invitation, invitation.id).revoked_by is not None
    # The link now says so, in the reader's language, and makes no account.
    dutch = app.test_client().get(path, headers={"Accept-Language": "nl"})
    assert dutch.status_code == 410
    assert "Deze uitnodiging is ingetrokken" in dutch.get_data(as_text=True)
    french = app.test_client().get(path, headers={"Accept-Language": "fr"})
    assert french.status_code == 410
    assert "Cette invitation a été retirée" in french.get_data(as_text=True)
    sent = invitee.post(path, data={"password": "un mot de passe",
                                    "password2": "un mot de passe"})
    assert sent.status_code == 410 and "ingetrokken" in sent.get_data(as_text=True)
    assert db.session.scalar(select(Facilitator).where(Facilitator.username == "nadia")) is None
    # Revoking again (a second click, another admin) is refused with a message.
    again = admin.post(revoke, follow_redirects=True).get_data(as_text=True)
    assert "This invitation was used or withdrawn already." in again
