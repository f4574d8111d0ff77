"""What a facilitator does through the console's pages, over plain HTTP."""

import re


def new_session(server, http, lang, plan="kickoff-buurtanalyse") -> dict:
    """A session made through the console's form, as a facilitator makes one."""
    page = http.get(server.url + "/console/", timeout=10).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    r = http.post(server.url + "/console/sessions", data={
        "title": f"Buurtcafé {lang}", "language": lang, "plan": plan, "csrf_token": token},
        allow_redirects=False, timeout=10)
    session_id = int(r.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    detail = http.get(f"{server.url}/api/v1/sessions/{session_id}", timeout=10).json()
    console = http.get(f"{server.url}/console/sessions/{session_id}", timeout=10).text
    key = re.search(r"/p/\w+\?key=([\w-]+)", console).group(1)
    return {"id": session_id, "code": detail["session"]["code"], "key": key,
            "activities": [a["id"] for a in detail["session"]["agenda"]]}


def empty_session_in_editor(page, url: str, title: str) -> int:
    """From the console's list: a new session in Dutch with an empty agenda (it opens in the
    editor) and French as a second language; its id."""
    page.goto(f"{url}/console/")
    page.fill("#title", title)
    page.select_option("#language", "nl")
    page.select_option("#plan", "")
    page.locator("form[action$='/console/sessions'] button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/console/sessions/\d+/agenda$"))
    session_id = int(page.url.rsplit("/", 2)[1])
    page.locator("input[name=languages][value=fr]").check()
    page.locator("form[action$='/agenda/languages'] button").click()
    page.wait_for_selector("input[name=languages][value=fr]:checked")
    return session_id
