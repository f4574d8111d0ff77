"""World Café in a real browser: the projector shows the countdown and the table plan; a phone
that joins during the round is told its table, sees the question and writes its harvest."""

import re

import pytest

from tests.support.browser import phone_page
from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def server(live_server):
    live = live_server(plan="wereldcafe", shared=True)
    session = live.session
    live.cafe = session["activities"][1]
    console = Recorder(live.url, {"session": session["code"], "view": "console"},
                       cookies=live.login().cookies.get_dict())
    sent = iter(range(1000))

    def command(event, **payload):
        answer = console.call(event, {"cid": cid(f"c{next(sent)}"), "activity": live.cafe,
                                      **payload})
        assert answer["ok"], answer
        return answer

    phones = []
    for n in range(11):
        token = live.join(name="Noor" if n == 0 else None, role="resident")
        phones.append(Recorder(live.url, {"session": session["code"], "view": "phone",
                                          "token": token}))
        if n == 0:
            live.host_token = token
    command("activity:open")
    view = console.wait_for(lambda e, d: e == "activity" and d["id"] == live.cafe
                            and d["data"]["participants"])
    first = view["data"]["tables"][0]["id"]
    noor = next(p["id"] for p in view["data"]["participants"] if p["name"] == "Noor")
    command("worldcafe:host", table=first, participant=noor)
    live.timer = command("worldcafe:start")["timer"]
    live.console, live.command, live.phones = console, command, phones
    yield live
    for phone in phones:
        phone.close()
    console.close()


def test_the_projector_shows_the_countdown_and_the_table_plan(server, browser, tmp_path):
    s = server.session
    page = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    page.goto(f"{server.url}/p/{s['code']}?key={s['key']}")
    countdown = page.locator(".wc-countdown")
    countdown.wait_for()
    page.wait_for_function(
        "() => /^\\d+:\\d\\d$/.test(document.querySelector('.wc-countdown').textContent)")
    minutes = int(countdown.inner_text().split(":")[0])
    assert 15 <= minutes <= 20  # a 20-minute round that has just started
    assert page.locator(".wc-table").count() == 6
    names = page.locator(".wc-table-name").all_inner_texts()
    assert names == [f"Table {n}" for n in range(1, 7)]
    first = page.locator(".wc-table").first
    assert "Noor" in first.locator(".wc-table-host").inner_text()
    counts = [int(re.search(r"\d+", t).group()) for t in
              page.locator(".wc-table-count").all_inner_texts()]
    assert sum(counts) == 11
    # People without a name are shown by number, never as a blank.
    members = page.locator(".wc-table-members li").all_inner_texts()
    assert members and all(m.strip() for m in members)
    assert "Waar brandt het" in page.locator(".wc-question").inner_text()
    # The countdown is readable from the back: much larger than the question.
    sizes = page.evaluate("""() => ['.wc-countdown', '.wc-question'].map(
        s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")
    assert sizes[0] > 2 * sizes[1]
    page.screenshot(path=str(tmp_path / "worldcafe-projector.png"))
    page.context.close()


def test_a_phone_is_told_its_table(server, browser, tmp_path):
    phone = phone_page(browser, server.url, server.session["code"])
    context = phone.context
    go = phone.locator(".wc-go")
    go.wait_for(state="visible")
    number = int(re.search(r"Go to table (\d+)", go.inner_text()).group(1))
    # The console's plan agrees: the newcomer sits at that table, which had room.
    view = server.console.wait_for(lambda e, d: e == "activity" and d["id"] == server.cafe
                                   and d["data"]["seated"] == 12)
    table = next(t for t in view["data"]["tables"] if t["number"] == number)
    assert table["count"] <= 2
    assert "Waar brandt het" in phone.locator(".wc-question-wrap .wc-question").inner_text()
    assert re.fullmatch(r"\d+:\d\d", phone.locator(".wc-timer").inner_text())
    # Everyone at the table may write the harvest (the plan's default), guests too.
    assert phone.locator(".wc-form").is_visible()
    assert phone.locator(".wc-harvest-wrap").is_visible()
    phone.screenshot(path=str(tmp_path / "worldcafe-phone.png"), full_page=True)
    context.close()


def test_the_host_writes_and_the_table_sees_it(server, browser, tmp_path):
    s = server.session
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.add_cookies([{"name": f"cafe_p_{s['code']}", "value": server.host_token,
                          "url": server.url}])
    host = context.new_page()
    host.goto(f"{server.url}/s/{s['code']}")
    host.locator(".wc-go").wait_for(state="visible")
    assert "Go to table 1" in host.locator(".wc-go").inner_text()
    assert "host" in host.locator(".wc-host-note").inner_text()
    host.get_by_label("Idea").check()
    host.get_by_label("Harvest note").fill("<b>Een buurtbabbel</b> op de markt")
    host.get_by_label("Said by someone without a phone").check()
    host.get_by_role("button", name="Add to the harvest").click()
    item = host.locator(".wc-harvest .wc-item")
    item.wait_for()
    assert "<b>Een buurtbabbel</b> op de markt" in item.inner_text()  # text, not markup
    assert "without a phone" in item.inner_text()
    assert host.get_by_label("Harvest note").input_value() == ""
    # A guest at table 1 (a python client) receives it in their private view.
    table = server.console.wait_for(lambda e, d: e == "activity" and d["id"] == server.cafe
                                    and d["data"]["harvest"])["data"]["tables"][0]
    guest_ids = {m["id"] for m in table["members"]} - {table["host"]["id"]}
    guests = [p for p in server.phones
              if p.wait_for(lambda e, d: e == "state")["me"]["id"] in guest_ids]
    assert guests
    for guest in guests:
        guest.wait_for(lambda e, d: e == "private" and any(
            i["text"].startswith("<b>Een buurtbabbel") and i["on_behalf"]
            for i in d["data"]["harvest"]))
    host.screenshot(path=str(tmp_path / "worldcafe-host.png"), full_page=True)
    context.close()
