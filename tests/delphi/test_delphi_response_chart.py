"""The Delphi response rate as a chart: per round, one bar per panel with answered/panelists
beside it, in the report's DOCX and PDF right after its table, and on the console study page."""

import io
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader

from cafe.delphi import console, services
from cafe.domain import report_charts
from cafe.domain.report import build
from cafe.extensions import db
from cafe.neighbourhoods.export import study_candidates
from cafe.reports import charts, documents, pdf
from tests.support.delphi import answer, tokens
from tests.support.report import data, finding, labels

ROUNDS = [
    {"round": 1, "panels": [{"name": "Projectpartners", "answered": 9, "size": 12},
                            {"name": "Lokale actoren", "answered": 14, "size": 20}]},
    {"round": 2, "panels": [{"name": "Projectpartners", "answered": 7, "size": 12},
                            {"name": "Lokale actoren", "answered": 20, "size": 20},
                            {"name": "Nog leeg", "answered": 0, "size": 0}]},
]


def dutch():
    words = labels()
    words.update(response="Respons per ronde en panel", round_n="Ronde %(n)s",
                 chart_n="Grafiek %(n)s:", chart_response="Respons van “%(study)s”.")
    return words


def delphi_finding(rounds=ROUNDS):
    return finding("participation", "Delphi Noord", detail={
        "delphi": True, "by_panel": {"Projectpartners": 7, "Lokale actoren": 20},
        "response": rounds}, key="d1:participation")


def test_the_chart_has_a_bar_and_a_count_per_panel_in_each_round():
    spec = report_charts.response(ROUNDS, "Panelleden die antwoordden (%)", "Ronde %(n)s")
    axes = charts.response_figure(spec).axes[0]
    bars = [patch for container in axes.containers for patch in container]
    # Two rounds of two panels: the panel without panelists has no bar.
    assert len(bars) == 4
    assert [round(bar.get_width(), 1) for bar in bars] == [75.0, 70.0, 58.3, 100.0]
    counts = [text.get_text() for text in axes.texts if "/" in text.get_text()]
    assert counts == ["9/12", "14/20", "7/12", "20/20"]
    assert [t.get_text() for t in axes.get_yticklabels()] == [
        "Projectpartners", "Lokale actoren", "Projectpartners", "Lokale actoren"]
    assert [t.get_text() for t in axes.texts if t.get_text().startswith("Ronde")] == [
        "Ronde 1", "Ronde 2"]
    # A panel keeps its colour from round to round, and the two panels differ.
    assert bars[0].get_facecolor() == bars[2].get_facecolor() != bars[1].get_facecolor()
    assert axes.get_xlabel() == "Panelleden die antwoordden (%)"
    assert charts.render(spec).startswith(b"\x89PNG")


def test_no_chart_before_anyone_is_on_a_panel():
    assert report_charts.response([{"round": 1, "panels": [
        {"name": "Partners", "answered": 0, "size": 0}]}], "x", "Ronde %(n)s") is None
    blocks = build(data([delphi_finding([])]), dutch())
    assert not [b for b in blocks if b.kind == "chart"]


def test_the_report_keeps_the_table_and_puts_the_chart_after_it():
    blocks = build(data([delphi_finding()]), dutch())
    start = next(i for i, b in enumerate(blocks) if b.text == "Respons per ronde en panel")
    table, chart = blocks[start + 1], blocks[start + 2]
    assert table.kind == "table" and chart.kind == "chart"
    assert table.rows == [["Ronde 1", "Projectpartners", "9/12", "75%"],
                          ["Ronde 1", "Lokale actoren", "14/20", "70%"],
                          ["Ronde 2", "Projectpartners", "7/12", "58%"],
                          ["Ronde 2", "Lokale actoren", "20/20", "100%"]]
    assert chart.text == "Grafiek 1: Respons van “Delphi Noord”."
    assert chart.chart["type"] == "response"


