"""A Policy Delphi with two panels of twelve over two rounds, through the panelists' pages."""

import random
import re

import numpy as np
import pytest

from cafe.delphi import services
from cafe.delphi.models import Answer
from cafe.extensions import db
from tests.support.delphi import STATEMENTS, answer, tokens


def test_two_rounds_summary_matches_an_independent_computation(study, client):
    rng = random.Random(7)
    statement_ids = [s.id for s in study.statements]
    services.open_round(study)
    db.session.commit()
    given = {}  # (round, statement) -> {panel: [desirability ratings]}
    for round_number in (1, 2):
        if round_number == 2:
            services.open_round(study)
            db.session.commit()
        for token, panelist in tokens(study).items():
            for sid in statement_ids:
                if sid == statement_ids[1]:  # polarised: extremes only
                    value = rng.choice([1, 5])
                elif sid == statement_ids[0]:  # converging on 4-5
                    value = rng.choice([4, 5] if round_number == 2 else [2, 3, 4, 5])
                else:
                    value = rng.randint(1, 5)
                r = answer(client, token, sid, {"desirability": value, "feasibility": 3,
                                                "importance": 4}, argument=f"arg {value}")
                assert r.status_code == 302
                given.setdefault((round_number, sid), {}).setdefault(
                    panelist.panel.name, []).append(value)
    # A revised answer replaces the earlier one instead of adding a second.
    token, panelist = next(iter(tokens(study).items()))
    answer(client, token, statement_ids[2], {"desirability": 1})
    given[(2, statement_ids[2])][panelist.panel.name][0] = 1
    count = db.session.scalar(db.select(db.func.count()).select_from(Answer).where(
        Answer.panelist_id == panelist.id, Answer.statement_id == statement_ids[2]))
    assert count == 2  # one per round

    db.session.expire_all()
    summary = services.summary(study)
    assert summary["round"] == 2
    for item in summary["statements"]:
        per_panel = given[(2, item["id"])]
        every = [v for values in per_panel.values() for v in values]
        q1, med, q3 = np.percentile(every, [25, 50, 75])
        stats = item["overall"]["desirability"]
        assert stats["median"] == pytest.approx(med)
        assert stats["iqr"] == pytest.approx(q3 - q1)
        assert stats["agree"] == pytest.approx(np.mean(np.array(every) >= 4))
        for panel, values in per_panel.items():
            p1, p3 = np.percentile(values, [25, 75])
            assert item["panels"][panel]["desirability"]["iqr"] == pytest.approx(p3 - p1)
        share_low = np.mean(np.array(every) <= 2)
        share_high = np.mean(np.array(every) >= 4)
        expected = ("dissent" if share_low >= 0.3 and share_high >= 0.3 else
                    "consensus" if q3 - q1 <= 1 and share_high >= 0.7 else "undecided")
        assert item["classification"] == expected
    classes = {i["id"]: i["classification"] for i in summary["statements"]}
    assert classes[statement_ids[1]] == "dissent"
    assert classes[statement_ids[0]] == "consensus"
    assert "stability" in summary["statements"][0]


def test_round_two_shows_the_group_and_own_answer(study, client):
    services.open_round(study)
    db.session.commit()
    token = next(iter(tokens(study)))
    sid = study.statements[0].id
    answer(client, token, sid, {"desirability": 2}, argument="Te duur voor de gemeente")
    study.rounds[-1].synthesis = "Uit de buurtanalyse: 40% is ouder dan 65."
    services.open_round(study)
    db.session.commit()
    page = client.get(f"/d/{token}").get_data(as_text=True)
    assert "Te duur voor de gemeente" in page
    assert "40% is ouder dan 65" in page
    assert re.search(r"0·1·0·0·0", page)


def test_refusals_keep_what_was_stored(study, client, facilitator):
    token = next(iter(tokens(study)))
    sid = study.statements[0].id
    closed = answer(client, token, sid, {"desirability": 4})
    assert closed.status_code == 400 and 'role="alert"' in closed.get_data(as_text=True)
    services.open_round(study)
    db.session.commit()
    assert answer(client, token, sid, {"desirability": 4}, cid="first-cid").status_code == 302
    bad = answer(client, token, sid, {"desirability": 9})
    assert bad.status_code == 400
    replay = answer(client, token, sid, {"desirability": 1}, cid="first-cid")
    assert replay.status_code == 302
    stored = db.session.scalars(db.select(Answer)).all()
    assert [a.ratings["desirability"] for a in stored] == [4]
    other = services.create_study(facilitator, "Andere studie", "nl", ["P"],
                                  [("", "Iets anders")])
    db.session.commit()
    wrong = answer(client, token, other.statements[0].id, {"desirability": 3})
    assert wrong.status_code == 400
    assert client.get("/d/not-a-real-token").status_code == 404
    services.close_round(study)
    db.session.commit()
    assert answer(client, token, sid, {"desirability": 2}).status_code == 400
    assert db.session.scalars(db.select(Answer)).one().ratings["desirability"] == 4


