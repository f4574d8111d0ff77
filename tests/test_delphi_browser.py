"""A panelist opens their personal link on a phone, answers, reloads: the answers are kept."""

import json
import os
import subprocess
import sys

import pytest

from tests.support.browser import browser  # noqa: F401
from tests.support.server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.server]

SEED = """
import json
from cafe import create_app
from cafe.auth.models import Facilitator
from cafe.delphi import services
from cafe.extensions import db
app = create_app({"ASYNC_MODE": "threading", "DATABASE_URL": %r})
with app.app_context():
    owner = db.session.scalar(db.select(Facilitator))
    study = services.create_study(owner, "Delphi Noord", "nl", ["Partners"],
                                  [("Intervention", "Een buurtpunt in het dienstencentrum")])
    panelist = services.add_panelists(study, study.panels[0].id, 1)[0]
    services.open_round(study)
    db.session.commit()
    print(json.dumps({"token": panelist.token, "statement": study.statements[0].id}))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    live = LiveServer(tmp_path_factory.mktemp("delphi"), async_mode="eventlet")
    live.seed()
    out = subprocess.run([sys.executable, "-c", SEED % live.database_url], check=True,
                         capture_output=True, text=True,
                         env=dict(os.environ, CAFE_INSTANCE_PATH=str(live.instance)))
    live.delphi = json.loads(out.stdout.strip().splitlines()[-1])
    live.start()
    yield live
    live.stop()


def test_answers_survive_a_reload(server, browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    url = f"{server.url}/d/{server.delphi['token']}"
    page.goto(url)
    form = page.locator(f"#s{server.delphi['statement']}")
    form.locator("input[name=rating-desirability][value='4']").check()
    form.locator("input[name=rating-importance][value='5']").check()
    form.locator("textarea").fill("Dicht bij huis, dus bereikbaar voor ouderen")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    page.reload()
    form = page.locator(f"#s{server.delphi['statement']}")
    assert form.locator("input[name=rating-desirability][value='4']").is_checked()
    assert form.locator("input[name=rating-importance][value='5']").is_checked()
    assert form.locator("textarea").input_value() == "Dicht bij huis, dus bereikbaar voor ouderen"
    context.close()
