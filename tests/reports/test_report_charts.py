"""The report's charts, captions, Arabic and page breaks, as the steering committee sees them
in the DOCX and the PDF. Built from plain data: no server."""

import io
import re

from docx import Document
from pypdf import PdfReader

from cafe.domain.findings import from_delphi
from cafe.domain.report import build
from cafe.reports import documents, pdf
from tests.support.report import SUMMARY, data, finding, labels


def priorities(n=30):
    """A real café's vote: 30 items, best first."""
    return [finding("priority", f"Prioriteit {i}", i,
                    {"rank": i + 1, "score": 40 - i, "dots": 40 - i, "method": "dot",
                     "voters": 38}, key=f"s1:a2:card{i}", activity="Stemming")
            for i in range(n)]


def participation():
    return [finding("participation", "Café", detail={"joined": 38, "by_role": {
        "resident": 20, "volunteer": 8, "professional": 6, "other": 4}}, key="s1:participation")]


def delphi_with_two_rounds():
    summary = {**SUMMARY, "statements": [
        {**statement, "stability": {"median_change": 0.5, "iqr_change": -1,
                                    "previous_distribution": {"1": 2, "2": 3, "3": 3, "4": 1}}}
        for statement in SUMMARY["statements"]]}
    return [finding(c["section"], c["text"], c["position"], c["detail"], key=c["key"])
            for c in from_delphi(summary, "d1")]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_chart_is_an_image_in_the_docx_with_its_caption_in_the_pdf():
    blocks = build(data(priorities() + participation() + delphi_with_two_rounds()), labels())
    charts = [b for b in blocks if b.kind == "chart"]
    assert [c.chart["type"] for c in charts] == ["bars", "bars", "distributions"]
    assert [c.text for c in charts] == ["CHART_N CHART_ROLES", "CHART_N CHART_PRIORITIES",
                                        "CHART_N CHART_DELPHI_SHIFT"]
    assert charts[2].chart["rows"][0]["previous"] == {"1": 2, "2": 3, "3": 3, "4": 1}

    document = Document(io.BytesIO(documents.to_docx(blocks, footer="Noord")))
    assert len(document.inline_shapes) == len(charts)
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [c.text for c in charts]

    reader = PdfReader(io.BytesIO(pdf.to_pdf(blocks, footer="Noord", header="Noord")))
    text = flat("\n".join(page.extract_text() for page in reader.pages))
    assert text.count("CHART_N") == len(charts)
    for chart in charts:
        assert flat(chart.text) in text
    assert sum(len(page.images) for page in reader.pages) == len(charts)


def test_charts_are_numbered_with_real_words():
    words = labels()
    words.update(chart_n="Grafiek %(n)s:", chart_roles="Deelnemers per rol.")
    blocks = build(data(participation() + priorities(5)), words)
    assert [b.text for b in blocks if b.kind == "chart"][0] == "Grafiek 1: Deelnemers per rol."


def test_no_chart_without_numbers():
    blocks = build(data([finding("need", "Bank")]), labels())
    assert not [b for b in blocks if b.kind == "chart"]


ARABIC_NEED = "نحتاج إلى مقاعد في الحديقة"
ARABIC_TITLE = "تحليل الحي"


def test_arabic_is_shaped_right_to_left_and_extracts_in_logical_order():
    words = labels()
    words.update(title=ARABIC_TITLE, need="حاجة")
    blocks = build(data([finding("need", ARABIC_NEED), *priorities(3)]), words)
    body = pdf.to_pdf(blocks, footer=ARABIC_TITLE, header=ARABIC_TITLE, language="ar")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    # Unshaped, the glyphs would extract in visual order: the sentence reversed.
    assert ARABIC_NEED in text
    assert ARABIC_NEED[::-1] not in text
    assert f"{ARABIC_TITLE}: Noord" in text or f"Noord :{ARABIC_TITLE}" in text


def test_arabic_in_a_dutch_report_is_shaped_too():
    blocks = build(data([finding("need", ARABIC_NEED), finding("need", "Een bank")]), labels())
    text = PdfReader(io.BytesIO(pdf.to_pdf(blocks))).pages[0].extract_text()
    assert ARABIC_NEED in text and "Een bank" in text


def test_emoji_the_font_lacks_are_marked_not_dropped():
    blocks = build(data([finding("need", "Samen koken 🎉 met 👍🏽 buren")]), labels())
    text = PdfReader(io.BytesIO(pdf.to_pdf(blocks, mark="emoji"))).pages[0].extract_text()
    assert "[emoji: party popper]" in text
    assert "[emoji: thumbs up sign]" in text
    assert "Samen koken" in text and "buren" in text


def test_no_heading_is_left_alone_at_the_foot_of_a_page():
    # Headings with texts of every length, so that some would fall at a page's foot.
    rows = []
    for i in range(45):
        rows.append(finding("harvest", "Lang verhaal over de buurt " * (1 + i % 9), i,
                            {"question": f"VRAAG-{i}"}, key=f"s1:a3:h{i}"))
    blocks = build(data(rows), labels())
    reader = PdfReader(io.BytesIO(pdf.to_pdf(blocks, footer="VOET", header="KOP")))
    assert len(reader.pages) > 3
    for page in reader.pages:
        lines = [line for line in page.extract_text().splitlines()
                 if line.strip() and "VOET" not in line and "KOP" not in line]
        assert not lines[-1].startswith(("VRAAG-", "4. ")), lines[-3:]


def test_chart_labels_mark_emoji_too(monkeypatch):
    from cafe.reports import charts

    drawn = []
    real = charts._label
    monkeypatch.setattr(charts, "_label", lambda *a, **k: drawn.append(real(*a, **k)) or "x")
    rows = [finding("priority", "Samen koken 🎉", 0, {"rank": 1, "score": 5, "dots": 5,
                                                    "method": "dot", "voters": 5},
                    key="s1:a2:card1", activity="Stemming")]
    words = labels()
    words.update(emoji="emoji")
    chart = next(b for b in build(data(rows), words) if b.kind == "chart")
    assert chart.chart["mark"] == "emoji"
    charts.render(chart.chart)
    assert "Samen koken [emoji: party popper]" in drawn
