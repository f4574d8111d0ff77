"""Issue 25, "axe: 0 serious or critical on every editor, team and error page in NL/FR/EN".

One server, one browser, three logged-in tabs (the session's owner, an admin, a stranger),
each page visited once per language by the product's own means: `?lang=` for a facilitator,
the browser's Accept-Language for a stranger. Editor: the agenda, every kind's form beside its
previews, a new activity's form, the phone and projector previews of every kind, a plan import
refused beside its field. Team: the session's team, the action log, the accounts page, an open
invitation, the login page. Errors, each caused as a user would meet it where the server lets
us: 400 (a form sent with a stale token), 403 (the owner opening the accounts page), 404 (a
mistyped address), 410 (a withdrawn invitation), 429 (wrong passwords), 500 (the real handler's
page, served in the browser at the server's address, as no route fails on purpose)."""

import re

import pytest
import requests
from werkzeug.exceptions import InternalServerError

from cafe import create_app
from cafe.web.errors import render_error
from tests.support.axe import audit
from tests.support.factories import FACILITATOR_PASSWORD
from tests.support.kinds import kind_names
from tests.support.server import cafe_command

pytestmark = [pytest.mark.browser, pytest.mark.server]

LANGUAGES = ("nl", "fr", "en")
# Added to the seeded kick-off (info, board, vote, World Café, canvas): every kind is edited.
EXTRA = {"statements": {"statements": "Onze buurt is veilig\nEr is te weinig groen"},
         "questions": {}}


def _token(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _post(http, url: str, form: str, data: dict):
    """Send a form as the page at `form` offers it (its CSRF token)."""
    token = _token(http.get(form, timeout=10).text)
    return http.post(url, data={**data, "csrf_token": token}, timeout=10)


@pytest.fixture(scope="module")
def server(live_server):
    def first_admin(live):
        cafe_command(live.instance, live.database_url, "facilitator", "add", "root", "--admin",
                     "--password", FACILITATOR_PASSWORD, "--language", "en")

    live = live_server(prepare=first_admin)
    anna, root = live.login("anna"), live.login("root")
    base = f"{live.url}/console/sessions/{live.session['id']}/agenda"
    # Texts in three languages: every form shows a field per language.
    _post(anna, f"{base}/languages", base, {"languages": ["nl", "fr", "en"]})
    # An open invitation and a withdrawn one.
    accounts = f"{live.url}/console/accounts"
    links = {}
    for name in ("neighbour", "wrong"):
        page = _post(root, f"{accounts}/invite", accounts,
                     {"username": name, "language": "nl"}).text
        links[name] = re.search(r'id="invitation-link" readonly value="([^"]+)"', page).group(1)
    revoke = re.search(r'action="([^"]+/revoke)"', root.get(accounts, timeout=10).text.split(
        "wrong", 1)[1]).group(1)
    _post(root, live.url + revoke, accounts, {})
    live.links = links
    return live


def _logged_in(browser, server, username):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": k, "value": v, "url": server.url}
                         for k, v in server.login(username).cookies.get_dict().items()])
    return context.new_page()


@pytest.fixture(scope="module")
def tabs(server, browser):
    stranger = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    pages = {"anna": _logged_in(browser, server, "anna"),
             "root": _logged_in(browser, server, "root"), "stranger": stranger.new_page()}
    anna = pages["anna"]
    base = f"{server.url}/console/sessions/{server.session['id']}/agenda"
    for kind, fields in EXTRA.items():  # through the form, its defaults as they are
        anna.goto(f"{base}/new/{kind}")
        anna.fill("#title-en", kind.title())
        for name, value in fields.items():
            anna.fill(f"#set-{name}", value)
        with anna.expect_navigation():
            anna.locator("form.editor-form button[type=submit]").click()
        assert anna.locator("#form-errors").count() == 0
    detail = server.login("anna").get(
        f"{server.url}/api/v1/sessions/{server.session['id']}", timeout=10).json()
    server.agenda = {a["id"]: a["kind"] for a in detail["session"]["agenda"]}
    assert sorted(set(server.agenda.values())) == kind_names()
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture(scope="module")
def server_error_pages(tmp_path_factory):
    """The 500 page as the real handler renders it, per language (in this process: no route
    of the product fails on purpose)."""
    folder = tmp_path_factory.mktemp("errors")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CAFE_INSTANCE_PATH", str(folder))
        app = create_app({"TESTING": True, "DATABASE_URL": f"sqlite:///{folder / 'e.db'}",
                          "SECRET_KEY": "test", "ASYNC_MODE": "threading"})
    pages = {}
    for lang in LANGUAGES:
        with app.test_request_context(f"/?lang={lang}"):
            response = render_error(InternalServerError())
            pages[lang] = (response.status_code, response.get_data(as_text=True))
    return pages


