"""The report's pure parts: the block model, and the data and document formats it becomes."""

import csv
import io
import json

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from cafe.domain.findings import delphi_participation, from_delphi, from_results
from cafe.domain.report import build
from cafe.reports import data as data_formats
from cafe.reports import documents, pdf
from tests.support.report import SUMMARY, data, finding, labels


def vote_rows(method="dot"):
    return [
        finding("priority", "Bankjes", 1, {"rank": 2, "score": 4, "dots": 4, "method": method,
                                           "voters": 6, "borda": 7, "first_choices": 1},
                key="s1:a2:card5", activity="Stemming"),
        finding("priority", "Eenzaamheid", 0, {"rank": 1, "score": 9, "dots": 9,
                                               "method": method, "voters": 6, "borda": 12,
                                               "first_choices": 4},
                key="s1:a2:card4", activity="Stemming"),
    ]


def table_after(blocks, heading):
    index = next(i for i, b in enumerate(blocks) if b.text == heading)
    return next(b for b in blocks[index:] if b.kind == "table")


def test_priorities_are_ordered_by_rank_with_their_votes():
    blocks = build(data(vote_rows()), labels())
    table = table_after(blocks, "Stemming")
    assert table.headers == ["RANK", "PRIORITY", "COL_DOTS"]
    assert table.rows == [["1", "Eenzaamheid", "9"], ["2", "Bankjes", "4"]]
    assert any(b.text.startswith("6 voted (METHOD_DOT)") for b in blocks)


def test_a_ranking_vote_shows_points_and_first_choices():
    table = table_after(build(data(vote_rows("rank")), labels()), "Stemming")
    assert table.headers[2:] == ["COL_BORDA", "COL_FIRST_CHOICES"]
    assert table.rows[0][2:] == ["12", "4"]


def test_two_votes_make_two_tables():
    second = [dict(f, source={"key": f["source"]["key"].replace("a2", "a9"),
                              "activity": "Tweede stemming"}) for f in vote_rows()]
    blocks = build(data(vote_rows() + second), labels())
    assert table_after(blocks, "Stemming").rows[0][1] == "Eenzaamheid"
    assert table_after(blocks, "Tweede stemming").rows[0][1] == "Eenzaamheid"


def test_cards_by_building_block_and_policy_signals():
    blocks = build(data([finding("need", "Meer toezicht", block="policy_advice"),
                         finding("talent", "Koken", block="social_networks"),
                         finding("need", "Geen bank")]), labels(), wordcloud=b"PNG")
    texts = [b.text for b in blocks]
    assert texts.index("NETWORKS") < texts.index("POLICY ADVICE") < texts.index("NO_BLOCK")
    policy = blocks[next(i for i, t in enumerate(texts) if t.endswith("POLICY")) + 2]
    assert policy.items == ["Meer toezicht"]
    assert [b.image for b in blocks if b.kind == "image"] == [b"PNG"]


def test_empty_analysis_still_says_so():
    blocks = build(data([]), labels())
    assert [b.text for b in blocks if b.kind == "h2"] == [
        "1. CONTEXT", "2. METHOD", "3. POLICY", "4. OPEN_QUESTIONS"]
    assert blocks[-1].items == ["NONE"]


def test_method_counts_roles_over_sessions_and_panels():
    rows = [finding("participation", "Café 1", detail={"joined": 3,
                                                       "by_role": {"resident": 2, "other": 1}},
                    key="s1:participation", date="2026-03-01"),
            finding("participation", "Café 2", detail={"joined": 2, "by_role": {"resident": 2}},
                    key="s2:participation"),
            finding("participation", "Delphi", detail={"delphi": True,
                                                       "by_panel": {"Partners": 5}},
                    key="d1:participation")]
    blocks = build(data(rows), labels())
    assert table_after(blocks, "BY_ROLE").rows == [["Residents", "4"], ["other", "1"],
                                                   ["TOTAL", "5"]]
    assert table_after(blocks, "BY_PANEL").rows == [["Partners", "5"]]
    assert table_after(blocks, "2. METHOD").rows[0] == ["Café 1", "KIND_SESSION", "2026-03-01",
                                                        "3"]


