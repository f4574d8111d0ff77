"""Issue 26, done when: a neighbourhood over a year on a test clock. A kick-off café (board,
vote, canvas with three indicators), actions from the top three priorities, indicator values
three months on, a Delphi round, and a look-back café at twelve months whose ratings attach to
the actions. The progress report (DOCX, PDF), the public page and the API then show every
action's status history and each indicator's chart with its baseline, and hold no resident's
name or token."""

import io
import re
from datetime import date, timedelta

from docx import Document
from pypdf import PdfReader
from sqlalchemy import select

from cafe.activities import registry
from cafe.extensions import db
from cafe.neighbourhoods import export
from cafe.neighbourhoods import services as hoods
from cafe.neighbourhoods.models import Finding
from cafe.sessions.models import Activity
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from cafe.trajectory.models import LogLine, Update
from tests.support.delphi import STATEMENTS
from tests.support.factories import cid
from tests.support.openapi import assert_matches

NAMES = ["Fatima El Amrani", "Jozef Peeters", "Mevrouw Janssens", "Karim Benali"]
CARDS = ["Eenzaamheid bij ouderen", "Te weinig bankjes op het plein",
         "Geen ontmoetingsplek voor jongeren", "Buurtbewoners koken graag samen"]
# Dots: card 0 gets 4, card 1 gets 3, card 2 gets 2, card 3 gets 1.
DOTS = [[0, 1, 2, 3], [0, 1, 2], [0, 1], [0]]
INDICATORS = ["Aantal bewoners op de buurtmaaltijd", "Eenzaamheidsscore in de buurtbevraging",
              "Aantal bankjes op het plein"]
# (direction, baseline, target, value at three months, value at twelve months)
FIGURES = [("up", 12, 40, 25, 38), ("down", 6.5, 4, 6.0, 5.1), ("up", 2, 6, 2, 5)]
KICKOFF = date(2026, 1, 15)
CARRIERS = ["Dienstencentrum De Linde", "OCMW-maatschappelijk werker", "Jeugdwerking"]


def months(n: int) -> date:
    return KICKOFF + timedelta(days=round(30.5 * n))


SENT = []


def _command(console, event, **payload):
    SENT.append(event)
    answer = console.emit(event, {"cid": cid(f"console{len(SENT)}"), **payload}, callback=True)
    assert answer["ok"], (event, answer)
    return answer


def kickoff(facilitator, login, client, join, sio):
    plan = load_plan(available_plans()["priorities"], registry.all_kinds())
    session = create_session(facilitator, "Buurtcafé Noord", "nl", plan)
    session.activities.append(Activity(kind="canvas", title="Veranderingstheorie", position=10,
                                       settings={"template": "theory-of-change",
                                                 "scope": "room"}))
    db.session.commit()
    ids = {a.kind: a.id for a in session.activities}
    console = sio(session.code, view="console", flask_client=login(client))
    _command(console, "activity:open", activity=ids["board"])
    tokens = [join(session.code, name=n, role="resident") for n in NAMES]
    phones = [sio(session.code, token=t) for t in tokens]
    cards = []
    for n, text in enumerate(CARDS):
        answer = phones[n].emit("card:add", {"cid": cid(f"c{n}"), "activity": ids["board"],
                                             "type": "need", "text": text}, callback=True)
        assert answer["ok"], answer
        cards.append(answer["card"] if isinstance(answer["card"], int) else answer["card"]["id"])
    _command(console, "activity:open", activity=ids["vote"])
    for n, (phone, picks) in enumerate(zip(phones, DOTS, strict=True)):
        assert phone.emit("vote:cast", {"cid": cid(f"v{n}"), "activity": ids["vote"],
                                        "allocation": {str(cards[i]): 1 for i in picks}},
                          callback=True)["ok"]
    from cafe.activities.canvas import queries as canvas  # the kind is optional in the tree

    _command(console, "activity:open", activity=ids["canvas"])
    sheet = canvas.canvases(db.session.get(Activity, ids["canvas"]))[0].id
    for n, text in enumerate(INDICATORS):
        assert phones[n].emit("canvas:add", {"cid": cid(f"cv{n}"), "canvas": sheet,
                                             "field": "indicators", "text": text},
                              callback=True)["ok"]
    return session, tokens


