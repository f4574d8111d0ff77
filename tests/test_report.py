"""The report's pure parts: reading figures from statistics CSV files, and the block model."""

import pytest

from cafe.domain.figures import FigureError, normalise_number, parse_figures
from cafe.domain.report import build


def test_belgian_csv_with_semicolons_and_decimal_commas():
    rows = parse_figures(
        "Naam;Waarde;Eenheid;Bron;Jaar\n"
        "Inwoners;12.345;personen;Statbel;2024\n"
        "Aandeel 80-plussers;7,5;%;Statbel;2024\n"
        "Groene ruimte;1.234,5;m²;Gemeente;2023\n"
    )
    assert [r["value"] for r in rows] == ["12345", "7.5", "1234.5"]
    assert rows[0] == {"name": "Inwoners", "value": "12345", "unit": "personen",
                       "source": "Statbel", "year": 2024}


def test_comma_separated_english_headers_and_text_values():
    rows = parse_figures("name,value,unit\nMeeting places,three,\nIncome,\"1,234.5\",EUR\n")
    assert [r["value"] for r in rows] == ["three", "1234.5"]


@pytest.mark.parametrize("text", ["", "foo;bar\n1;2\n", "name;value\n;3\n"])
def test_bad_files_say_what_is_wrong(text):
    with pytest.raises(FigureError):
        parse_figures(text)


def test_numbers():
    assert normalise_number("1 234,5") == "1234.5"
    assert normalise_number("1,234.5", decimal_comma=False) == "1234.5"
    assert normalise_number("n.v.t.") == "n.v.t."


def _labels():
    words = [
        "title", "context", "figure", "value", "unit", "source", "year", "method",
        "method_text", "role", "count", "total", "priorities", "rank", "priority", "votes",
        "needs_talents", "no_block", "need", "talent", "wordcloud", "harvests", "canvases",
        "consensus_dissent", "consensus", "dissent", "undecided", "arguments", "policy",
        "open_questions", "stakeholders", "name", "kind", "level", "none", "findings",
        "figures",
    ]
    labels = {w: w.upper() for w in words}
    labels.update(roles={}, blocks={"policy_advice": "POLICY"}, levels={})
    return labels


def test_blocks_order_priorities_by_rank_and_group_by_building_block():
    data = {
        "neighbourhood": {"name": "Noord", "municipality": "Gent"},
        "findings": [
            {"section": "priority", "text": "Bankjes", "position": 2,
             "detail": {"rank": 2, "score": 4}},
            {"section": "priority", "text": "Eenzaamheid", "position": 1,
             "detail": {"rank": 1, "score": 9}},
            {"section": "need", "text": "Meer toezicht", "building_block": "policy_advice"},
            {"section": "dissent", "text": "Autovrij plein",
             "detail": {"arguments": ["te weinig parking", "veiliger"]}},
        ],
    }
    blocks = build(data, _labels())
    table = next(b for b in blocks if b.kind == "table" and b.headers[0] == "RANK")
    assert [row[1] for row in table.rows] == ["Eenzaamheid", "Bankjes"]
    assert [row[2] for row in table.rows] == ["9", "4"]
    policy = blocks[[b.text for b in blocks].index("POLICY") + 1]
    assert policy.items == ["Need: Meer toezicht".replace("Need", "NEED")]
    dissent = next(b for b in blocks if b.kind == "bullets" and "Autovrij" in str(b.items))
    assert "te weinig parking" in dissent.items[0]