def test_delphi_dissent_reports_both_sides_and_the_arguments():
    candidates = from_delphi(SUMMARY, "d1")
    assert [c["section"] for c in candidates] == ["dissent", "consensus"]
    assert delphi_participation(SUMMARY) == {"Partners": 6, "Bewoners": 4}
    rows = [finding(c["section"], c["text"], c["position"], c["detail"], key=c["key"])
            for c in candidates]
    blocks = build(data(rows), labels())
    table = next(b for b in blocks if b.kind == "table" and b.headers[0] == "STATEMENT")
    assert table.rows == [["Buurtpunt", "CONSENSUS", "5", "0.5", "90%", "9"],
                          ["Autovrij plein", "DISSENT", "3", "3", "50%", "10"]]
    views = blocks[[b.text for b in blocks].index("Autovrij plein") + 1].items
    assert views[0] == "5/10 for, 5 against"
    assert "Partners: 4.5; Bewoners: 1.5" in views[1]
    assert "“te weinig parking”" in views and "“veiliger”" in views


def test_delphi_arguments_for_and_against_are_grouped_in_the_report():
    summary = {"round": 2, "statements": [dict(SUMMARY["statements"][0], arguments=[
        {"text": "te weinig parking", "stance": "against"},
        {"text": "veiliger voor kinderen", "stance": "for"},
        {"text": "hangt ervan af", "stance": ""},
        {"text": "meer groen", "stance": "for"}])]}
    candidate = from_delphi(summary, "d1")[0]
    assert candidate["detail"]["arguments_for"] == ["veiliger voor kinderen", "meer groen"]
    assert candidate["detail"]["arguments_against"] == ["te weinig parking"]
    rows = [finding(candidate["section"], candidate["text"], 0, candidate["detail"],
                    key=candidate["key"])]
    blocks = build(data(rows), labels())
    views = blocks[[b.text for b in blocks].index("Autovrij plein") + 1].items
    assert views[-4:] == ["ARGUMENT_FOR “veiliger voor kinderen”", "ARGUMENT_FOR “meer groen”",
                          "ARGUMENT_AGAINST “te weinig parking”", "“hangt ervan af”"]


def test_results_of_every_documented_kind_become_candidates():
    board = {"type": "board", "themes": [{"id": 1, "title": "Ontmoeting", "card_ids": [3]}],
             "cards": [{"id": 3, "type": "need", "text": "Bank", "building_block": None,
                        "theme_id": 1, "merged_from": [4], "entered_by": "participant"}]}
    vote = {"type": "vote", "method": "dot", "target": "cards", "voters": 3,
            "ranking": [{"id": 3, "target": "card", "text": "Bank", "score": 5, "rank": 1,
                         "tied": False, "dots": 5}] * 12}
    cafe = {"type": "worldcafe", "tables": [{"id": 1, "name": "T1"}],
            "rounds": [{"number": 1, "question": "Q?"}],
            "harvests": [{"table": 1, "round": 1, "items": [
                {"category": "question", "text": "Wie?", "on_behalf": True}]}]}
    canvas = {"type": "canvas", "template": "icamo", "canvases": [{
        "id": 2, "title": "ICAMO", "links": [],
        "fields": [{"key": "context", "label": "Context",
                    "items": [{"id": 9, "text": "Oud", "votes": 2}]}]}]}
    cards = from_results(board, "s1:a1")
    assert cards[0]["detail"] == {"theme": "Ontmoeting", "merged": 1}
    priorities = from_results(vote, "s1:a2")
    assert [c["default"] for c in priorities].count(True) == 10  # the top ten are ticked
    assert from_results(cafe, "s1:a3")[0]["section"] == "question"
    assert from_results(canvas, "s1:a4")[0]["detail"]["field"] == "Context"
    assert from_results({"type": "info"}, "s1:a5") == []
    assert from_results({}, "s1:a6") == []
    keys = [c["key"] for c in cards + from_results(cafe, "s1:a3") + from_results(canvas, "s1:a4")]
    assert len(keys) == len(set(keys))


def full_data():
    rows = vote_rows() + [finding("need", "Meer toezicht | veilig", block="policy_advice"),
                          finding("experience", "Rustig maar eenzaam", key="mabc")]
    return data(rows, figures=[{"name": "Inwoners", "value": "8450", "unit": "", "source":
                                "Statbel", "year": 2024},
                               {"name": "Aandeel 80+", "value": "7.5", "unit": "%",
                                "source": "", "year": None}],
                stakeholders=[{"name": "OCMW", "type": "bestuur", "level": "co-decide"}])


