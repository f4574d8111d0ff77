"""Questions' services and views against the database, without a server: asking, upvoting,
moderation, merging, pinning, withdrawing, and what each audience and the results show."""

import pytest
from sqlalchemy import select

from cafe.activities import registry
from cafe.activities.questions import queries, services, views
from cafe.activities.questions.models import Question, QuestionVote
from cafe.core import Refusal
from cafe.extensions import db
from cafe.sessions.plans import parse_plan

PLAN = """
title = "Vragen uit de zaal"
language = "nl"

[[activity]]
kind = "questions"
title = "Wat wilt u de schepen vragen?"
[activity.settings]
moderation = "pre"
max_length = 160
allow_names = false
sort = "newest"
"""


def refused(fn, *args) -> Refusal:
    with pytest.raises(Refusal) as caught:
        fn(*args)
    db.session.rollback()
    return caught.value


def ask(act, who, text, name=None, approved=False):
    question, _changes = services.ask(act, who, text, name, approved)
    db.session.commit()
    return question


def test_upvotes_order_the_room_one_per_person_and_withdrawable(make):
    act, (a, b, c) = make()
    first = ask(act, a, "Wanneer gaat het buurthuis weer open?")
    second = ask(act, b, "Wie betaalt de nieuwe bankjes?", name="Fatima")
    for who in (a, b, c):
        services.upvote(act, who, second, True)
    services.upvote(act, a, second, False)  # a changes their mind
    services.upvote(act, a, first, True)  # one's own question may be upvoted, once
    db.session.commit()
    assert refused(services.upvote, act, a, first, True).code == "duplicate"
    assert refused(services.upvote, act, c, first, False).code == "invalid"
    projector = views.view(act, "projector")
    assert [(q["id"], q["votes"]) for q in projector["questions"]] == [
        (second.id, 2), (first.id, 1)]
    assert projector["questions"][0]["name"] == "Fatima"
    assert views.private_view(act, a)["voted"] == [first.id]
    assert views.tally(act) == {"votes": {str(first.id): 1, str(second.id): 2}}


def test_bad_input_is_refused_and_nothing_is_stored(make):
    act, (a, _b, _c) = make(max_length=30, allow_names=False, max_questions_per_participant=1)
    assert refused(services.ask, act, a, "   ", None, False).code == "invalid"
    assert refused(services.ask, act, a, "x" * 31, None, False).code == "invalid"
    assert refused(services.ask, act, a, "Mag ik mijn naam?", "Jan", False).code == "invalid"
    ask(act, a, "Mijn enige vraag")
    assert refused(services.ask, act, a, "Nog een vraag", None, False).code == "over_limit"
    act.status = "closed"
    db.session.commit()
    assert refused(services.ask, act, a, "Te laat", None, False).code == "closed"
    assert [q.text for q in queries.questions(act)] == ["Mijn enige vraag"]


def test_premoderation_holds_questions_until_approved(make):
    act, (a, b, _c) = make(moderation="pre")
    held = ask(act, a, "Wat gebeurt er met het oude postkantoor?")
    typed = ask(act, None, "Een vraag van de kaartjes", approved=True)
    assert held.status == "pending" and typed.status == "visible"
    assert [q["id"] for q in views.view(act, "phone")["questions"]] == [typed.id]
    assert views.private_view(act, a)["own"][0]["status"] == "pending"
    assert refused(services.upvote, act, b, held, True).code == "not_votable"
    services.moderate(held, "approve")
    db.session.commit()
    services.upvote(act, b, held, True)
    db.session.commit()
    assert views.view(act, "phone")["votes"][str(held.id)] == 1


def test_hidden_questions_leave_every_screen_and_the_results_but_not_the_console(make):
    act, (a, b, _c) = make()
    kept = ask(act, a, "Komt er een zebrapad aan de school?")
    rude = ask(act, b, "Iets onaardigs")
    services.upvote(act, a, rude, True)
    services.pin(act, rude)
    services.moderate(rude, "hide")
    db.session.commit()
    assert refused(services.upvote, act, b, rude, True).code == "not_votable"
    assert [q["id"] for q in views.view(act, "phone")["questions"]] == [kept.id]
    projector = views.view(act, "projector")
    assert projector["pinned"] is None and [q["id"] for q in projector["questions"]] == [kept.id]
    statuses = {q["id"]: q["status"] for q in views.view(act, "console")["questions"]}
    assert statuses == {kept.id: "visible", rude.id: "hidden"}
    assert [q["id"] for q in queries.results(act)["questions"]] == [kept.id]


