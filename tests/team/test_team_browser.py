"""The library and the team in a real browser: save the agenda as a plan from the console,
export it, revoke an invitation sent to the wrong person, accept one, and axe on every new page
in Dutch, French and English."""

import re
import tomllib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from cafe.sessions.plans import available_plans
from tests.support.axe import audit
from tests.support.factories import FACILITATOR_PASSWORD
from tests.support.server import cafe_command

pytestmark = [pytest.mark.browser, pytest.mark.server]



@pytest.fixture(scope="module")
def server(live_server):
    def first_admin(live):
        """The installation's first admin, as an administrator makes it."""
        cafe_command(live.instance, live.database_url, "facilitator", "add", "root", "--admin",
                     "--password", FACILITATOR_PASSWORD, "--language", "en")

    return live_server(prepare=first_admin)


def versions(text):
    if isinstance(text, dict):
        return {lang: version.strip() for lang, version in text.items()}
    return (text or "").strip()


def log_in(page, server, username):
    page.goto(f"{server.url}/login")
    page.fill("#username", username)
    page.fill("#password", FACILITATOR_PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/console/")


def test_save_the_agenda_as_a_plan_and_export_it_from_the_console(server, browser):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    log_in(page, server, "anna")
    page.goto(f"{server.url}/console/sessions/{server.session['id']}")
    page.get_by_text("Save the agenda as a plan").click()
    page.fill("#plan-title", "Kick-off Noord")
    page.fill("#plan-description", "Met de buurtwerkers van Noord")
    page.get_by_label("Share with every facilitator of this installation").check()
    page.get_by_role("button", name="Save as plan").click()
    page.wait_for_url("**/console/plans*")
    entry = page.locator(".plan", has_text="Kick-off Noord")
    assert "Met de buurtwerkers van Noord" in entry.inner_text()
    with page.expect_download() as download:
        entry.get_by_role("link", name="Export (TOML)").click()
    exported = tomllib.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    shipped = tomllib.loads(available_plans()["kickoff-buurtanalyse"].read_text("utf-8"))
    assert exported["title"] == "Kick-off Noord"
    assert [(a["kind"], a["title"], versions(a.get("prompt"))) for a in exported["activity"]] \
        == [(a["kind"], a["title"], versions(a.get("prompt"))) for a in shipped["activity"]]
    for mine, theirs in zip(exported["activity"], shipped["activity"], strict=True):
        for key, value in theirs.get("settings", {}).items():
            assert mine["settings"][key] == value, (mine["title"], key)
    context.close()


WITHDRAWN = {"nl": "Deze uitnodiging is ingetrokken", "fr": "Cette invitation a été retirée",
             "en": "This invitation was withdrawn"}


@pytest.mark.parametrize("lang", ["nl", "fr", "en"])
def test_invitation_team_and_library_pages(server, browser, lang):
    problems = {}
    admin = browser.new_context(bypass_csp=True)
    desk = admin.new_page()
    log_in(desk, server, "root")
    desk.goto(f"{server.url}/console/accounts?lang={lang}")
    problems["accounts"] = audit(desk)
    # A link made for the wrong person is revoked from the list of open invitations.
    desk.fill("#invite-username", f"wrong-{lang}")
    desk.locator("form[action$='/invite'] button[type=submit]").click()
    wrong_link = desk.locator("#invitation-link").input_value()
    problems["accounts with open invitations"] = audit(desk)
    wrong_row = desk.locator("table.invitations tr", has_text=f"wrong-{lang}")
    wrong_row.get_by_role("button").click()
    desk.wait_for_url("**/console/accounts")  # the list again, after the revoke
    expect(desk.locator(".flash-info")).to_contain_text(f"wrong-{lang}")
    # The list keeps it, saying it was withdrawn (no Revoke button any more).
    withdrawn = desk.locator("table.invitations tr", has_text=f"wrong-{lang}")
    expect(withdrawn.locator("[data-status=withdrawn]")).to_have_count(1)
    expect(withdrawn.locator("button")).to_have_count(0)
    desk.goto(f"{server.url}/console/accounts?lang={lang}")
    desk.fill("#invite-username", f"moderator-{lang}")
    desk.select_option("#invite-language", lang)
    desk.locator("form[action$='/invite'] button[type=submit]").click()
    link = desk.locator("#invitation-link").input_value()
    problems["accounts with link"] = audit(desk)
    admin.close()

    invitee = browser.new_context(bypass_csp=True)
    page = invitee.new_page()
    page.goto(f"{wrong_link}?lang={lang}")
    expect(page.locator("h1")).to_have_text(WITHDRAWN[lang])
    problems["withdrawn invitation"] = audit(page)
    page.goto(link)
    problems["invitation"] = audit(page)
    page.fill("#password", "een lang wachtwoord")
    page.fill("#password2", "een lang wachtwoord")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/console/")
    assert page.locator("html").get_attribute("lang") == lang

    owner = browser.new_context(bypass_csp=True)
    anna = owner.new_page()
    log_in(anna, server, "anna")
    team_url = f"{server.url}/console/sessions/{server.session['id']}/team?lang={lang}"
    anna.goto(team_url)
    anna.select_option("#member-username", f"moderator-{lang}")  # picked from the colleagues
    anna.select_option("#member-role", "moderator")
    anna.locator("form[action$='/team'] button[type=submit]").click()
    anna.wait_for_selector(f"td:text-is('moderator-{lang}')")
    problems["team"] = audit(anna)
    anna.goto(f"{server.url}/console/sessions/{server.session['id']}/log?lang={lang}")
    assert anna.locator(".log-who").first.inner_text() == "anna"
    problems["action log"] = audit(anna)
    anna.goto(f"{server.url}/console/plans?lang={lang}")
    problems["library"] = audit(anna)
    owner.close()

    # The new moderator finds the session in their list and opens its console.
    page.reload()
    page.get_by_role("link", name=re.compile("Kick-off")).first.click()
    page.wait_for_selector("#agenda li")
    assert page.locator(".console-head .help").count() == 1
    problems["moderator console"] = audit(page)
    invitee.close()
    assert {name: found for name, found in problems.items() if found} == {}
