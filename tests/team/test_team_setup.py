"""Issue 25 item 6 (part): the accounts page is in the menu for admins; the owner picks
colleagues from a list; the invitation list says who, which role and what became of it
(pending, accepted, withdrawn); the admin check box is laid out as every check box."""

import re

from sqlalchemy import select

from cafe.auth.services import create_facilitator
from cafe.extensions import db
from cafe.sessions.services import create_session
from cafe.team.models import Invitation, SessionMember
from tests.support.factories import FACILITATOR_PASSWORD


def test_the_accounts_page_is_in_the_menu_for_admins_only(app, login, facilitator):
    create_facilitator("admin", FACILITATOR_PASSWORD, "en", is_admin=True)
    admin = login(app.test_client(), "admin").get("/console/").get_data(as_text=True)
    menu = admin[admin.index('class="console-nav"'):admin.index("</nav>")]
    assert 'href="/console/accounts"' in menu
    owner = login(app.test_client(), "anna").get("/console/").get_data(as_text=True)
    assert 'href="/console/accounts"' not in owner


def test_the_owner_picks_a_colleague_from_a_list(app, login, facilitator):
    create_facilitator("bert", FACILITATOR_PASSWORD, "nl")
    create_facilitator("carla", FACILITATOR_PASSWORD, "nl")
    session = create_session(facilitator, "Buurtcafé", "nl")
    db.session.commit()
    anna = login(app.test_client(), "anna")
    page = anna.get(f"/console/sessions/{session.id}/team").get_data(as_text=True)
    picker = page[page.index('<select id="member-username"'):]
    picker = picker[:picker.index("</select>")]
    assert re.findall(r'<option value="(\w+)"', picker) == ["bert", "carla"]
    assert anna.post(f"/console/sessions/{session.id}/team",
                     data={"username": "carla", "role": "moderator"}).status_code == 302
    assert db.session.scalar(select(SessionMember.role)) == "moderator"
    page = anna.get(f"/console/sessions/{session.id}/team").get_data(as_text=True)
    picker = page[page.index('<select id="member-username"'):]
    assert re.findall(r'<option value="(\w+)"', picker[:picker.index("</select>")]) == ["bert"]


def test_the_invitation_list_says_what_became_of_each(app, login, facilitator):
    create_facilitator("admin", FACILITATOR_PASSWORD, "en", is_admin=True)
    admin = login(app.test_client(), "admin")
    for name in ("nadia", "omar", "piet"):
        admin.post("/console/accounts/invite", data={"username": name, "language": "nl",
                                                      **({"is_admin": "1"} if name == "piet"
                                                         else {})})
    invitations = {i.username: i for i in db.session.scalars(select(Invitation))}
    admin.post(f"/console/accounts/invitations/{invitations['omar'].id}/revoke")
    invitations["nadia"].used_at = invitations["nadia"].created_at
    db.session.commit()
    page = admin.get("/console/accounts").get_data(as_text=True)
    rows = dict(re.findall(r'<tr><td>(\w+)</td>.*?data-status="(\w+)"', page, re.S))
    assert rows == {"nadia": "accepted", "omar": "withdrawn", "piet": "pending"}
    piet = page[page.index("<tr><td>piet</td>"):]
    assert "admin" in piet[:piet.index("</tr>")]
    assert '<label class="choice"><input type="checkbox" name="is_admin"' in page
