"""The Delphi figures people read agree with what happened: who answered, the share agreeing
(rounded, the same in the console and the report), a "no opinion" shown back in round 2, and
an IQR printed as computed."""

from cafe.delphi import services
from cafe.domain.findings import delphi_participation, from_delphi
from cafe.domain.report import build
from cafe.extensions import db
from tests.support.delphi import answer, tokens
from tests.support.report import data, finding, labels


def panel_tokens(study, index):
    return [t for t, p in tokens(study).items() if p.panel_id == study.panels[index].id]


def test_panelists_who_answered_are_counted_as_people(study, client):
    services.open_round(study)
    db.session.commit()
    first, second = (s.id for s in study.statements[:2])
    partners = panel_tokens(study, 0)
    for n, token in enumerate(partners):  # all 12 answer; 11 rate the first statement
        if n == 0:
            answer(client, token, first, no_opinion=True)
        elif n == 1:
            answer(client, token, second, {"desirability": 4})
        else:
            answer(client, token, first, {"desirability": 4})
    answer(client, panel_tokens(study, 1)[0], first, no_opinion=True)
    summary = services.summary(study)
    assert delphi_participation(summary) == {"Projectpartners": 12, "Lokale actoren": 1}


def test_console_and_report_round_the_share_agreeing_alike(study, client, login):
    services.open_round(study)
    db.session.commit()
    first = study.statements[0].id
    for n, token in enumerate(panel_tokens(study, 0)[:7]):  # 2 of 7 agree: 28.6%
        answer(client, token, first, {"desirability": 5 if n < 2 else 3})
    login(client)
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    assert "29%" in page and "28%" not in page
    rows = [finding(c["section"], c["text"], c["position"], c["detail"], key=c["key"])
            for c in from_delphi(services.summary(study), "d1")]
    table = next(b for b in build(data(rows), labels()) if b.kind == "table"
                 and "AGREE" in b.headers)
    assert [r[4] for r in table.rows if r[0] == study.statements[0].text] == ["29%"]


def test_round_two_shows_a_no_opinion_back(study, client):
    services.open_round(study)
    db.session.commit()
    token = panel_tokens(study, 0)[0]
    answer(client, token, study.statements[0].id, no_opinion=True)
    services.open_round(study)
    db.session.commit()
    page = client.get(f"/d/{token}").get_data(as_text=True)
    feedback = page.split('class="feedback"', 1)[1].split("</div>", 1)[0]
    assert "No opinion" in feedback or "Geen mening" in feedback


def test_the_report_prints_an_iqr_of_a_quarter_as_such():
    detail = {"median": 4.0, "iqr": 0.25, "agree": 0.75, "n": 8}
    blocks = build(data([finding("consensus", "Buurtpunt", 0, detail, key="d1:st1")]),
                   labels())
    table = next(b for b in blocks if b.kind == "table" and "IQR" in b.headers)
    assert table.rows[0][1:5] == ["CONSENSUS", "4", "0.25", "75%"]
