"""Issue 17 in a real browser: the console lists each table once (before the café opens, once
it opens, after the tables are set), proposes a number of tables for the people present, warns
about tables under three people, and changes the number with one click."""


import pytest

from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def server(live_server):
    live = live_server(plan="wereldcafe", shared=True)
    live.cafe = live.session["activities"][1]
    return live


def table_names(page) -> list[str]:
    return [t.split(" · ")[0] for t in page.locator(".wc-table-name").all_inner_texts()]


def test_each_table_once_and_a_proposal_for_the_people_present(server, browser):
    s = server.session
    http = server.login()
    console = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    console.context.add_cookies([{"name": k, "value": v, "url": server.url}
                                 for k, v in http.cookies.get_dict().items()])
    console.goto(f"{server.url}/console/sessions/{s['id']}")
    console.locator(f".agenda-item[data-activity='{server.cafe}'] .agenda-title").click()
    console.locator(".wc-console-table").first.wait_for()
    # People arrive while the café is not open yet: every arrival redraws the console.
    phones = []
    for n in range(12):
        token = server.join(name=f"Buur {n}", role="resident")
        phones.append(Recorder(server.url, {"session": s["code"], "view": "phone",
                                            "token": token}))
    sizing = console.locator(".wc-sizing")
    sizing.filter(has_text="12 people are here").wait_for()
    assert "3 tables" in sizing.inner_text()
    assert table_names(console) == [f"Table {n}" for n in range(1, 7)]

    robot = Recorder(server.url, {"session": s["code"], "view": "console"},
                     cookies=http.cookies.get_dict())
    assert robot.call("activity:open", {"cid": cid("open"), "activity": server.cafe})["ok"]
    console.wait_for_function(
        "() => !document.querySelector('.wc-console-table .wc-host').disabled")
    assert table_names(console) == [f"Table {n}" for n in range(1, 7)]
    warning = console.locator(".wc-sizing-warning")
    assert "12 people at 6 tables" in warning.inner_text()

    console.get_by_role("button", name="Use 3 tables").click()
    console.wait_for_function("() => document.querySelectorAll('.wc-console-table').length == 3")
    assert warning.inner_text() == ""
    assert console.get_by_label("Number of tables").input_value() == "3"
    assert console.get_by_role("button", name="Use 3 tables").is_hidden()

    console.get_by_role("button", name="Set the tables for the next round").click()
    console.locator(".wc-table-name", has_text="4 people").nth(2).wait_for()
    assert table_names(console) == ["Table 1", "Table 2", "Table 3"]
    members = console.locator(".wc-table-members").all_inner_texts()
    assert sorted(len(m.split(", ")) for m in members) == [4, 4, 4]

    # A number typed in: five tables; the warning comes back (12 people at 5 tables: 2 or 3).
    console.get_by_label("Number of tables").fill("5")
    console.get_by_role("button", name="Change the number of tables").click()
    console.wait_for_function("() => document.querySelectorAll('.wc-console-table').length == 5")
    warning.filter(has_text="12 people at 5 tables").wait_for()
    assert table_names(console) == [f"Table {n}" for n in range(1, 6)]
    for client in (robot, *phones):
        client.close()
    console.context.close()
