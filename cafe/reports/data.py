"""The analysis as data: XLSX (openpyxl), CSV and JSON. Never names or tokens: only what the
analysis holds, which is built from anonymous results."""

import csv
import io
import json

FINDING_COLUMNS = ("section", "position", "text", "building_block", "source_label")


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode()


def to_csv(data: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(("table", *FINDING_COLUMNS, "value", "unit", "year"))
    for figure in data.get("figures", []):
        writer.writerow(("figure", "", "", figure["name"], "", figure.get("source", ""),
                         figure["value"], figure.get("unit", ""), figure.get("year") or ""))
    for finding in data.get("findings", []):
        writer.writerow(("finding", *(finding.get(c) or "" for c in FINDING_COLUMNS),
                         (finding.get("detail") or {}).get("score", ""), "", ""))
    for person in data.get("stakeholders", []):
        writer.writerow(("stakeholder", person["level"], "", person["name"], "",
                         person.get("kind", ""), "", "", ""))
    return ("\ufeff" + out.getvalue()).encode()  # the BOM makes Excel read UTF-8


def to_xlsx(data: dict, labels: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheets = [
        (labels["priorities"], ("rank", "text", "score", "source_label"),
         [dict(f, **{"rank": (f.get("detail") or {}).get("rank"),
                     "score": (f.get("detail") or {}).get("score")})
          for f in data.get("findings", []) if f["section"] == "priority"]),
        (labels["findings"], FINDING_COLUMNS, data.get("findings", [])),
        (labels["figures"], ("name", "value", "unit", "source", "year"), data.get("figures", [])),
        (labels["stakeholders"], ("name", "kind", "level"), data.get("stakeholders", [])),
    ]
    book.remove(book.active)
    for title, columns, rows in sheets:
        sheet = book.create_sheet(title[:31])
        sheet.append(list(columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in columns])
        for column, width in zip("ABCDE", (12, 60, 14, 30, 10), strict=False):
            sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    if isinstance(value, str):
        try:
            return float(value) if value.replace(".", "", 1).lstrip("-").isdigit() else value
        except ValueError:
            return value
    return value
