"""Issue 7, done when: a small session (cards, votes, a canvas, a World Café harvest) and a
Delphi study go into a neighbourhood analysis and out as every report format. The documents
hold the priorities in order with their counts, and no participant name or token anywhere.
Hidden cards stay out; exporting twice adds nothing. The PDF is rendered to PNG (pdftoppm)
into build/report/ so a person can look at it."""

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from cafe.activities import registry
from cafe.activities.registry import ActivityKind
from cafe.extensions import db
from cafe.neighbourhoods import export, services
from cafe.neighbourhoods.models import Finding
from cafe.reports import jobs
from cafe.sessions.models import Activity
from cafe.sessions.plans import available_plans, load_plan
from cafe.sessions.services import create_session
from tests.support.factories import cid

NAMES = ["Fatima El Amrani", "Jozef Peeters", "Mevrouw Janssens", "Karim Benali"]
ROLES = ["resident", "resident", "volunteer", "professional"]
CARDS = ["Eenzaamheid bij ouderen", "Te weinig bankjes op het plein",
         "Geen ontmoetingsplek voor jongeren", "Buurtbewoners koken graag samen"]
BLOCKS = ["social_networks", "policy_advice", "social_networks", "strengths_talents"]
HIDDEN = "geheim verborgen kaartje"

HARVEST = [("insight", "Buren kennen elkaar nog te weinig"),
           ("idea", "Een buurtmaaltijd elke maand"),
           ("question", "Wie neemt het initiatief voor de buurtmaaltijd?")]
CANVAS = [("long_term_change", "Niemand in de buurt voelt zich alleen"),
          ("activities", "Wekelijkse buurtmaaltijd in het dienstencentrum"),
          ("indicators", "Aantal bewoners op de buurtmaaltijd")]
CAFE_SETTINGS = {"tables": ["Tafel 1", "Tafel 2"],
                 "rounds": [{"question": "Wat maakt onze buurt zorgzaam?"}]}
CANVAS_SETTINGS = {"template": "theory-of-change", "scope": "room", "voting": True}


class FixtureKind(ActivityKind):
    """Stands in for a kind missing from the tree, with results in the documented shape."""

    def __init__(self, name, results):
        self.name, self._results = name, results

    def results(self, activity):
        return self._results


FIXTURES = {
    "worldcafe": {"type": "worldcafe", "tables": [{"id": 1, "name": "Tafel 1"}],
                  "rounds": [{"number": 1, "question": CAFE_SETTINGS["rounds"][0]["question"]}],
                  "harvests": [{"table": 1, "round": 1, "items": [
                      {"category": c, "text": t, "on_behalf": False} for c, t in HARVEST]}]},
    "canvas": {"type": "canvas", "template": "theory-of-change", "canvases": [{
        "id": 1, "title": "Veranderingstheorie", "links": [],
        "fields": [{"key": k, "label": k, "items": [{"id": n, "text": t, "votes": 0}]}
                   for n, (k, t) in enumerate(CANVAS, start=1)]}]},
}