def lookback(facilitator, owner, hood, login, client, join, sio, actions):
    plan = load_plan(available_plans()["terugblik"], registry.all_kinds())
    session = create_session(facilitator, "Terugblik Noord", "nl", plan)
    db.session.commit()
    base = f"/console/neighbourhoods/{hood.id}/trajectory"
    assert owner.post(f"{base}/link", data={"session": session.id}).status_code == 302
    assert owner.post(f"{base}/lookback/{session.id}/seed").status_code == 302
    steps = session.activities
    board, adapt = (a.id for a in steps if a.kind == "board")
    vote = next(a.id for a in steps if a.kind == "vote")
    # The step before the rating shows each indicator's way so far, in the session's language.
    shown = next(a for a in steps if a.title == "Onze indicatoren").prompt
    for name, (_direction, baseline, _target, _v3, v12) in zip(INDICATORS, FIGURES, strict=True):
        assert f"{name}: nulmeting {baseline:g} → {v12:g} (gaat de goede kant op)" in shown
    from cafe.activities.board.models import Card  # the kind is optional in the tree

    cards = {c.text: c.id for c in db.session.scalars(select(Card).where(
        Card.activity_id == board))}
    assert len(cards) == 3 and all(" · " in text for text in cards)
    console = sio(session.code, view="console", flask_client=login(app_client(client)))
    tokens = [join(session.code, name=n, role="resident") for n in NAMES[:3]]
    phones = [sio(session.code, token=t) for t in tokens]
    _command(console, "activity:open", activity=vote)
    ratings = {}
    for n, (title, _id) in enumerate(actions):
        card = next(cid_ for text, cid_ in cards.items() if text.startswith(title))
        given = [(5 - n, 1 + n), (4 - n, 2), (3, 3)]
        ratings[title] = round(sum(g[0] for g in given) / 3, 2)
        for p, (importance, urgency) in enumerate(given):
            assert phones[p].emit("vote:cast", {"cid": cid(f"r{n}{p}"), "activity": vote,
                                                "item": card, "importance": importance,
                                                "urgency": urgency}, callback=True)["ok"]
    _command(console, "activity:open", activity=adapt)
    assert phones[0].emit("card:add", {"cid": cid("adapt"), "activity": adapt, "type": "need",
                                       "text": "De buurtmaaltijd ook op zaterdag"},
                          callback=True)["ok"]
    answer = owner.post(f"{base}/lookback/{session.id}/attach",
                        data={"day": months(12).isoformat()})
    assert answer.status_code == 302
    return session, tokens, ratings


def delphi_round(facilitator):
    """Two panels of four rate three statements in one round."""
    from cafe.delphi import services as delphi  # the Delphi is only this step of the year

    study = delphi.create_study(facilitator, "Delphi Noord", "nl",
                                ["Projectpartners", "Lokale actoren"], STATEMENTS)
    panelists = []
    for panel in study.panels:
        panelists += delphi.add_panelists(study, panel.id, 4)
    delphi.open_round(study)
    square = [5, 5, 4, 1, 1, 2, 5, 1]
    for n, panelist in enumerate(panelists):
        for s, statement in enumerate(study.statements):
            rating = square[n] if s == 1 else 4 + n % 2
            delphi.save_answer(panelist, study, statement.id, {"desirability": rating}, False,
                               "", cid(f"d{n}-{s}"))
    db.session.commit()
    return study, [p.token for p in panelists]


def app_client(client):
    return client.application.test_client()


