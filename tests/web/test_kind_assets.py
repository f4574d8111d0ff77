"""A phone loads the code and styles of the kinds it meets, when it meets them (issue 29): the
page carries the current activity's kind only; the others come when an activity of theirs opens."""

import json
import re

import pytest

from cafe.extensions import db
from tests.support.browser import browser, phone_page  # noqa: F401
from tests.support.console import new_session
from tests.support.factories import cid
from tests.support.server import Recorder

KIND_FILE = re.compile(r'(?:src|href)="/kinds/(\w+)/static/')


def phone_html(client, cafe_session, join):
    code = cafe_session.code
    client.set_cookie(f"cafe_p_{code}", join(code, name="Mira", language="nl"))
    return client.get(f"/s/{code}").data.decode()


def config_of(html: str) -> dict:
    raw = re.search(r'<script type="application/json" id="cafe-config">(.*?)</script>', html, re.S)
    return json.loads(raw.group(1))


def test_a_phone_page_carries_only_the_current_activitys_kind(app, client, cafe_session, join):
    board = next(a for a in cafe_session.activities if a.kind == "board")
    cafe_session.current_activity_id = board.id
    db.session.commit()
    html = phone_html(client, cafe_session, join)
    assert set(KIND_FILE.findall(html)) == {"board"}
    assert 'id="tpl-board-phone"' in html and 'id="tpl-vote-phone"' not in html
    assert "board_type_need" in html and "vote_dots_left" not in html
    # … and knows where every kind's files are, fingerprinted, for when it meets them.
    assets = config_of(html)["kind_assets"]
    assert {"board", "vote", "statements", "canvas", "worldcafe"} <= set(assets)
    for name, files in assets.items():
        for url in files["scripts"] + files["styles"]:
            assert url.startswith(f"/kinds/{name}/static/") and re.search(r"\?v=[0-9a-f]{12}$", url)
            assert "immutable" in client.get(url).headers["Cache-Control"], url
    # A kind's templates and strings, in the participant's language, when the phone meets it.
    part = client.get(assets["vote"]["part"])
    assert part.status_code == 200
    assert 'id="tpl-vote-phone"' in part.text and "vote_dots_left" in part.text


def test_a_kinds_part_is_only_for_participants(client, cafe_session):
    assert client.get(f"/s/{cafe_session.code}/kinds/vote").status_code == 404


def test_a_phone_page_with_nothing_open_carries_no_kind(client, cafe_session, join):
    assert cafe_session.current_activity_id is None
    assert KIND_FILE.findall(phone_html(client, cafe_session, join)) == []


def test_the_projector_still_carries_every_kind(client, cafe_session):
    html = client.get(f"/p/{cafe_session.code}?key={cafe_session.projector_key}").data.decode()
    assert {"board", "vote", "canvas"} <= set(KIND_FILE.findall(html))


@pytest.fixture(scope="module")
def server(live_server):
    return live_server(shared=True)


@pytest.mark.browser
@pytest.mark.server
def test_a_phone_fetches_a_kinds_code_when_an_activity_of_it_opens(server, browser):  # noqa: F811
    http = server.login()
    s = new_session(server, http, "en")
    phone = phone_page(browser, server.url, s["code"])
    loaded = []
    phone.on("request", lambda r: loaded.append(r.url) if "/kinds/" in r.url else None)
    assert phone.locator("script[src*='/kinds/']").count() == 0
    console = Recorder(server.url, {"session": s["code"], "view": "console"},
                       cookies=http.cookies.get_dict())
    detail = http.get(f"{server.url}/api/v1/sessions/{s['id']}", timeout=10).json()
    kinds = {a["kind"]: a["id"] for a in detail["session"]["agenda"]}
    assert console.call("activity:open", {"cid": cid("k-board"), "activity": kinds["board"]})["ok"]
    phone.locator(".board-text").fill("Meer bankjes")
    phone.locator(".board-send").click()
    phone.locator(".board-mine-item").first.wait_for()
    assert not any("/vote/" in url for url in loaded)
    assert console.call("activity:open", {"cid": cid("k-vote"), "activity": kinds["vote"]})["ok"]
    phone.locator(".activity-vote .vote-phone").wait_for()
    assert any("/kinds/vote/static/vote.js" in url for url in loaded)
    assert any("/kinds/vote/static/vote.css" in url for url in loaded)
    console.close()
    phone.context.close()


def test_the_join_page_carries_no_kinds_styles(client, cafe_session):
    html = client.get(f"/j/{cafe_session.code}").data.decode()
    assert "/static/css/cafe.css" in html
    assert KIND_FILE.findall(html) == []