def run_session(app, facilitator, client, login, join, sio, monkeypatch) -> dict:
    missing = [name for name in FIXTURES if registry.get(name) is None]
    for name in missing:
        monkeypatch.setitem(registry._kinds, name, FixtureKind(name, FIXTURES[name]))
    plan = load_plan(available_plans()["priorities"], registry.all_kinds())
    session = create_session(facilitator, "Buurtcafé Noord", "nl", plan)
    db.session.commit()  # services flush; the caller commits
    for position, (kind, title, settings) in enumerate((
            ("worldcafe", "Café-dialoog", CAFE_SETTINGS),
            ("canvas", "Veranderingstheorie", CANVAS_SETTINGS)), start=10):
        session.activities.append(Activity(kind=kind, title=title, position=position,
                                           settings=settings))
    db.session.commit()
    ids = {a.kind: a.id for a in session.activities}
    console = sio(session.code, view="console", flask_client=login(client))
    sent = []

    def command(event, **payload):
        sent.append(event)
        answer = console.emit(event, {"cid": cid(f"console{len(sent)}"), **payload},
                              callback=True)
        assert answer["ok"], (event, answer)
        return answer

    command("activity:open", activity=ids["board"])
    tokens = [join(session.code, name=n, role=r) for n, r in zip(NAMES, ROLES, strict=True)]
    phones = [sio(session.code, token=t) for t in tokens]
    cards = []
    for n, text in enumerate(CARDS + [HIDDEN]):
        kind = "talent" if "koken" in text else "need"
        answer = phones[n % 4].emit("card:add", {
            "cid": cid(f"c{n}"), "activity": ids["board"], "type": kind, "text": text,
            "block": BLOCKS[n] if n < len(BLOCKS) else None}, callback=True)
        assert answer["ok"], answer
        cards.append(answer["card"] if isinstance(answer["card"], int) else answer["card"]["id"])
    command("card:hide", card=cards[-1])
    command("activity:open", activity=ids["vote"])
    # Dots per card: 0 gets 4, 1 gets 3, 3 gets 2, 2 gets 1 (EXPECTED).
    allocations = [[0, 1, 3], [0, 1, 2], [0, 1, 3], [0]]
    for n, (phone, picks) in enumerate(zip(phones, allocations, strict=True)):
        answer = phone.emit("vote:cast", {"cid": cid(f"vote{n}"), "activity": ids["vote"],
                                          "allocation": {str(cards[i]): 1 for i in picks}},
                            callback=True)
        assert answer["ok"], answer
    if "worldcafe" not in missing:
        from cafe.activities.worldcafe import queries as cafe

        command("activity:open", activity=ids["worldcafe"])
        command("worldcafe:allocate", activity=ids["worldcafe"])
        table = cafe.tables(db.session.get(Activity, ids["worldcafe"]))[0].id
        for category, text in HARVEST:
            command("worldcafe:harvest", activity=ids["worldcafe"], table=table,
                    category=category, text=text)
    if "canvas" not in missing:
        from cafe.activities.canvas import queries as canvas_queries

        command("activity:open", activity=ids["canvas"])
        sheet = canvas_queries.canvases(db.session.get(Activity, ids["canvas"]))[0].id
        for n, (field, text) in enumerate(CANVAS):
            answer = phones[n].emit("canvas:add", {"cid": cid(f"cv{n}"), "canvas": sheet,
                                                   "field": field, "text": text}, callback=True)
            assert answer["ok"], answer
            for voter in phones[:3 - n]:
                assert voter.emit("canvas:vote", {"cid": cid(f"cvv{n}{phones.index(voter)}"),
                                                  "item": answer["item"]["id"]},
                                  callback=True)["ok"]
    study, panel_tokens = run_delphi(facilitator)
    return {"session": session, "tokens": tokens, "study": study, "panel_tokens": panel_tokens}


def run_delphi(facilitator):
    """Two panels rate three statements: one agreed on, one splitting the room, one open."""
    from cafe.delphi import services as delphi

    study = delphi.create_study(facilitator, "Delphi zorgzame buurt Noord", "nl",
                                ["Projectpartners", "Lokale actoren"], [
                                    ("Ontmoeting", "Een buurtpunt in het dienstencentrum"),
                                    ("Mobiliteit", "Het plein autovrij maken"),
                                    ("Zorg", "Een buurtzorgteam per wijk")])
    panelists = []
    for panel in study.panels:
        panelists += delphi.add_panelists(study, panel.id, 4)
    delphi.open_round(study)
    first, square, team = (s.id for s in study.statements)
    square_ratings = [5, 5, 4, 1, 1, 2, 5, 1]
    square_arguments = ["veiliger voor kinderen", "minder parkeerplaats voor mantelzorgers"]
    for n, panelist in enumerate(panelists):
        answers = [(first, 4 + n % 2, ""), (square, square_ratings[n],
                                            square_arguments[n % 2] if n < 2 else ""),
                   (team, 1 + n % 5, "")]
        for statement, rating, argument in answers:
            delphi.save_answer(panelist, study, statement, {"desirability": rating}, False,
                               argument, cid(f"d{n}-{statement}"))
    db.session.commit()
    return study, [p.token for p in panelists]