def test_merging_moves_upvotes_once_per_person_and_showing_again_undoes_it(make):
    act, (a, b, c) = make()
    target = ask(act, a, "Wanneer komt er een bankje op het plein?")
    duplicate = ask(act, b, "Komen er bankjes op het plein?")
    services.upvote(act, a, duplicate, True)
    services.upvote(act, b, target, True)
    services.upvote(act, b, duplicate, True)
    services.upvote(act, c, duplicate, True)
    db.session.commit()
    services.merge(duplicate, target)
    db.session.commit()
    assert queries.tally(act) == {target.id: 3}  # a, b (once) and c
    assert views.private_view(act, c)["voted"] == [target.id]
    # Taking back an upvote on the merged question takes back the duplicate's too.
    services.upvote(act, b, target, False)
    db.session.commit()
    assert queries.tally(act) == {target.id: 2}
    assert refused(services.merge, target, target).code == "invalid"
    assert refused(services.merge, duplicate, target).code == "invalid"  # already merged
    services.moderate(duplicate, "show")
    db.session.commit()
    assert queries.tally(act) == {duplicate.id: 2}  # a and c; b took theirs back above
    assert queries.results(act)["questions"][0]["id"] == duplicate.id


def test_one_pinned_at_a_time_and_answered_ones_move_apart(make):
    act, (a, b, _c) = make()
    one = ask(act, a, "Eerste vraag")
    two = ask(act, b, "Tweede vraag")
    services.pin(act, one)
    services.pin(act, two)
    db.session.commit()
    assert [q.id for q in db.session.scalars(
        select(Question).where(Question.pinned.is_(True)))] == [two.id]
    projector = views.view(act, "projector")
    assert projector["pinned"]["id"] == two.id
    assert [q["id"] for q in projector["questions"]] == [one.id]
    services.set_answered(two, True)
    db.session.commit()
    projector = views.view(act, "projector")
    assert projector["pinned"] is None and projector["answered"] == 1
    assert [q["id"] for q in projector["questions"]] == [one.id]
    assert refused(services.upvote, act, a, two, True).code == "not_votable"
    results = queries.results(act)["questions"]
    assert {q["id"]: (q["answered"], q["pinned"]) for q in results} == {
        one.id: (False, False), two.id: (True, False)}
    services.pin(act, None)
    db.session.commit()
    assert queries.pinned(act) is None


def test_withdrawing_a_question_or_leaving_takes_questions_and_upvotes_along(make):
    act, (a, b, _c) = make()
    mine = ask(act, a, "Mijn vraag")
    theirs = ask(act, b, "Hun vraag")
    folded = ask(act, b, "Hun vraag nog eens")
    services.upvote(act, b, mine, True)
    services.upvote(act, a, theirs, True)
    services.merge(folded, mine)
    db.session.commit()
    assert refused(services.withdraw_question, theirs, a).code == "forbidden"
    changes = services.withdraw_question(mine, a)
    db.session.commit()
    assert (b, act.id) in changes.private  # their upvote and their merged question changed
    assert db.session.get(Question, folded.id).status == "visible"  # back on its own
    kind = registry.get("questions")
    assert kind.contributions(act) == 2
    # The phone's closing recap counts what each asked in the session (withdrawn: gone).
    assert kind.recap(act.session_id, b) == {"questions": 2}
    assert kind.recap(act.session_id, a) == {"questions": 0}
    kind.withdraw(act, a)
    db.session.commit()
    assert db.session.scalars(select(QuestionVote.participant_id)).all() == []
    assert kind.contributions(act) == 2  # b's questions stay


def test_results_have_no_names_and_plans_load_the_kind(make):
    act, (a, _b, _c) = make()
    ask(act, a, "Een vraag met naam", name="Karim")
    results = registry.get("questions").results(act)
    assert results["type"] == "questions"
    assert "Karim" not in repr(results) and "name" not in results["questions"][0]
    assert set(results["questions"][0]) == {"id", "text", "votes", "answered", "pinned",
                                            "merged"}


def test_a_plan_with_questions_loads_and_wrong_settings_are_named(app):
    plan = parse_plan(PLAN, "vragen.toml", registry.all_kinds())
    conf = registry.get("questions").Settings.model_validate(plan.activities[0].settings)
    assert (conf.moderation, conf.max_length, conf.allow_names, conf.sort) == (
        "pre", 160, False, "newest")
    with pytest.raises(ValueError, match="moderation"):
        parse_plan(PLAN.replace('"pre"', '"later"'), "vragen.toml", registry.all_kinds())


def test_a_merge_of_a_merge_counts_everyone_once_where_it_ends(make):
    act, (a, b, c) = make()
    first = ask(act, a, "Wanneer komt de bus vaker?")
    second = ask(act, b, "Rijdt de bus binnenkort vaker?")
    third = ask(act, c, "Komt er een betere busverbinding?")
    services.upvote(act, a, first, True)
    services.upvote(act, b, first, True)
    services.upvote(act, b, second, True)
    services.upvote(act, c, third, True)
    services.merge(first, second)
    services.merge(second, third)
    db.session.commit()
    assert db.session.get(Question, first.id).merged_into_id == third.id  # one level deep
    assert queries.tally(act) == {third.id: 3}
    assert queries.group(third) == [third.id, first.id, second.id]
    # Upvoting a merged duplicate counts where it went: c already did.
    assert refused(services.upvote, act, c, first, True).code == "duplicate"