def _visit(page, url: str, status: int = 200, ready: str | None = None) -> list[str]:
    answer = page.goto(url)
    assert answer.status == status, (url, answer.status)
    if ready:
        page.locator(ready).first.wait_for()
    return audit(page)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_editor_team_and_error_pages(server, tabs, server_error_pages, lang):
    anna, root, stranger = tabs["anna"], tabs["root"], tabs["stranger"]
    stranger.set_extra_http_headers({"Accept-Language": lang})
    session = f"{server.url}/console/sessions/{server.session['id']}"
    q = f"?lang={lang}"
    found = {}

    # The editor: every kind's form beside its phone and projector, previewed in `lang`.
    found["agenda"] = _visit(anna, f"{session}/agenda{q}")
    for activity, kind in server.agenda.items():
        anna.goto(f"{session}/agenda/{activity}{q}")
        if anna.locator("#preview-lang").input_value() != lang:  # else the frames show it
            anna.select_option("#preview-lang", lang)
        for frame in ("#preview-phone", "#preview-projector"):
            shown = anna.frame_locator(frame)
            shown.locator(f"html[lang={lang}]").wait_for(state="attached")
            shown.locator(f"#stage [data-activity='{activity}']").wait_for(state="attached")
        found[f"editor {kind}"] = audit(anna, frames=True)
    # A new activity's form, refused: the messages beside the fields.
    anna.goto(f"{session}/agenda/new/vote{q}")
    anna.fill("#set-dots", "0")
    anna.locator("form.editor-form button[type=submit]").click()
    anna.locator("#form-errors").wait_for()
    found["new activity refused"] = audit(anna)
    found["preview page"] = _visit(anna, f"{session}/agenda/{activity}/preview{q}&view=phone",
                                   ready=f"#stage [data-activity='{activity}']")
    anna.goto(f"{server.url}/console/plans{q}")
    anna.fill("#plan-text", "title = 'Half a plan")
    anna.locator("#import-form button[type=submit]").click()
    anna.locator("#import-error").wait_for()
    found["plan import refused"] = audit(anna)

    # The team.
    found["team"] = _visit(anna, f"{session}/team{q}")
    found["accounts"] = _visit(root, f"{server.url}/console/accounts{q}")
    found["invitation"] = _visit(stranger, server.links["neighbour"], ready="#password")
    found["login"] = _visit(stranger, f"{server.url}/login", ready="#username")

    # The errors.
    stranger.fill("#username", "anna")
    stranger.fill("#password", FACILITATOR_PASSWORD)
    stranger.evaluate("document.querySelector('input[name=csrf_token]').value = 'stale'")
    with stranger.expect_navigation() as sent:
        stranger.locator("form button[type=submit]").click()
    assert sent.value.status == 400
    found["400"] = audit(stranger)
    found["403"] = _visit(anna, f"{server.url}/console/accounts{q}", 403)
    found["404"] = _visit(stranger, f"{server.url}/no/such/page", 404)
    found["410"] = _visit(stranger, server.links["wrong"], 410)
    # Failed logins count per address and name (5 a minute): the sixth is refused.
    http = requests.Session()
    token = _token(http.get(f"{server.url}/login", timeout=10).text)
    for _attempt in range(5):
        http.post(f"{server.url}/login", timeout=10, data={
            "username": f"nobody-{lang}", "password": "wrong", "csrf_token": token})
    stranger.goto(f"{server.url}/login")
    stranger.fill("#username", f"nobody-{lang}")
    stranger.fill("#password", "wrong")
    with stranger.expect_navigation() as sent:
        stranger.locator("form button[type=submit]").click()
    assert sent.value.status == 429
    found["429"] = audit(stranger)
    status, body = server_error_pages[lang]
    assert status == 500
    stranger.route(f"{server.url}/broken", lambda route: route.fulfill(
        status=500, body=body, content_type="text/html; charset=utf-8"))
    found["500"] = _visit(stranger, f"{server.url}/broken", 500)
    assert stranger.locator("html").get_attribute("lang") == lang

    assert {name: problems for name, problems in found.items() if problems} == {}