def test_facilitator_pages_and_link_exports(study, client, login):
    login(client)
    page = client.get(f"/console/delphi/{study.id}")
    assert page.status_code == 200
    links = client.get(f"/console/delphi/{study.id}/links.csv").get_data(as_text=True)
    assert links.count("/d/") == 24
    assert client.get(f"/console/delphi/{study.id}/links").status_code == 200


def test_seed_statements_from_cafe_priorities(study):
    added = services.seed_from_results(study, {"ranking": [
        {"text": "Eenzaamheid bij ouderen", "rank": 1}, {"text": "Bankjes", "rank": 2}]})
    assert added == 2 and study.statements[-2].text == "Eenzaamheid bij ouderen"


def test_console_charts_every_statement_in_the_facilitators_language(study, client, login,
                                                                     facilitator):
    facilitator.language = "nl"
    services.open_round(study)
    db.session.commit()
    panelists = list(tokens(study).items())
    for n, (token, _p) in enumerate(panelists):
        for sid in [s.id for s in study.statements]:
            answer(client, token, sid, {"desirability": 1 + n % 5, "feasibility": 3})
    services.open_round(study)
    db.session.commit()
    for token, _p in panelists[:10]:
        answer(client, token, study.statements[0].id, {"desirability": 4})
    login(client)
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    assert page.count('<svg class="delphi-chart"') == len(study.statements)
    chart = page.split('<svg class="delphi-chart"')[1].split("</svg>")[0]
    for panel in ("Projectpartners", "Lokale actoren"):
        for n in (1, 2):
            assert f"{panel}, ronde {n}" in chart
    assert "n=12" in chart and "n=10" in chart and "n=0" in chart
    assert "Wenselijkheid" in page and "<td>desirability</td>" not in page
    assert "Respons per panel in de tijd" in page
    # The page's title is text, and the delete form is on the page once (not in its header).
    title = page.split("<title>")[1].split("</title>")[0]
    assert "<" not in title and study.title in title
    assert page.count('id="delete-title"') == 1


def test_round_two_groups_the_arguments_for_and_against(study, client):
    services.open_round(study)
    db.session.commit()
    (first, _a), (second, _b), (third, _c) = list(tokens(study).items())[:3]
    sid = study.statements[2].id
    for token, text, stance in ((first, "Eenzaamheid vroeg opgemerkt", "for"),
                                (second, "Vrijwilligers zijn al overbelast", "against"),
                                (third, "Hangt van de wijk af", "")):
        r = client.post(f"/d/{token}/answer", json={
            "statement": sid, "ratings": {"desirability": 3}, "argument": text,
            "stance": stance, "cid": f"cid-{token[:6]}"})
        assert r.get_json() == {"ok": True, "replayed": False, "answered": 1, "total": 3}
    services.open_round(study)
    db.session.commit()
    page = client.get(f"/d/{first}").get_data(as_text=True)
    block = page.split(f'id="s{sid}"')[1].split("</form>")[0]
    assert block.index("Argumenten voor") < block.index("Eenzaamheid vroeg opgemerkt") < \
        block.index("Argumenten tegen") < block.index("Vrijwilligers zijn al overbelast") < \
        block.index("Andere argumenten") < block.index("Hangt van de wijk af")
    summary = services.summary(study)
    assert {"text": "Vrijwilligers zijn al overbelast", "stance": "against"} in \
        summary["statements"][2]["arguments"]


def test_answer_endpoint_refuses_in_the_panelists_language(study, client):
    services.open_round(study)
    db.session.commit()
    token, panelist = next(iter(tokens(study).items()))
    panelist.language = "fr"
    db.session.commit()
    sid = study.statements[0].id
    bad = client.post(f"/d/{token}/answer", json={
        "statement": sid, "ratings": {"desirability": 9}, "cid": "x1"})
    assert bad.status_code == 400 and bad.get_json()["message"] == "Choisissez une valeur de 1 à 5."
    assert client.post(f"/d/{token}/answer", data="nonsense").status_code == 400
    assert client.post(f"/d/{token}/answer", json={
        "statement": sid, "ratings": {"desirability": 2}, "stance": "maybe", "argument": "x",
        "cid": "x2"}).status_code == 400
    assert db.session.scalar(db.select(db.func.count()).select_from(Answer)) == 0


