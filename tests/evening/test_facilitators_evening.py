"""Issue 25, done when: the facilitator's evening in one browser walk. A Dutch facilitator builds
the walk's five activities (welcome, burning issues, vote, World Café, statements) in Dutch and
French through the side-by-side editor, previews phone and projector in French while her own
screen stays Dutch, saves the agenda as a plan and exports it (file named after the title; it
imports again), invites a co-facilitator by e-mail (a real SMTP server in this process) who
follows the link and lands on the session's console, and runs one World Café round in which a
table member who is not the host writes the harvest that the projector and the report show."""

import re
from pathlib import Path

import pytest

from cafe.sessions.plans import parse_plan
from tests.support.browser import phone_page
from tests.support.console import empty_session_in_editor
from tests.support.factories import FACILITATOR_PASSWORD, cid
from tests.support.kinds import all_kinds
from tests.support.server import Recorder, cafe_command

pytestmark = [pytest.mark.browser, pytest.mark.server]

SHOTS = Path("/tmp/invite-shots")
TITLE = "Buurtcafé Noord"
# kind, (title nl, title fr), (prompt nl, prompt fr)
WALK = [
    ("info", ("Welkom", "Bienvenue"),
     ("Fijn dat u er bent.", "Merci d'être là.")),
    ("board", ("Waar brandt het?", "Où le bât blesse-t-il ?"),
     ("Wat baart u zorgen, en welke talenten zijn er?",
      "Qu'est-ce qui vous inquiète, et quels talents y a-t-il ?")),
    ("vote", ("Wat pakken we eerst aan?", "Par quoi commencer ?"),
     ("Verdeel uw stippen.", "Répartissez vos points.")),
    ("worldcafe", ("Wereldcafé", "Café du monde"),
     ("Iedereen aan tafel schrijft mee.", "Tout le monde à table écrit.")),
    ("statements", ("Stellingen", "Affirmations"),
     ("Eens of oneens?", "D'accord ou pas ?")),
]
HARVEST = "Een buurtpunt in het dienstencentrum, elke dinsdag open"


@pytest.fixture(scope="module")
def server(live_server, smtp_inbox):
    def nora(live):
        """The schema and nora, a Dutch-speaking facilitator (her first session is unused)."""
        live.extra_env["CAFE_PUBLIC_URL"] = live.url  # the links in the e-mail: this server
        cafe_command(live.instance, live.database_url, "seed", "--plan", "wereldcafe",
                     "--language", "nl", "--facilitator", f"nora:{FACILITATOR_PASSWORD}")

    return live_server(plan=None, env=smtp_inbox.env, prepare=nora)


def build_the_agenda(page, url) -> int:
    session_id = empty_session_in_editor(page, url, TITLE)
    for kind, titles, prompts in WALK:
        page.locator(f"a[href$='/agenda/new/{kind}']").click()
        for lang, title, prompt in zip(("nl", "fr"), titles, prompts, strict=True):
            page.fill(f"#title-{lang}", title)
            page.fill(f"#prompt-{lang}", prompt)
        if kind == "worldcafe":  # one round at one table, then the plenary harvest
            page.fill("#set-tables", "1")
            page.locator("#set-last_round_plenary").check()
            removable = page.locator("input[type=checkbox][name$='-remove']")
            for n in range(2, removable.count()):  # the prefilled rounds after the second
                removable.nth(n).check()
        page.locator("form.editor-form button[type=submit]").click()
        page.wait_for_selector("#editor-agenda")
        assert page.locator(".field-error").all_inner_texts() == []
    return session_id


@pytest.fixture
def contexts(browser):
    """Browser contexts, closed however the test ends: `contexts(**options)` makes one,
    `contexts.append(context)` adopts one."""

    class Contexts(list):
        def __call__(self, **options):
            self.append(browser.new_context(**options))
            return self[-1]

    made = Contexts()
    yield made
    for context in made:
        context.close()