def test_the_docx_has_the_picture_after_the_response_heading():
    blocks = build(data([delphi_finding()]), dutch())
    document = Document(io.BytesIO(documents.to_docx(blocks, footer="Noord")))
    body = list(document.element.body.iterchildren())

    def text(element):
        return "".join(t.text or "" for t in element.iter(qn("w:t")))

    heading = next(i for i, e in enumerate(body) if text(e) == "Respons per ronde en panel")
    after = body[heading + 1:]
    assert after[0].tag == qn("w:tbl")  # the table first: the accessible version
    picture = next(i for i, e in enumerate(after) if list(e.iter(qn("w:drawing"))))
    assert text(after[picture + 1]) == "Grafiek 1: Respons van “Delphi Noord”."
    assert len(document.inline_shapes) == 1


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler's pdftoppm")
def test_the_pdf_page_shows_the_chart(tmp_path):
    blocks = build(data([delphi_finding()]), dutch())
    body = pdf.to_pdf(blocks, footer="Noord", header="Noord", language="nl")
    reader = PdfReader(io.BytesIO(body))
    page = next(n for n, p in enumerate(reader.pages, 1)
                if "Respons van" in p.extract_text())
    assert "Respons per ronde en panel" in reader.pages[page - 1].extract_text()
    assert len(reader.pages[page - 1].images) == 1
    (tmp_path / "report.pdf").write_bytes(body)
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "50", "-png",
                    "-singlefile", str(tmp_path / "report.pdf"), str(tmp_path / "page")],
                   check=True, timeout=60)
    with Image.open(tmp_path / "page.png") as image:
        colours = {colour for _, colour in image.convert("RGB").getcolors(1 << 20)}
    # The two panels' bars are on the page: the dark teal and the orange.
    assert any(abs(r - 0x0b) + abs(g - 0x5e) + abs(b - 0x55) < 30 for r, g, b in colours)
    assert any(abs(r - 0xe6) + abs(g - 0x9f) + abs(b - 0x00) < 30 for r, g, b in colours)


def _panel_tokens(study, index):
    return [t for t, p in tokens(study).items() if p.panel_id == study.panels[index].id]


def test_a_study_carries_its_response_per_round_into_the_report(study, client):
    services.open_round(study)
    db.session.commit()
    first = study.statements[0].id
    for token in _panel_tokens(study, 0)[:9]:
        answer(client, token, first, {"desirability": 4})
    for token in _panel_tokens(study, 1)[:3]:
        answer(client, token, first, no_opinion=True)
    services.open_round(study)
    db.session.commit()
    for token in _panel_tokens(study, 0)[:6]:
        answer(client, token, first, {"desirability": 5})
    detail = study_candidates(study)[0]["detail"]
    assert detail["response"] == [
        {"round": 1, "panels": [{"name": "Projectpartners", "answered": 9, "size": 12},
                                {"name": "Lokale actoren", "answered": 3, "size": 12}]},
        {"round": 2, "panels": [{"name": "Projectpartners", "answered": 6, "size": 12},
                                {"name": "Lokale actoren", "answered": 0, "size": 12}]}]


def test_the_console_shows_the_response_as_bars_with_the_numbers(study, client,
                                                                   login):
    services.open_round(study)
    db.session.commit()
    for token in _panel_tokens(study, 0)[:9]:
        answer(client, token, study.statements[0].id, {"desirability": 4})
    login(client)
    page = client.get(f"/console/delphi/{study.id}").get_data(as_text=True)
    assert page.count("<svg class=\"response-chart") == 1
    chart = page.split('aria-labelledby="response-chart-t"', 1)[1].split("</svg>", 1)[0]
    assert chart.count('class="response-bar"') == 2
    assert "9/12 (75%)" in chart and "0/12 (0%)" in chart
    assert "Projectpartners" in chart and "Lokale actoren" in chart
    # The per-day table is still there beside it.
    assert page.index("response-chart-t") < page.index("<table", page.index("rates-title"))


def test_the_report_labels_are_dutch_and_french(app):
    from flask_babel import force_locale

    from cafe.reports.labels import report_labels

    with app.test_request_context():
        with force_locale("nl"):
            nl = report_labels()
        with force_locale("fr"):
            fr = report_labels()
    assert nl["response"] == "Respons per ronde en panel"
    assert fr["response"] == "Taux de réponse par tour et par panel"
    assert nl["round_n"] % {"n": 2} == "Ronde 2"
    assert "%(study)s" in fr["chart_response"] and fr["chart_response"] != nl["chart_response"]
    assert console.response_bars([]) is None
