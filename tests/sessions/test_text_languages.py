"""Issue 30: a session says what language each text is in. A Dutch plan run with an English
projector keeps its texts marked Dutch: its one-language texts (statements, a plain title)
are in the plan's language, not the session's."""

from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.statements import services as statements
from cafe.activities.statements.models import OpinionStatement
from cafe.activities.statements.views import languages
from cafe.extensions import db
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from cafe.sessions.views import activity_view, session_header


def plan(name):
    return load_plan(available_plans()[name], registry.all_kinds())


def test_views_say_which_language_title_prompt_and_question_are_in(app, facilitator):
    session = create_session(facilitator, plan("kickoff-buurtanalyse").title, "en",
                             plan("kickoff-buurtanalyse"))
    welcome = session.activities[0]
    view = activity_view(welcome, "phone")
    assert (view["title_lang"], view["prompt_lang"]) == ("nl", "nl")  # no English version
    assert view["texts"]["title"]["fr"] == "Bienvenue au café de quartier"
    assert session_header(session, "fr")["title_lang"] == "fr"
    assert session_header(session, "ar")["title_lang"] == "nl"
    cafe = next(a for a in session.activities if a.kind == "worldcafe")
    rounds = registry.get("worldcafe").view(cafe, "console")["rounds"]
    assert {r["question_lang"] for r in rounds} == {"nl"}


def test_a_dutch_plans_statements_and_plain_title_stay_dutch_in_an_english_session(
        app, facilitator):
    opinions = plan("stellingen")
    session = create_session(facilitator, opinions.title, "en", opinions)
    activity = next(a for a in session.activities if a.kind == "statements")
    assert activity.language("title") == "nl" and activity.title == "Eens of oneens?"
    statements.seed(activity)  # what opening it does: the plan's statements come in
    db.session.commit()
    rows = list(db.session.scalars(select(OpinionStatement)
                                   .where(OpinionStatement.activity_id == activity.id)))
    assert rows and set(languages(activity, rows)) == {"nl"}
    same = create_session(facilitator, opinions.title, "nl", opinions)
    assert same.activities[1].texts is None  # one language, the session's: stored plainly
