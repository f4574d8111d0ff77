"""Reading figures from the CSV files statistics sites offer, into rows of name, value, unit,
source and year.

Belgian and Dutch sites (Statbel, Provincies in Cijfers, BISA, gemeente-monitor) export with
semicolons and decimal commas ("1.234,5"); others with commas and decimal points ("1,234.5").
The delimiter is sniffed; the decimal mark is decided per file from the values themselves,
falling back on the delimiter's convention when every value is ambiguous ("12.345").
"""

import csv
import io
import re

HEADERS = {
    "name": ("name", "naam", "nom", "indicator", "indicateur", "omschrijving", "description",
             "variabele", "variable", "kenmerk"),
    "value": ("value", "waarde", "valeur", "aantal", "nombre", "number"),
    "unit": ("unit", "eenheid", "unité", "unite"),
    "source": ("source", "bron"),
    "year": ("year", "jaar", "année", "annee", "periode", "période", "period"),
}
MAX_ROWS = 500
MAX_COLUMNS = 100  # statistics exports have a handful; 50,000 is not a table of figures
MAX_FIELD = 10_000  # characters in one cell
# Title lines some sites put above the header.
HEADER_SEARCH = 10

_COMMA_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d{3})+,\d+$|^-?\d+,(\d{1,2}|\d{4,})$")
_POINT_DECIMAL = re.compile(r"^-?\d{1,3}(,\d{3})+\.\d+$|^-?\d+\.(\d{1,2}|\d{4,})$")


class FigureError(ValueError):
    """Why a file cannot be read; `code` and `params` let the caller translate the message."""

    def __init__(self, code: str, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


def _clean(raw: str) -> str:
    return raw.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")


def decimal_comma(values: list[str], default: bool) -> bool:
    """True when the file writes 1.234,5. Unambiguous values decide; otherwise the default."""
    comma = point = 0
    for raw in values:
        value = _clean(raw).rstrip("%")
        comma += bool(_COMMA_DECIMAL.match(value))
        point += bool(_POINT_DECIMAL.match(value))
    if comma != point:
        return comma > point
    return default


def normalise_number(raw: str, decimal_comma: bool = True) -> str:
    """'1.234,5' (or '1,234.5' when decimal_comma is False) becomes '1234.5'; text such as
    'n.v.t.' or '<5' stays as it was."""
    value = _clean(raw)
    thousands, decimal = (".", ",") if decimal_comma else (",", ".")
    number = value.replace(thousands, "").replace(decimal, ".")
    try:
        float(number)
    except ValueError:
        return raw.strip()
    return number


def _column_map(header: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = cell.strip().strip('"').lower()
        for field, names in HEADERS.items():
            if key in names and field not in found:
                found[field] = index
    return found if "name" in found and "value" in found else None


def _dialect(text: str):
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=";,\t")
    except csv.Error:
        return csv.excel


def _table(text: str, delimiter: str | None = None, max_rows: int = MAX_ROWS):
    """(delimiter, header row index, column map, rows with their line numbers). Reads no more
    rows than a valid file can have, so a huge file costs no more than a refused one."""
    dialect = _dialect(text) if delimiter is None else None
    source = io.StringIO(text, newline="")  # line ends inside quoted cells stay in the cell
    reader = csv.reader(source, dialect) if dialect else csv.reader(source, delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            if len(row) > MAX_COLUMNS:
                raise FigureError("too_wide", max=MAX_COLUMNS)
            if any(len(c) > MAX_FIELD for c in row):
                raise FigureError("too_long", max=MAX_FIELD)
            if any(c.strip() for c in row):
                rows.append((reader.line_num, row))
            if len(rows) > HEADER_SEARCH + max_rows + 1:
                break
    except csv.Error as error:
        if "field limit" in str(error):  # the csv module's own limit, far above ours
            raise FigureError("too_long", max=MAX_FIELD) from None
        raise FigureError("unreadable") from None
    for index, (_line, row) in enumerate(rows[:HEADER_SEARCH]):
        columns = _column_map(row)
        if columns:
            return (dialect.delimiter if dialect else delimiter), index, columns, rows
    return None


def parse_figures(text: str, max_rows: int = MAX_ROWS) -> list[dict]:
    """Rows of {name, value, unit, source, year}. Raises FigureError: empty, no_header,
    empty_name (line), too_many (max), too_wide (max), too_long (max), unreadable."""
    text = (text or "").lstrip("\ufeff")
    if not text.strip():
        raise FigureError("empty")
    if "\x00" in text:  # a spreadsheet or a picture, not a CSV file
        raise FigureError("unreadable")
    # The sniffer can be misled by a title line above the table: then try each delimiter.
    found = None
    for delimiter in (None, ";", ",", "\t"):
        try:
            found = _table(text, delimiter, max_rows)
        except FigureError as error:
            if delimiter == "\t" or error.code != "unreadable":
                raise
        if found:
            break
    if found is None:
        raise FigureError("no_header")
    delimiter, start, columns, rows = found
    body = rows[start + 1:]
    if len(body) > max_rows:
        raise FigureError("too_many", max=max_rows)

    def cell(row: list[str], field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    comma = decimal_comma([cell(r, "value") for _n, r in body], default=delimiter != ",")
    out = []
    for line, row in body:
        name = cell(row, "name")
        if not name:
            raise FigureError("empty_name", line=line)
        raw_value, unit = cell(row, "value"), cell(row, "unit")
        if raw_value.endswith("%") and not unit:
            raw_value, unit = raw_value[:-1], "%"
        year = re.search(r"(19|20)\d\d", cell(row, "year"))
        out.append({
            "name": name[:200],
            "value": normalise_number(raw_value, comma)[:64],
            "unit": unit[:40],
            "source": cell(row, "source")[:200],
            "year": int(year.group()) if year else None,
        })
    return out