def test_a_year_of_a_neighbourhood(app, facilitator, client, login, join, sio):
    session, tokens = kickoff(facilitator, login, client, join, sio)
    hood = hoods.create(facilitator, "Noord", "Gent")
    candidates = export.session_candidates(session)
    export.export_session(hood, session, {c["key"]: c["text"] for c in candidates})
    db.session.commit()
    owner = login(app_client(client))
    base = f"/console/neighbourhoods/{hood.id}/trajectory"

    # Actions from the top three priorities, two weeks after the kick-off.
    priorities = db.session.scalars(select(Finding).where(
        Finding.neighbourhood_id == hood.id, Finding.section == "priority")
        .order_by(Finding.position)).all()
    assert [f.text for f in priorities[:3]] == CARDS[:3]
    actions = []
    for n, finding in enumerate(priorities[:3]):
        title = f"Actie {n + 1}: {finding.text}"
        answer = owner.post(f"{base}/actions", data={
            "finding": finding.id, "title": title, "answers": finding.text,
            "carrier": CARRIERS[n], "block": "social_networks",
            "start": months(1).isoformat(), "due": months(11).isoformat(),
            "day": months(0.5).isoformat()})
        assert answer.status_code == 302
        actions.append(title)
    # A resident's name is refused as who carries an action, and nothing is stored.
    refused = owner.post(f"{base}/actions", data={"title": "Bankjes", "carrier": NAMES[1]},
                         follow_redirects=True)
    assert b"not a resident" in refused.data
    data = owner.get(f"{base}/export.json").get_json()
    assert [a["title"] for a in data["actions"]] == actions
    assert all(a["source"]["kind"] == "vote" and a["source"]["key"].startswith(f"s{session.id}:")
               for a in data["actions"])
    ids = [a["id"] for a in data["actions"]]

    # Three indicators from the canvas's indicator box, baseline at the kick-off.
    canvas = db.session.scalars(select(Finding).where(
        Finding.neighbourhood_id == hood.id, Finding.section == "canvas")).all()
    by_text = {f.text: f for f in canvas}
    for text, (direction, baseline, target, _v3, _v12) in zip(INDICATORS, FIGURES, strict=True):
        assert owner.post(f"{base}/indicators", data={
            "finding": by_text[text].id, "name": text, "unit": "", "direction": direction,
            "baseline": str(baseline).replace(".", ","), "baseline_date": KICKOFF.isoformat(),
            "target": target}).status_code == 302

    # One month: two actions start. Three months: values recorded, one action done.
    for action_id in ids[:2]:
        owner.post(f"{base}/actions/{action_id}/status",
                   data={"status": "started", "day": months(1).isoformat()})
    data = owner.get(f"{base}/export.json").get_json()
    indicator_ids = [i["id"] for i in data["indicators"]]
    for indicator_id, figures in zip(indicator_ids, FIGURES, strict=True):
        assert owner.post(f"{base}/indicators/{indicator_id}/values", data={
            "day": months(3).isoformat(), "value": figures[3], "kind": "count",
            "source": "Telling dienstencentrum"}).status_code == 302
    owner.post(f"{base}/actions/{ids[0]}/status",
               data={"status": "done", "day": months(3).isoformat()})
    owner.post(f"{base}/actions/{ids[1]}/note",
               data={"text": "Eerste bankje staat er", "day": months(3).isoformat()})
    # Dropping needs a reason; with one it is kept as the reason.
    refused = owner.post(f"{base}/actions/{ids[2]}/status", data={"status": "dropped"},
                         follow_redirects=True)
    assert b"why" in refused.data
    owner.post(f"{base}/actions/{ids[2]}/status",
               data={"status": "parked", "day": months(4).isoformat()})

    # A Delphi round, into the analysis.
    study, panel_tokens = delphi_round(facilitator)
    export.export_study(hood, study, {c["key"]: c["text"]
                                      for c in export.study_candidates(study)})
    db.session.commit()

    # Twelve months: the last values, and the look-back café rates the actions.
    for indicator_id, figures in zip(indicator_ids, FIGURES, strict=True):
        owner.post(f"{base}/indicators/{indicator_id}/values", data={
            "day": months(12).isoformat(), "value": figures[4], "source": "Buurtbevraging"})
    back, back_tokens, ratings = lookback(facilitator, owner, hood, login, client, join, sio,
                                          list(zip(actions, ids, strict=True)))
    rated = db.session.scalars(select(Update).where(Update.kind == "rating")).all()
    assert {u.action_id: u.detail["progress"] for u in rated} == {
        action_id: ratings[title] for title, action_id in zip(actions, ids, strict=True)}
    assert all(u.day == months(12) and u.session_id == back.id for u in rated)
    # Attaching twice replaces, never doubles.
    owner.post(f"{base}/lookback/{back.id}/attach", data={"day": months(12).isoformat()})
    assert len(db.session.scalars(select(Update).where(Update.kind == "rating")).all()) == 3
    assert db.session.scalar(select(LogLine).where(
        LogLine.action == "trajectory.lookback_attach")) is not None

    secrets = NAMES + tokens + back_tokens + panel_tokens
    data = owner.get(f"{base}/export.json").get_json()
    history = {a["id"]: [(h["day"], h["status"]) for h in a["history"]] for a in data["actions"]}
    assert history[ids[0]] == [(months(0.5).isoformat(), "planned"),
                               (months(1).isoformat(), "started"),
                               (months(3).isoformat(), "done")]
    assert history[ids[2]] == [(months(0.5).isoformat(), "planned"),
                               (months(4).isoformat(), "parked")]
    assert [i["trend"] for i in data["indicators"]] == ["better", "better", "better"]

    # The progress report over the whole year, in each language.
    for language, planned, baseline in (("nl", "gepland", "nulmeting"),
                                        ("fr", "prévu", "situation de départ"),
                                        ("en", "planned", "baseline")):
        query = f"?since={KICKOFF.isoformat()}&until={months(12).isoformat()}&lang={language}"
        docx = owner.get(f"{base}/report.docx{query}")
        assert docx.status_code == 200
        document = Document(io.BytesIO(docx.data))
        text = "\n".join([p.text for p in document.paragraphs] + [
            cell.text for table in document.tables for row in table.rows for cell in row.cells])
        pdf = owner.get(f"{base}/report.pdf{query}")
        reader = PdfReader(io.BytesIO(pdf.data))
        pdf_text = "\n".join(page.extract_text() for page in reader.pages)
        images = sum(len(page.images) for page in reader.pages)
        for body in (text, re.sub(r"\s+", " ", pdf_text)):
            for action in data["actions"]:
                assert action["title"] in body
                for change in action["history"]:
                    assert change["day"] in body
            for indicator in data["indicators"]:
                assert indicator["name"] in body
                assert f"{baseline}: {indicator['baseline']:g}" in body
            assert planned in body
            assert "De buurtmaaltijd ook op zaterdag" in body
            for secret in secrets:
                assert secret not in body
        assert len(document.inline_shapes) == 3 and images >= 3

    # The console shows it all: every action, indicator and the look-back to attach.
    console = owner.get(base + "/").get_data(as_text=True)
    assert all(a["title"] in console for a in data["actions"])
    assert f"/lookback/{back.id}/attach" in console and "Hoe ver staan we?" in console

    # The public page, once published.
    assert owner.post(f"{base}/publish", data={"published": "1"}).status_code == 302
    key = data_key(hood)
    public = app.test_client()
    for language in ("nl", "fr", "en"):
        page = public.get(f"/buurt/{key}?lang={language}").get_data(as_text=True)
        for action in data["actions"]:
            assert action["title"] in page
            for change in action["history"]:
                assert change["day"] in page
        for indicator in data["indicators"]:
            assert f"/buurt/{key}/indicators/{indicator['id']}.svg" in page
            chart = public.get(f"/buurt/{key}/indicators/{indicator['id']}.svg?lang={language}")
            assert chart.status_code == 200 and b"<svg" in chart.data
            assert f"{indicator['baseline']:g}".encode() in chart.data
        for secret in secrets:
            assert secret not in page

    # The API answer matches the OpenAPI document, for the public and for the team.
    doc = public.get("/api/v1/openapi.json").get_json()
    path = "/api/v1/neighbourhoods/{hood_id}/trajectory"
    for reader_client in (public, owner):
        answer = reader_client.get(f"/api/v1/neighbourhoods/{hood.id}/trajectory")
        assert answer.status_code == 200
        assert_matches(doc, path, "get", answer)
        for secret in secrets:
            assert secret not in answer.get_data(as_text=True)


def data_key(hood):
    from cafe.trajectory.models import PublicPage

    db.session.expire_all()
    return db.session.get(PublicPage, hood.id).key
