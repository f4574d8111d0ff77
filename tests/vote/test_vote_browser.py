"""A dot vote on a phone in a real browser, on the real server with its coalesced updates: the
phone votes, another phone's votes reach its results as a `tally` patch without a reload, and
a long board lists its leading rows with the rest counted."""

import pytest
from playwright.sync_api import expect

from tests.support.browser import phone_page
from tests.support.factories import cid
from tests.support.server import Recorder

pytestmark = [pytest.mark.browser, pytest.mark.server]

CARDS = 26  # more than a phone lists (PHONE_ROWS = 20)


@pytest.fixture(scope="module")
def server(live_server):
    live = live_server(plan="priorities", shared=True)
    session = live.session
    board, vote = session["activities"][1:3]  # the plan: welcome, board, vote, thanks
    console = Recorder(live.url, {"session": session["code"], "view": "console"},
                       cookies=live.login().cookies.get_dict())

    def command(event, **payload):
        answer = console.call(event, {"cid": cid(f"{event}-{len(console.events)}"), **payload})
        assert answer["ok"], answer
        return answer

    command("activity:open", activity=board)
    writers = [Recorder(live.url, {"session": session["code"], "view": "phone",
                                   "token": live.join(name=f"Schrijver {n}")}) for n in range(3)]
    live.cards = []
    for n in range(CARDS):
        answer = writers[n % 3].call("card:add", {"cid": cid(f"card{n}"), "activity": board,
                                                  "type": "need", "text": f"Zorg nummer {n}"})
        assert answer["ok"], answer
        live.cards.append(answer["card"])
    command("activity:open", activity=vote)
    command("vote:reveal", activity=vote)
    live.vote, live.writers = vote, writers
    yield live
    for client in (console, *writers):
        client.close()
    live.stop()


def test_a_phone_votes_and_sees_the_others_votes_arrive(server, browser):
    phone = phone_page(browser, server.url, server.session["code"])
    phone.locator(".vote-item").first.wait_for()
    assert phone.locator(".vote-item").count() == CARDS

    last = phone.locator(".vote-item", has_text=f"Zorg nummer {CARDS - 1}")
    last.locator(".vote-plus").click()
    phone.wait_for_function(
        "() => /4 of 5/.test(document.querySelector('.vote-budget').textContent)")

    # Three other phones put a dot on card 5: it leads the phone's results without a reload.
    for n, writer in enumerate(server.writers):
        answer = writer.call("vote:cast", {"cid": cid(f"v{n}"), "activity": server.vote,
                                           "allocation": {server.cards[5]: 1}})
        assert answer["ok"], answer
    results = phone.locator(".vote-phone-results")
    # The final state, not an intermediate one: card 5 already leads at 2 dots of 3.
    phone.wait_for_function(
        """() => {
          const first = document.querySelector('.vote-phone-results .vote-result');
          const score = first && first.querySelector('.vote-result-score');
          return !!score && /Zorg nummer 5\\b/.test(first.textContent)
            && /(^|\\D)3(\\D|$)/.test(score.textContent);
        }""")
    rows = results.locator(".vote-result")
    assert rows.count() == 20
    assert "3" in rows.first.locator(".vote-result-score").inner_text()
    assert f"Zorg nummer {CARDS - 1}" in rows.nth(1).inner_text()
    assert "6 more" in results.locator(".vote-results-more").inner_text()
    phone.screenshot(path=str(server.instance.parent / "vote-phone.png"), full_page=True)
    phone.context.close()


def test_withdraw_my_votes_shows_only_when_there_are_votes_to_withdraw(server, browser):
    """A phone that has not voted had a "Withdraw my votes" button that withdrew nothing."""
    phone = phone_page(browser, server.url, server.session["code"])
    phone.locator(".vote-item").first.wait_for()
    withdraw = phone.get_by_role("button", name="Withdraw my votes")
    expect(withdraw).to_be_hidden()

    phone.locator(".vote-item").first.locator(".vote-plus").click()
    expect(phone.locator(".vote-budget")).to_contain_text("4 of 5")
    expect(withdraw).to_be_visible()

    withdraw.click()
    expect(phone.locator(".vote-budget")).to_contain_text("5 of 5")
    expect(withdraw).to_be_hidden()
    phone.context.close()