def test_the_facilitators_evening(server, browser, contexts, clients, smtp_inbox, tmp_path):
    SHOTS.mkdir(exist_ok=True)
    url = server.url
    desk = contexts(viewport={"width": 1366, "height": 900}, locale="nl-BE").new_page()
    desk.set_default_timeout(15000)
    desk.goto(f"{url}/login")
    desk.fill("#username", "nora")
    desk.fill("#password", FACILITATOR_PASSWORD)
    desk.locator("form button[type=submit]").click()
    desk.wait_for_url("**/console/")

    # 1. The five activities in Dutch and French, through the editor.
    session_id = build_the_agenda(desk, url)
    agenda = f"{url}/console/sessions/{session_id}/agenda"
    desk.goto(agenda)
    assert desk.locator(".editor-item-title").all_inner_texts() == [w[1][0] for w in WALK]

    # 2. The World Café's French preview, phone and projector; her own screen stays Dutch.
    cafe_id = int(desk.locator(".editor-item", has_text="Wereldcafé").get_attribute(
        "data-activity"))
    desk.locator(f"#activity-{cafe_id} a[href$='/agenda/{cafe_id}']").click()
    desk.wait_for_selector("#preview-lang")
    desk.select_option("#preview-lang", "fr")
    # The phone: the activity's French title and who writes; the projector: round 1's question
    # (the default text of a French World Café), both as while the round runs.
    question = "Quels sont les problèmes urgents dans notre quartier ?"
    for frame, text in (("#preview-phone", "Café du monde"), ("#preview-phone", question),
                        ("#preview-projector", question)):
        inner = desk.frame_locator(frame)
        inner.locator(f"#stage [data-activity='{cafe_id}']", has_text=text).wait_for()
        assert inner.locator("html").get_attribute("lang") == "fr"
    assert "Tout le monde à cette table peut écrire" in desk.frame_locator(
        "#preview-phone").locator("#stage").inner_text()
    projector_preview = desk.frame_locator("#preview-projector")
    assert projector_preview.locator("#join-strip").count() == 1
    assert desk.locator("html").get_attribute("lang") == "nl"
    desk.screenshot(path=str(SHOTS / "editor-french-preview.png"))

    # 3. Save as plan and export from the editor: the file is named after the title and
    # imports again (same title: she keeps both).
    desk.goto(agenda)
    desk.locator("#save-plan button[type=submit]").click()
    desk.wait_for_url(re.compile(r".*/console/plans#plan-saved-\d+$"))
    desk.goto(agenda)
    with desk.expect_download() as download:
        desk.locator("#export-plan").click()
    assert download.value.suggested_filename == "buurtcafe-noord.toml"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    plan = parse_plan(saved.read_text(), saved.name, all_kinds())
    assert [(a.kind, a.title["fr"]) for a in plan.activities] == [(k, t[1]) for k, t, _p in WALK]
    desk.goto(f"{url}/console/plans")
    desk.set_input_files("#plan-file", str(saved))
    desk.locator("#import-form button[type=submit]:not([name])").click()
    desk.locator("#import-form button[name=same_title][value=keep]").click()
    desk.wait_for_url(re.compile(r".*/console/plans#plan-saved-\d+$"))
    titles = desk.locator(".plan-title").all_inner_texts()
    assert titles.count(TITLE) == 1 and titles.count(f"{TITLE} (2)") == 1

    # 4. A co-facilitator invited by e-mail follows the link to the session's console.
    desk.goto(f"{url}/console/sessions/{session_id}/team")
    desk.fill("#invite-username", "sanne")
    desk.fill("#invite-email", "sanne@example.org")
    desk.select_option("#invite-role", "cofacilitator")
    desk.select_option("#invite-language", "fr")
    desk.locator("form[action$='/team/invite'] button[type=submit]").click()
    desk.locator(".invitations [data-status=pending]").wait_for()
    desk.screenshot(path=str(SHOTS / "team-invitations.png"), full_page=True)
    mail = smtp_inbox.wait_for("sanne@example.org")
    assert mail["Subject"] == f"Invitation : co-animateur de « {TITLE} »"
    link = re.search(r"https?://\S+/invite/\S+", mail.get_content()).group(0)
    assert link.startswith(url)
    sanne = contexts(viewport={"width": 1280, "height": 800}, locale="fr-BE").new_page()
    sanne.goto(link)
    assert sanne.locator("h1").inner_text() == \
        f"sanne est invité·e comme co-animateur de « {TITLE} »"
    sanne.screenshot(path=str(SHOTS / "invitation.png"), full_page=True)
    sanne.fill("#password", "een goed wachtwoord")
    sanne.fill("#password2", "een goed wachtwoord")
    sanne.locator("form button[type=submit]").click()
    sanne.wait_for_url(f"**/console/sessions/{session_id}")
    assert sanne.locator("h1").inner_text() == TITLE
    assert sanne.locator("html").get_attribute("lang") == "fr"
    desk.goto(f"{url}/console/sessions/{session_id}/team")
    assert desk.locator(".invitations [data-status=accepted]").count() == 1

    # 5. One World Café round: a host and three others at the table; a French phone that
    # does not host writes the harvest; the projector's plenary wall and the report show it.
    console_page = desk.goto(f"{url}/console/sessions/{session_id}").text()
    code = re.search(r'class="code">(\w+)<', console_page).group(1)
    key = re.search(r"/p/\w+\?key=([\w-]+)", console_page).group(1)
    http = server.login("nora")
    console = Recorder(url, {"session": code, "view": "console"}, cookies=http.cookies.get_dict())
    clients.append(console)
    for name in ("Gastvrouw", "Buur 1", "Buur 2"):
        token = server.join(code, name=name, role="resident")
        clients.append(Recorder(url, {"session": code, "view": "phone", "token": token}))
    writer = phone_page(browser, url, code, language="Français")
    contexts.append(writer.context)
    projector = contexts(viewport={"width": 1280, "height": 720}).new_page()
    projector.goto(f"{url}/p/{code}?key={key}")
    sent = iter(range(100))

    def command(event, **payload):
        answer = console.call(event, {"cid": cid(f"e{next(sent)}"), "activity": cafe_id,
                                      **payload})
        assert answer["ok"], answer
        return answer

    command("activity:open")
    view = console.wait_for(lambda e, d: e == "activity" and d["id"] == cafe_id
                            and len(d["data"]["participants"]) == 4)
    table = view["data"]["tables"][0]["id"]
    host = next(p["id"] for p in view["data"]["participants"] if p["name"] == "Gastvrouw")
    command("worldcafe:host", table=table, participant=host)
    command("worldcafe:start")
    writer.locator(".wc-form").wait_for()
    assert "Gastvrouw" in writer.locator(".wc-host-note").inner_text()  # she is not the host
    writer.locator(".wc-text").fill(HARVEST)
    writer.locator(".wc-form button[type=submit]").click()
    writer.locator(".wc-harvest .wc-item-text", has_text=HARVEST).wait_for()
    command("worldcafe:end")
    projector.locator(".wc-plenary .wc-item-text", has_text=HARVEST).wait_for()

    desk.goto(f"{url}/console/sessions/{session_id}")
    desk.locator(f"a[href$='/for-session/{session_id}']").click()
    desk.fill("#new-name", "Noord")
    desk.locator("form button[type=submit]").last.click()
    desk.locator(".candidate", has_text=HARVEST).locator("input[type=checkbox]").check()
    desk.locator("form button[type=submit]").last.click()
    desk.wait_for_url(re.compile(r".*/console/neighbourhoods/\d+"))
    hood = re.search(r"/console/neighbourhoods/(\d+)", desk.url).group(1)
    report = desk.request.get(f"{url}/console/neighbourhoods/{hood}/report.md?lang=nl")
    assert report.ok and HARVEST in report.text()


@pytest.fixture
def clients():
    """Socket.IO test clients, closed however the test ends (their threads would keep the
    test process alive)."""
    made = []
    yield made
    for client in made:
        client.close()