ROOT = Path(__file__).resolve().parents[2]
PNG_DIR = ROOT / "build" / "report"
# (text, dots) best first: dots are counted by hand from the allocations in run_session.
EXPECTED = [("Eenzaamheid bij ouderen", 4), ("Te weinig bankjes op het plein", 3),
            ("Buurtbewoners koken graag samen", 2), ("Geen ontmoetingsplek voor jongeren", 1)]


@pytest.fixture
def scenario(app, facilitator, client, login, join, sio, monkeypatch):
    made = run_session(app, facilitator, client, login, join, sio, monkeypatch)
    hood = services.create(facilitator, "Sint-Amandsberg Noord", "Gent",
                           "Een wijk met veel alleenwonende ouderen en weinig ontmoetingsplekken.")
    services.import_figures(hood, "Indicator;Waarde;Eenheid;Bron;Jaar\n"
                                  "Inwoners;8.450;personen;Statbel;2024\n"
                                  "Aandeel 80-plussers;7,5;%;Statbel;2024\n"
                                  "Alleenwonende 65-plussers;1.204;personen;Statbel;2023\n")
    services.add_stakeholder(hood, "OCMW Gent", "lokaal bestuur", "co-decide")
    services.add_stakeholder(hood, "Buurtwerk", "welzijn", "co-create")
    services.add_finding(hood, "experience", "Bewoners voelen zich veilig maar alleen.")
    db.session.commit()
    made["hood"] = hood
    return made


def export_defaults(hood, made) -> None:
    """What the facilitator gets by pressing 'Add to the analysis' without changes."""
    session, study = made["session"], made["study"]
    export.export_session(hood, session, export.everything(export.session_candidates(session)))
    export.export_study(hood, study, export.everything(export.study_candidates(study)))
    db.session.commit()


def build_all(client, hood) -> dict[str, bytes]:
    started = client.post(f"/console/neighbourhoods/{hood.id}/reports", data={"lang": "nl"})
    assert started.status_code == 302
    page = started.headers["Location"]
    jobs.wait(page.rsplit("/", 1)[1])
    status = client.get(page + "/status.json").get_json()
    assert status["state"] == "done", status
    files = {}
    for fmt in ("docx", "pdf", "md", "xlsx", "csv", "json", "png"):
        response = client.get(f"{page}/{fmt}")
        assert response.status_code == 200, fmt
        files[fmt] = response.data
    assert f"{page}/docx" in client.get(page).get_data(as_text=True)
    return files


def docx_text(body: bytes) -> str:
    """Every word in the document: the XML parts themselves, so headers, footers and tables
    are searched too, not only what python-docx exposes as paragraphs."""
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist()
                         if n.endswith(".xml"))


def xlsx_text(body: bytes) -> str:
    book = load_workbook(io.BytesIO(body))
    return "\n".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True)
                     for v in row if v is not None)