def test_statements_in_the_panelists_language_and_a_language_choice(study, client, login):
    services.open_round(study)
    db.session.commit()
    login(client)
    r = client.post(f"/console/delphi/{study.id}/translations", data={
        "text-fr": "Un point de quartier\n\nDes bénévoles appellent les aînés"})
    assert r.status_code == 302
    token = next(iter(tokens(study)))
    page = client.get(f"/d/{token}").get_data(as_text=True)
    assert 'lang="nl"' in page and STATEMENTS[0][1] in page
    client.post(f"/d/{token}/language", data={"language": "fr"})
    page = client.get(f"/d/{token}").get_data(as_text=True)
    assert 'lang="fr"' in page and "Un point de quartier" in page
    assert STATEMENTS[1][1] in page  # no French version: the study's language
    assert "Des bénévoles appellent les aînés" in page


def test_addresses_are_deleted_with_the_study(study, client, login):
    from cafe.delphi.models import Contact, OutboxMessage

    login(client)
    r = client.post(f"/console/delphi/{study.id}/addresses", data={
        "addresses": "an@example.org\nbo@example.org, not-an-address", "panel": study.panels[0].id,
        "language": "fr"})
    assert r.status_code == 302
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 0
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    assert "not-an-address" in page  # the refusal names the bad line
    client.post(f"/console/delphi/{study.id}/addresses", data={
        "addresses": "an@example.org\nbo@example.org", "panel": study.panels[0].id,
        "language": "fr"})
    client.post(f"/console/delphi/{study.id}/mail", data={"action": "invite"})
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 2
    client.post(f"/console/delphi/{study.id}/delete")
    assert db.session.scalar(db.select(db.func.count()).select_from(Contact)) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0


def test_schedule_is_entered_in_brussels_time_and_can_be_cancelled(study, client, login):
    from datetime import UTC, datetime

    from cafe.delphi.models import ScheduledAction

    login(client)
    client.post(f"/console/delphi/{study.id}/schedule", data={"action": "open",
                                                              "due": "2026-03-02T09:00"})
    client.post(f"/console/delphi/{study.id}/schedule", data={"action": "close",
                                                              "due": "2026-07-01T18:30"})
    bad = client.post(f"/console/delphi/{study.id}/schedule", data={"action": "open",
                                                                    "due": "maandag"})
    assert bad.status_code == 302
    rows = db.session.scalars(db.select(ScheduledAction).order_by(ScheduledAction.id)).all()
    assert [r.due_at.replace(tzinfo=UTC) if r.due_at.tzinfo is None else r.due_at
            for r in rows] == [datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
                               datetime(2026, 7, 1, 16, 30, tzinfo=UTC)]
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    assert "9:00:00\u202fAM" in page or "9:00:00 AM" in page
    assert "6:30:00" in page and "Please give a date and a time." in page
    client.post(f"/console/delphi/{study.id}/schedule/{rows[0].id}/cancel")
    db.session.expire_all()
    assert [r.status for r in db.session.scalars(db.select(ScheduledAction)
                                                 .order_by(ScheduledAction.id))] == [
        "cancelled", "scheduled"]


def test_a_statement_given_in_several_languages(facilitator, client):
    study = services.create_study(facilitator, "Delphi Brussel", "fr", ["P"], [
        ("", {"fr": "Un point de quartier", "nl": "Een buurtpunt"}),
        ("", {"nl": "Alleen in het Nederlands"})])
    panelist = services.add_panelists(study, study.panels[0].id, 1, "nl")[0]
    services.open_round(study)
    db.session.commit()
    assert [s.text for s in study.statements] == ["Un point de quartier",
                                                   "Alleen in het Nederlands"]
    page = client.get(f"/d/{panelist.token}").get_data(as_text=True)
    assert "Een buurtpunt" in page and "Un point de quartier" not in page
    panelist.language = "en"
    db.session.commit()
    page = client.get(f"/d/{panelist.token}").get_data(as_text=True)
    assert "Un point de quartier" in page  # no English version: the study's language
