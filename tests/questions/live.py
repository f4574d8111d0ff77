"""A questions activity on a real server, added the way a facilitator adds one: through the
agenda editor's form (the plans in sessions/ hold none)."""

from tests.support.factories import cid
from tests.support.server import LiveServer, Recorder

DEFAULTS = {"moderation": "post", "max_length": 200, "allow_names": True, "sort": "votes",
            "max_questions_per_participant": 10}


def add_questions(live: LiveServer, http, title: str = "Questions for the alderman",
                  **settings) -> int:
    """Adds the activity through the editor; returns its id."""
    url = f"{live.url}/console/sessions/{live.session['id']}/agenda/new/questions"
    page = http.get(url, timeout=10).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    form = {"csrf_token": token, "title-en": title, "prompt-en": ""}
    for name, value in {**DEFAULTS, **settings}.items():
        if value is True:
            form[name] = "on"
        elif value is not False:
            form[name] = str(value)
    answer = http.post(url, data=form, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text[-2000:]
    return int(answer.headers["Location"].rsplit("activity-", 1)[1])


def console(live: LiveServer, http) -> Recorder:
    return Recorder(live.url, {"session": live.session["code"], "view": "console"},
                    cookies=http.cookies.get_dict())


def open_activity(console_client: Recorder, activity: int) -> None:
    answer = console_client.call("activity:open", {"cid": cid(f"open{activity}"),
                                                   "activity": activity})
    assert answer["ok"], answer