def test_every_format_holds_the_priorities_in_order_and_no_names(scenario, client, login):
    hood = scenario["hood"]
    login(client)
    choose = client.get(f"/console/neighbourhoods/{hood.id}/export/{scenario['session'].id}")
    assert choose.status_code == 200
    assert HIDDEN not in choose.get_data(as_text=True)
    export_defaults(hood, scenario)
    files = build_all(client, hood)

    document = Document(io.BytesIO(files["docx"]))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Prioriteit")
    assert [(r.cells[1].text, int(r.cells[2].text)) for r in table.rows[1:]] == EXPECTED
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert any("Consensus en dissensus" in h for h in headings), headings
    assert document.inline_shapes, "the word cloud image is in the document"

    sheet = load_workbook(io.BytesIO(files["xlsx"]))["Prioriteiten"]
    assert [(row[1], row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)] == EXPECTED

    pdf = PdfReader(io.BytesIO(files["pdf"]))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    positions = [pdf_text.index(text) for text, _ in EXPECTED]
    assert positions == sorted(positions)
    for text, dots in EXPECTED:
        line = next(ln for ln in pdf_text.splitlines() if text in ln)
        assert line.rstrip().endswith(str(dots)), line
    for expected in ("Het plein autovrij maken", "minder parkeerplaats voor mantelzorgers",
                     HARVEST[2][1], HARVEST[1][1], CANVAS[0][1], "Inwoners", "OCMW Gent"):
        assert expected in pdf_text, expected

    markdown = files["md"].decode()
    assert markdown.index(EXPECTED[0][0]) < markdown.index(EXPECTED[1][0])
    data = json.loads(files["json"])
    assert [f["text"] for f in data["findings"] if f["section"] == "priority"] == \
        [t for t, _ in EXPECTED]
    rows = list(csv.reader(io.StringIO(files["csv"].decode("utf-8-sig")), delimiter=";"))
    assert [r[2] for r in rows if r[1] == "priority"] == [t for t, _ in EXPECTED]
    assert files["png"].startswith(b"\x89PNG")

    everything = [markdown, files["csv"].decode("utf-8-sig"), files["json"].decode(),
                  pdf_text, docx_text(files["docx"]), xlsx_text(files["xlsx"])]
    secrets = NAMES + scenario["tokens"] + scenario["panel_tokens"] + [HIDDEN]
    for secret in secrets:
        assert not any(secret in text for text in everything), secret
    for secret in secrets:  # and not in the raw bytes either (compressed streams aside)
        assert not any(secret.encode() in body for body in files.values()), secret

    render_pages(files["pdf"])


def render_pages(pdf: bytes) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("pdftoppm is missing: install Debian's poppler-utils (make browser) to "
                    "render the report to PNG")
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for old in PNG_DIR.glob("page-*.png"):
        old.unlink()
    source = PNG_DIR / "report.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(source), str(PNG_DIR / "page")],
                   check=True)
    pages = sorted(PNG_DIR.glob("page-*.png"))
    assert len(pages) >= 2 and all(p.stat().st_size > 20_000 for p in pages)


def test_hidden_cards_stay_out_and_exporting_twice_adds_nothing(scenario):
    hood = scenario["hood"]
    export_defaults(hood, scenario)
    first = db.session.scalars(db.select(Finding.source_key)).all()
    export_defaults(hood, scenario)
    second = db.session.scalars(db.select(Finding.source_key)).all()
    assert sorted(first) == sorted(second)
    assert len(second) == len(set(second))
    texts = db.session.scalars(db.select(Finding.text)).all()
    assert HIDDEN not in texts
    assert all(card in texts for card in CARDS)


def test_the_facilitators_wording_and_choice_are_kept(scenario, client, login):
    hood, session = scenario["hood"], scenario["session"]
    login(client)
    candidates = export.session_candidates(session)
    top = next(c for c in candidates if c["group"] == "priorities")
    dropped = next(c for c in candidates if c["group"] == "cards" and c["section"] == "talent")
    form = {f"use-{c['key']}": "1" for c in candidates if c["key"] != dropped["key"]}
    form |= {f"text-{c['key']}": c["text"] for c in candidates}
    form[f"text-{top['key']}"] = "Eenzaamheid bij ouderen aanpakken"
    url = f"/console/neighbourhoods/{hood.id}/export/{session.id}"
    assert client.post(url, data=form).status_code == 302
    assert client.post(url, data=form).status_code == 302
    rows = db.session.scalars(db.select(Finding).where(Finding.session_id == session.id)).all()
    assert len(rows) == len(candidates) - 1
    renamed = next(f for f in rows if f.source_key == top["key"])
    assert renamed.text == "Eenzaamheid bij ouderen aanpakken"
    assert renamed.source_kind == "vote" and renamed.activity_title
    assert renamed.source_date == session.created_at.date()
    assert dropped["key"] not in {f.source_key for f in rows}
    # The form offers the edited wording next time, not the card's original text.
    assert "Eenzaamheid bij ouderen aanpakken" in client.get(url).get_data(as_text=True)