def test_data_formats_keep_priorities_in_order():
    d = full_data()
    as_json = json.loads(data_formats.to_json(d))
    assert as_json["findings"][0]["text"] == "Bankjes"  # as stored: JSON is the raw data
    rows = list(csv.reader(io.StringIO(data_formats.to_csv(d).decode("utf-8-sig")),
                           delimiter=";"))
    assert [(r[2], r[5]) for r in rows if r[1] == "priority"] == [("Eenzaamheid", "9"),
                                                                  ("Bankjes", "4")]
    book = load_workbook(io.BytesIO(data_formats.to_xlsx(d, labels())))
    sheet = book["PRIORITIES"]
    assert [r[:3] for r in sheet.iter_rows(min_row=2, values_only=True)] == [
        (1, "Eenzaamheid", 9), (2, "Bankjes", 4)]
    figures = [r[:2] for r in book["FIGURES"].iter_rows(min_row=2, values_only=True)]
    assert figures == [("Inwoners", 8450), ("Aandeel 80+", 7.5)]  # numbers, not text


def test_documents_render_the_same_blocks():
    blocks = build(full_data(), labels(), wordcloud=None)
    markdown = documents.to_markdown(blocks)
    assert "| 1 | Eenzaamheid | 9 |" in markdown
    assert "Meer toezicht \\| veilig" not in markdown  # bullets need no escaping
    document = Document(io.BytesIO(documents.to_docx(blocks, footer="Noord")))
    assert any(t.rows[1].cells[1].text == "Eenzaamheid" for t in document.tables)
    reader = PdfReader(io.BytesIO(pdf.to_pdf(blocks, footer="Noord", header="Noord")))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert text.index("Eenzaamheid") < text.index("Bankjes")
    assert "Rustig maar eenzaam" in text


def test_pdf_handles_every_script_the_city_speaks():
    blocks = build(data([finding("need", "Éénzaamheid — œuvre, ça; Ğ; مرحبا; Ελλάδα")]),
                   labels())
    text = PdfReader(io.BytesIO(pdf.to_pdf(blocks))).pages[0].extract_text()
    assert "Éénzaamheid" in text and "œuvre" in text


def test_the_word_cloud_is_drawn_even_without_the_board_kind(monkeypatch):
    import sys

    from PIL import Image

    from cafe.reports import wordcloud

    texts = ["Eenzaamheid bij ouderen", "Eenzaamheid en armoede", "Buren koken samen"]
    with_board = wordcloud.render(texts, 400, 225)
    monkeypatch.setitem(sys.modules, "cafe.activities.board.wordcloud", None)  # import fails
    without = wordcloud.render(texts, 400, 225)
    for png in (with_board, without):
        image = Image.open(io.BytesIO(png))
        assert image.size == (400, 225)
        assert image.convert("L").getextrema()[0] < 128  # words drawn, not a blank image
    assert wordcloud.render(["  ", ""]) is None


def test_xlsx_participants_column_counts_the_voters_of_each_priority():
    """Not the vote's total on every row: 3 people gave dots to one card, 1 to another."""
    from cafe.domain.tally import Ballot, Item, tally

    for method, ballots in (
        ("dot", [Ballot(voter=v, item=1, dots=1) for v in (1, 2, 3)]
         + [Ballot(voter=4, item=2, dots=2)]),
        ("rank", [Ballot(voter=v, item=1, position=1) for v in (1, 2, 3)]
         + [Ballot(voter=4, item=2, position=1)]),
        ("rate", [Ballot(voter=v, item=1, importance=5, urgency=5) for v in (1, 2, 3)]
         + [Ballot(voter=4, item=2, importance=1, urgency=1)]),
    ):
        counted = tally(method, [Item(1, "Eenzaamheid"), Item(2, "Bankjes")], ballots)
        results = {"type": "vote", "method": method, "target": "cards", **counted}
        findings = [{**f, "building_block": None, "source": {"key": f["key"]}}
                    for f in from_results(results, "s1:a2")]
        book = load_workbook(io.BytesIO(data_formats.to_xlsx(data(findings), labels())))
        header, *rows = book["PRIORITIES"].iter_rows(values_only=True)
        column = header.index("PARTICIPANTS")
        assert [(r[1], r[column]) for r in rows] == [("Eenzaamheid", 3), ("Bankjes", 1)], method
