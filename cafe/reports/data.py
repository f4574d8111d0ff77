"""The analysis as data: JSON (everything), CSV (one flat table) and XLSX (one sheet per part).
Only what the analysis holds, which is built from anonymous results: never names or tokens."""

import csv
import io
import json

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from cafe.domain.report import priority_columns

# A spreadsheet reads a cell that begins with one of these as a formula (tab and CR too: Excel
# and LibreOffice skip them before looking). A card `=HYPERLINK("http://…","y")` must stay text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS = ("table", "section", "text", "building_block", "place", "votes", "value", "unit",
               "year", "source_kind", "source", "date", "activity")


def _rank_key(finding: dict):
    source = finding.get("source") or {}
    return (source.get("date") or "", source.get("key", "").split(":")[:2],
            (finding.get("detail") or {}).get("rank") or 0, finding.get("position", 0))


def priorities(data: dict) -> list[dict]:
    return sorted((f for f in data.get("findings", []) if f["section"] == "priority"),
                  key=_rank_key)


def votes(finding: dict):
    """The one number that best says how much support a priority got, per voting method."""
    detail = finding.get("detail") or {}
    column = priority_columns(detail.get("method", "dot"))[0]
    return detail.get(column, detail.get("score"))


def to_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=1, default=str).encode()


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def inert(value):
    """A CSV field no spreadsheet runs: text that would start a formula gets a leading
    apostrophe, which spreadsheets show as text (a negative number stays a number)."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _is_number(value):
        return "'" + value
    return value


class _InertWriter:
    def __init__(self, writer):
        self.writer = writer

    def writerow(self, row):
        self.writer.writerow([inert(value) for value in row])


def to_csv(data: dict) -> bytes:
    out = io.StringIO()
    # Semicolons: what Excel expects in Belgium, where these files are opened.
    writer = _InertWriter(csv.writer(out, delimiter=";"))
    writer.writerow(CSV_COLUMNS)
    for f in data.get("figures", []):
        writer.writerow(("figure", "", f["name"], "", "", "", f["value"], f.get("unit") or "",
                         f.get("year") or "", "", f.get("source") or "", "", ""))
    ordered = priorities(data) + [f for f in data.get("findings", [])
                                  if f["section"] != "priority"]
    for f in ordered:
        detail, source = f.get("detail") or {}, f.get("source") or {}
        writer.writerow(("finding", f["section"], f["text"], f.get("building_block") or "",
                         detail.get("rank", "") if f["section"] == "priority" else "",
                         votes(f) if f["section"] == "priority" else "",
                         "", "", "", source.get("kind", ""), source.get("label", ""),
                         source.get("date") or "", source.get("activity", "")))
    for s in data.get("stakeholders", []):
        writer.writerow(("stakeholder", s["level"], s["name"], "", "", "", "", "", "", "",
                         s.get("type") or "", "", ""))
    return ("\ufeff" + out.getvalue()).encode()  # the BOM makes Excel read UTF-8


def _number(value):
    """Figures are stored as text; numbers become numbers in the spreadsheet."""
    if isinstance(value, str):
        try:
            return float(value) if "." in value else int(value)
        except ValueError:
            return value
    return value


def _sheets(data: dict, labels: dict) -> list[tuple[str, list[str], list[list]]]:
    t = labels.get
    findings = data.get("findings", [])
    sections = labels.get("sections", {})
    blocks = labels.get("blocks", {})
    roles: dict[str, int] = {}
    for f in findings:
        for role, n in ((f.get("detail") or {}).get("by_role") or {}).items():
            roles[role] = roles.get(role, 0) + int(n)
    delphi = [f for f in findings if f["section"] in ("consensus", "dissent", "undecided")]
    return [
        (t("priorities"), [t("rank"), t("priority"), t("col_dots"), t("participants"),
                           t("source"), t("date")],
         [[(f.get("detail") or {}).get("rank"), f["text"], votes(f),
           (f.get("detail") or {}).get("item_voters"),
           (f.get("source") or {}).get("activity") or (f.get("source") or {}).get("label"),
           (f.get("source") or {}).get("date")] for f in priorities(data)]),
        (t("consensus_dissent"), [t("statement"), t("result"), t("median"), t("iqr"),
                                  t("agree"), t("n")],
         [[f["text"], sections.get(f["section"], f["section"]),
           *[(f.get("detail") or {}).get(k) for k in ("median", "iqr", "agree", "n")]]
          for f in delphi]),
        (t("findings"), [t("kind"), t("text"), t("building_block"), t("source"), t("date")],
         [[sections.get(f["section"], f["section"]), f["text"],
           blocks.get(f.get("building_block") or "", ""),
           (f.get("source") or {}).get("label"), (f.get("source") or {}).get("date")]
          for f in findings if f["section"] != "participation"]),
        (t("by_role"), [t("role"), t("count")],
         [[labels.get("roles", {}).get(r, r), n] for r, n in sorted(roles.items())]),
        (t("figures"), [t("figure"), t("value"), t("unit"), t("source"), t("year")],
         [[f["name"], _number(f["value"]), f.get("unit"), f.get("source"), f.get("year")]
          for f in data.get("figures", [])]),
        (t("stakeholders"), [t("name"), t("type"), t("level")],
         [[s["name"], s.get("type"), labels.get("levels", {}).get(s["level"], s["level"])]
          for s in data.get("stakeholders", [])]),
    ]


def to_xlsx(data: dict, labels: dict) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used = set()
    for title, headers, rows in _sheets(data, labels):
        name = "".join(c for c in title if c not in "[]:*?/\\")[:31]
        while name in used:  # sheet names must be unique
            name = name[:29] + f" {len(used)}"
        used.add(name)
        sheet = book.create_sheet(name)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E0EEEB")
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text, never a formula (openpyxl reads "=…" as one)
        sheet.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns):
            longest = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(longest, 8), 70) + 2
            if index in (0, 1):
                for cell in column[1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
