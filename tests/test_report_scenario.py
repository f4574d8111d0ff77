"""A small session goes into a neighbourhood analysis and out as every report format."""

import csv
import io
import json
import shutil
import subprocess

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from cafe.activities import registry
from cafe.extensions import db
from cafe.neighbourhoods import services
from cafe.neighbourhoods.models import Finding
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from tests.support.factories import cid

NAMES = ["Fatima", "Jozef", "Mevrouw Janssens", "Karim"]
CARDS = ["Eenzaamheid bij ouderen", "Te weinig bankjes op het plein",
         "Geen ontmoetingsplek voor jongeren", "Buurtbewoners koken graag samen"]


@pytest.fixture
def scenario(app, facilitator, client, login, join, sio):
    plan = load_plan(available_plans()["priorities"], registry.all_kinds())
    session = create_session(facilitator, "Buurtcafé Noord", "nl", plan)
    board, vote = (a.id for a in session.activities if a.kind in ("board", "vote"))
    console = sio(session.code, view="console", flask_client=login(client))
    assert console.emit("activity:open", {"cid": cid("ob"), "activity": board}, callback=True)["ok"]
    tokens = [join(session.code, name=n, role=r) for n, r in
              zip(NAMES, ["resident", "resident", "volunteer", "professional"], strict=True)]
    phones = [sio(session.code, token=t) for t in tokens]
    cards = []
    for n, text in enumerate(CARDS + ["geheim verborgen kaartje"]):
        kind = "talent" if "koken" in text else "need"
        answer = phones[n % 4].emit("card:add", {"cid": cid(f"c{n}"), "activity": board,
                                                 "type": kind, "text": text}, callback=True)
        assert answer["ok"], answer
        cards.append(answer["card"] if isinstance(answer["card"], int) else answer["card"]["id"])
    hidden = cards[-1]
    assert console.emit("card:hide", {"cid": cid("h"), "card": hidden}, callback=True)["ok"]
    console.emit("activity:open", {"cid": cid("ov"), "activity": vote}, callback=True)
    # Dots: card 0 gets 4, card 1 gets 3, card 2 gets 1, card 3 gets 2.
    allocations = [[0, 1, 3], [0, 1, 2], [0, 1, 3], [0]]
    for n, (phone, picks) in enumerate(zip(phones, allocations, strict=True)):
        answer = phone.emit("vote:cast", {"cid": cid(f"vote{n}"), "activity": vote,
                                          "allocation": {str(cards[i]): 1 for i in picks}},
                            callback=True)
        assert answer["ok"], answer
    hood = services.create(facilitator, "Noord", "Gent", "Een wijk met veel ouderen.")
    services.import_figures(hood, "naam;waarde;eenheid;bron;jaar\nInwoners;8.450;;Statbel;2024\n")
    services.add_stakeholder(hood, "OCMW", "lokaal bestuur", "co_decide")
    db.session.commit()
    return {"session": session, "hood": hood, "tokens": tokens, "hidden": hidden}


def delphi_summary(session):
    """A real (small) Delphi round: agreement on one statement, a split on the other."""
    from cafe.auth.models import Facilitator
    from cafe.delphi import services as delphi

    owner = db.session.get(Facilitator, session.facilitator_id)
    study = delphi.create_study(owner, "Delphi Noord", "nl", ["Partners"], [
        ("Intervention", "Een buurtpunt in het dienstencentrum"),
        ("Context", "Het plein autovrij maken")])
    panelists = delphi.add_panelists(study, study.panels[0].id, 6)
    delphi.open_round(study)
    for n, panelist in enumerate(panelists):
        delphi.save_answer(panelist, study, study.statements[0].id, {"desirability": 5}, False,
                           "", f"a{n}")
        delphi.save_answer(panelist, study, study.statements[1].id,
                           {"desirability": 1 if n % 2 else 5}, False,
                           "minder parkeerplaats voor mantelzorgers" if n % 2 else
                           "veiliger voor kinderen", f"b{n}")
    return delphi.summary(study)


def _export_all(hood, session, summary):
    chosen = {c["key"]: c["text"] for c in services.candidates(session)}
    services.export_session(hood, session, chosen)
    services.export_delphi(hood, summary, "Delphi Noord, ronde 1", "delphi1")
    db.session.commit()


def test_every_format_has_the_priorities_in_order_and_no_names(scenario, client, login, tmp_path):
    hood, session = scenario["hood"], scenario["session"]
    login(client)
    page = client.get(f"/console/neighbourhoods/{hood.id}/export/{session.id}")
    assert page.status_code == 200 and "geheim" not in page.get_data(as_text=True)
    _export_all(hood, session, delphi_summary(session))
    expected = [("Eenzaamheid bij ouderen", 4), ("Te weinig bankjes op het plein", 3),
                ("Buurtbewoners koken graag samen", 2)]
    files = {}
    for fmt in ("docx", "pdf", "md", "xlsx", "csv", "json"):
        response = client.get(f"/console/neighbourhoods/{hood.id}/report.{fmt}?lang=nl")
        assert response.status_code == 200, fmt
        files[fmt] = response.data
        (tmp_path / f"report.{fmt}").write_bytes(response.data)

    docx = Document(io.BytesIO(files["docx"]))
    table = next(t for t in docx.tables if t.rows[0].cells[1].text == "Prioriteit")
    rows = [(r.cells[1].text, int(r.cells[2].text)) for r in table.rows[1:4]]
    assert rows == expected
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(files["pdf"])).pages)
    positions = [pdf_text.index(text) for text, _ in expected]
    assert positions == sorted(positions)
    assert "Consensus" in pdf_text and "Het plein autovrij maken" in pdf_text
    sheet = load_workbook(io.BytesIO(files["xlsx"]))["Prioriteiten"]
    values = [(row[1], row[2]) for row in sheet.iter_rows(min_row=2, max_row=4, values_only=True)]
    assert values == expected
    data = json.loads(files["json"])
    assert [f["text"] for f in data["findings"] if f["section"] == "priority"][:3] == \
        [t for t, _ in expected]
    assert any(r[0] == "figure" for r in csv.reader(io.StringIO(files["csv"].decode()),
                                                    delimiter=";"))
    everything = [files["md"].decode(), files["csv"].decode(), files["json"].decode(), pdf_text,
                  "\n".join(p.text for p in docx.paragraphs),
                  "\n".join(c.text for t in docx.tables for r in t.rows for c in r.cells)]
    for secret in NAMES + scenario["tokens"] + ["geheim verborgen kaartje"]:
        assert not any(secret in text for text in everything), secret

    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(tmp_path / "report.pdf"),
                        str(tmp_path / "page")], check=True)
        assert (tmp_path / "page-1.png").stat().st_size > 10_000


def test_exporting_twice_does_not_duplicate(scenario):
    hood, session = scenario["hood"], scenario["session"]
    summary = delphi_summary(session)
    _export_all(hood, session, summary)
    first = db.session.scalar(db.select(db.func.count()).select_from(Finding))
    _export_all(hood, session, summary)
    assert db.session.scalar(db.select(db.func.count()).select_from(Finding)) == first
    texts = db.session.scalars(db.select(Finding.text)).all()
    assert "geheim verborgen kaartje" not in texts


def test_other_facilitators_cannot_see_an_analysis(scenario, app, login):
    from cafe.auth.services import create_facilitator
    from tests.support.factories import FACILITATOR_PASSWORD

    create_facilitator("bert", FACILITATOR_PASSWORD)
    other = login(app.test_client(), "bert")
    hood = scenario["hood"]
    assert other.get(f"/console/neighbourhoods/{hood.id}").status_code == 404
    assert other.get(f"/console/neighbourhoods/{hood.id}/report.pdf").status_code == 404
